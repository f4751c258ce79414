"""Public views: the request form at ``<offer url>foresporgsel/``, the teacher's private status page,
its calendar file, and the privacy page."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from wagtail.models import Site

from offers.models import OfferPage

from . import services
from .forms import BookingRequestForm
from .mailer import calendar_file
from .models import RequestStatus
from .ratelimit import over_limit
from .tokens import LinkError, make_token, read_token

NOTICES = {
    "annulleret": gettext_lazy("Forespørgslen er annulleret. Læringsmiljøet har fået besked."),
    "accepteret": gettext_lazy("Tak. Besøget er bekræftet, og du har fået en e-mail med en kalenderfil."),
    "afslaaet": gettext_lazy("Du har takket nej til den foreslåede dato. Læringsmiljøet har fået besked."),
}


def offer_for_path(request: HttpRequest, offer_path: str) -> OfferPage:
    """The live offer page at this path of the request's site (the form lives under the offer's URL)."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    components = [component for component in offer_path.split("/") if component]
    page = site.root_page.specific.route(request, components).page.specific
    if not isinstance(page, OfferPage) or not page.live:
        raise Http404
    return page


def privacy_context() -> dict:
    return {
        "anonymise_months": settings.BOOKING_ANONYMISE_AFTER_MONTHS,
        "privacy_url": reverse("bookings:privacy"),
    }


@require_http_methods(["GET", "POST"])
def request_form(request: HttpRequest, offer_path: str) -> HttpResponse:
    offer = offer_for_path(request, offer_path)
    context = {"offer": offer, "offer_url": offer.get_url(request), **privacy_context()}
    if not offer.accepts_platform_requests:
        return TemplateResponse(request, "bookings/not_taking_requests.html", context, status=404)
    form = BookingRequestForm(request.POST or None, offer=offer)
    context["form"] = form
    if request.method == "POST":
        if form.is_bot:
            return TemplateResponse(request, "bookings/rejected.html", context, status=400)
        if form.is_valid():
            if over_limit(request, form.cleaned_data["email"]):
                form.add_error(None, _("Der er sendt mange forespørgsler fra dig den seneste time. Prøv igen senere."))
                return TemplateResponse(request, "bookings/request_form.html", context, status=429)
            data = form.cleaned_data
            booking = services.create_request(
                offer=offer,
                school_name=data["school_name"],
                school_postcode=data["school_postcode"],
                teacher_name=data["teacher_name"],
                email=data["email"],
                phone=data["phone"],
                grade=data["grade"],
                pupils=data["pupils"],
                preferred_dates=data["preferred_dates"],
                flexible=data["flexible"],
                message=data["message"],
            )
            return redirect(reverse("bookings:status", args=[make_token(booking)]) + "?kvittering=1")
        return TemplateResponse(request, "bookings/request_form.html", context, status=400)
    return TemplateResponse(request, "bookings/request_form.html", context)


def _bad_link(request: HttpRequest, error: LinkError) -> HttpResponse:
    return TemplateResponse(
        request, "bookings/bad_link.html", {"expired": error.expired}, status=410 if error.expired else 404
    )


@require_http_methods(["GET", "POST"])
def request_status(request: HttpRequest, token: str) -> HttpResponse:
    try:
        booking = read_token(token)
    except LinkError as error:
        return _bad_link(request, error)
    error = ""
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "annuller":
                services.cancel_request(booking=booking)
                return redirect(request.path + "?besked=annulleret")
            if action == "tag-imod":
                services.answer_proposal(booking=booking, accept=True)
                return redirect(request.path + "?besked=accepteret")
            if action == "afslaa":
                services.answer_proposal(booking=booking, accept=False)
                return redirect(request.path + "?besked=afslaaet")
            error = _("Ukendt handling.")
        except services.BookingStateError as state_error:
            error = str(state_error)
        booking.refresh_from_db()
    context = {
        "booking": booking,
        "receipt": request.GET.get("kvittering") == "1",
        "notice": NOTICES.get(request.GET.get("besked", "")),
        "error": error,
        "can_cancel": booking.is_open or booking.status == RequestStatus.ACCEPTED,
        "calendar_url": reverse("bookings:calendar", args=[token]),
        **privacy_context(),
    }
    return TemplateResponse(request, "bookings/request_status.html", context, status=400 if error else 200)


def request_calendar(request: HttpRequest, token: str) -> HttpResponse:
    try:
        booking = read_token(token)
    except LinkError as error:
        return _bad_link(request, error)
    if booking.status != RequestStatus.ACCEPTED or booking.visit_start is None:
        raise Http404
    response = HttpResponse(calendar_file(booking), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="besoeg.ics"'
    return response


def privacy(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(request, "bookings/privacy.html", privacy_context())
