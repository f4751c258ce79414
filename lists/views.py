"""Favourites (kept in the browser) and shared lists: read-only share link, secret edit link, CSV."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from . import services
from .forms import AddOfferForm, NewListForm
from .models import OfferList
from .selectors import favourite_offers, list_items, offer_from_address

NOTE_MAX = 300


def favourites(request: HttpRequest) -> HttpResponse:
    """The favourites kept in this browser: the script puts their ids in the address (``?tilbud=1&tilbud=2``)."""
    offers = favourite_offers(request.GET.getlist("tilbud"))
    return TemplateResponse(request, "lists/favourites.html", {"offers": offers, "form": NewListForm()})


@require_POST
def create_list(request: HttpRequest) -> HttpResponse:
    offers = favourite_offers(request.POST.getlist("tilbud"))
    form = NewListForm(request.POST)
    if not offers:
        form.add_error(None, _("Listen skal have mindst ét tilbud. Gem tilbud som favoritter først."))
    if not form.is_valid():
        return TemplateResponse(request, "lists/favourites.html", {"offers": offers, "form": form}, status=400)
    offer_list = services.create_list(title=form.cleaned_data["title"], offers=offers)
    return redirect(reverse("lists:edit", args=[offer_list.edit_token]) + "?ny=1")


def _share_url(request: HttpRequest, offer_list: OfferList) -> str:
    return request.build_absolute_uri(reverse("lists:detail", args=[offer_list.share_token]))


def list_detail(request: HttpRequest, share_token: str) -> HttpResponse:
    offer_list = get_object_or_404(OfferList, share_token=share_token)
    return TemplateResponse(
        request,
        "lists/list_detail.html",
        {"offer_list": offer_list, "items": list_items(offer_list), "share_url": _share_url(request, offer_list)},
    )


def list_csv(request: HttpRequest, share_token: str) -> HttpResponse:
    """The list for a spreadsheet: semicolon-separated UTF-8 with a byte-order mark, as Danish Excel expects."""
    offer_list = get_object_or_404(OfferList, share_token=share_token)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="liste-{offer_list.share_token}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(["Tilbud", "Læringsmiljø", "Kommune", "Klassetrin", "Pris", "Note", "Status", "Adresse"])
    for item in list_items(offer_list):
        offer = item.offer
        if item.is_withdrawn:
            writer.writerow([_csv_safe(item.offer_title), "", "", "", "", _csv_safe(item.note), "Trukket tilbage", ""])
            continue
        writer.writerow(
            [
                _csv_safe(offer.title),
                _csv_safe(offer.environment.title if offer.environment else ""),
                offer.municipality.name if offer.municipality else "",
                offer.facts.grades,
                _csv_safe(offer.facts.price_text),
                _csv_safe(item.note),
                "Aktiv",
                offer.get_full_url(request),
            ]
        )
    return response


def _csv_safe(value: str) -> str:
    """No formula injection: a cell starting with = + - @ is read as text by spreadsheets."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


@require_http_methods(["GET", "POST"])
def list_edit(request: HttpRequest, edit_token: str) -> HttpResponse:
    offer_list = OfferList.objects.filter(edit_token=edit_token).first()
    if offer_list is None:
        return TemplateResponse(request, "lists/bad_edit_link.html", status=404)
    edit_url = request.build_absolute_uri(request.path)
    title_form = NewListForm(initial={"title": offer_list.title})
    add_form = AddOfferForm()
    status = 200
    note_errors: dict[int, str] = {}
    if request.method == "POST" and request.POST.get("action") == "tilfoej":
        add_form = AddOfferForm(request.POST)
        if add_form.is_valid():
            offer = offer_from_address(request, add_form.cleaned_data["address"])
            if offer is None:
                add_form.add_error("address", _("Adressen fører ikke til et tilbud på Skoletjenesten."))
            else:
                if services.add_offer(offer_list=offer_list, offer=offer):
                    messages.success(request, _("»%(title)s« er tilføjet.") % {"title": offer.title})
                else:
                    messages.info(request, _("»%(title)s« står allerede på listen.") % {"title": offer.title})
                return redirect(request.path)
        status = 400
    elif request.method == "POST":
        title_form = NewListForm(request.POST)
        items = {item.pk: item for item in offer_list.items.all()}
        notes = {}
        for pk in items:
            note = request.POST.get(f"note-{pk}", "").strip()
            if len(note) > NOTE_MAX:
                note_errors[pk] = _("Noten må højst have %(max)s tegn.") % {"max": NOTE_MAX}
            notes[pk] = note
        remove = {pk for pk in items if request.POST.get(f"fjern-{pk}")}
        if title_form.is_valid() and not note_errors:
            services.update_list(
                offer_list=offer_list, title=title_form.cleaned_data["title"], notes=notes, remove=remove
            )
            messages.success(request, _("Listen er gemt."))
            return redirect(request.path)
        status = 400
    items = list_items(offer_list)
    for item in items:
        item.note_error = note_errors.get(item.pk, "")
        if request.method == "POST" and f"note-{item.pk}" in request.POST:
            item.note = request.POST[f"note-{item.pk}"]
    return TemplateResponse(
        request,
        "lists/list_edit.html",
        {
            "offer_list": offer_list,
            "items": items,
            "title_form": title_form,
            "add_form": add_form,
            "share_url": _share_url(request, offer_list),
            "edit_url": edit_url,
            "is_new": request.GET.get("ny") == "1",
            "note_max": NOTE_MAX,
        },
        status=status,
    )
