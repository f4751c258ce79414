"""The editors' inbox in the Wagtail admin: their requests, and accept / propose / decline."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from geography.models import Municipality
from municipalities.access import can_view_any_supply, municipalities_for_user

from . import services
from .access import answerable_requests, can_answer, has_inbox, readable_requests
from .forms import AnswerForm
from .models import BookingRequest, RequestStatus
from .selectors import demand

STATUS_FILTERS = {
    "aabne": ("Venter på svar", [RequestStatus.SENT, RequestStatus.PROPOSED]),
    "accepterede": ("Accepterede", [RequestStatus.ACCEPTED]),
    "afsluttede": ("Afviste og annullerede", [RequestStatus.DECLINED, RequestStatus.CANCELLED]),
}


def inbox(request: HttpRequest) -> HttpResponse:
    if not has_inbox(request.user):
        raise PermissionDenied
    wanted = request.GET.get("status", "aabne")
    if wanted not in STATUS_FILTERS and wanted != "alle":
        wanted = "aabne"
    requests = readable_requests(request.user).select_related("environment", "school_postcode", "grade")
    if wanted != "alle":
        requests = requests.filter(status__in=STATUS_FILTERS[wanted][1])
    personal_ids = set(answerable_requests(request.user).values_list("pk", flat=True))
    page = Paginator(requests.order_by("-created_at"), 50).get_page(request.GET.get("p"))
    rows = [{"booking": booking, "personal": booking.pk in personal_ids} for booking in page]
    return TemplateResponse(
        request,
        "bookings/admin/inbox.html",
        {
            "rows": rows,
            "page_obj": page,
            "filters": [
                ("aabne", _("Venter på svar")),
                ("accepterede", _("Accepterede")),
                ("afsluttede", _("Afviste og annullerede")),
                ("alle", _("Alle")),
            ],
            "current": wanted,
        },
    )


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    booking = (
        readable_requests(request.user)
        .select_related("environment", "offer", "school_postcode", "grade")
        .filter(pk=pk)
        .first()
    )
    if booking is None:
        if BookingRequest.objects.filter(pk=pk).exists() and request.user.is_authenticated:
            raise PermissionDenied
        raise Http404
    answerable = can_answer(request.user, booking)
    form = AnswerForm(request.POST or None)
    if request.method == "POST":
        if not answerable:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                if data["action"] == AnswerForm.ACCEPT:
                    services.accept_request(booking=booking, start=data["start"], actor=request.user, note=data["note"])
                    messages.success(
                        request, _("Forespørgslen er accepteret. Læreren får en e-mail med en kalenderfil.")
                    )
                elif data["action"] == AnswerForm.PROPOSE:
                    services.propose_date(booking=booking, start=data["start"], actor=request.user, note=data["note"])
                    messages.success(request, _("Den nye dato er foreslået. Læreren svarer via sit link."))
                else:
                    services.decline_request(
                        booking=booking, reason=data["reason"], actor=request.user, note=data["note"]
                    )
                    messages.success(request, _("Forespørgslen er afvist. Læreren har fået besked."))
            except services.BookingStateError as error:
                messages.error(request, str(error))
            return redirect("bookings_admin:detail", pk=booking.pk)
        messages.error(request, _("Svaret blev ikke sendt. Ret fejlene nedenfor."))
    return TemplateResponse(
        request,
        "bookings/admin/detail.html",
        {
            "booking": booking,
            "personal": answerable,
            "answerable": answerable and booking.is_open,
            "form": form,
            "events": booking.events.select_related("actor"),
        },
        status=400 if request.method == "POST" else 200,
    )


def demand_tables(result) -> list[tuple[str, list, str]]:
    return [
        (_("Efter fagområde"), result.by_area, _("Fagområde")),
        (_("Efter klassetrin"), result.by_band, _("Klassetrin")),
    ]


def sees_national_demand(user) -> bool:
    return user.is_superuser or can_view_any_supply(user) or user.has_perm("bookings.view_bookingrequest")


def demand_overview(request: HttpRequest) -> HttpResponse:
    """What schools asked for, got and did not get: staff nationally or for any kommune; consultants their own."""
    national = sees_national_demand(request.user)
    choices = list((Municipality.objects.all() if national else municipalities_for_user(request.user)).order_by("name"))
    if not national and not choices:
        raise PermissionDenied
    wanted = request.GET.get("kommune", "")
    selected = next((choice for choice in choices if choice.code == wanted), None)
    if wanted and selected is None:
        raise PermissionDenied
    if selected is None and not national:
        selected = choices[0]
    result = demand(municipality=selected)
    return TemplateResponse(
        request,
        "bookings/admin/demand.html",
        {
            "demand": result,
            "tables": demand_tables(result),
            "choices": choices,
            "national": national,
            "selected": selected,
            "demand_id": "oversigt",
        },
    )
