"""Public endpoints of the statistics: the click beacon and the privacy page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from offers.models import OfferPage

from .counters import record
from .middleware import municipal_site_id
from .models import UsageKind

CLICK_KINDS = {"booking": UsageKind.BOOKING_CLICK, "contact": UsageKind.CONTACT_CLICK}


@csrf_exempt  # a beacon without cookies: it changes nothing but a counter
@require_POST
def click(request: HttpRequest) -> HttpResponse:
    """``navigator.sendBeacon`` from an offer page: kind=booking|contact, offer=<id>. Always 204."""
    kind = CLICK_KINDS.get(request.POST.get("kind", ""))
    offer_id = request.POST.get("offer", "")
    if kind and offer_id.isdigit() and len(offer_id) < 12:
        environment = OfferPage.objects.live().filter(pk=int(offer_id)).values_list("environment_id", flat=True).first()
        if environment is not None or OfferPage.objects.live().filter(pk=int(offer_id)).exists():
            record(kind, site=municipal_site_id(request), offer=int(offer_id), environment=environment)
    return HttpResponse(status=204)


def privacy(request: HttpRequest) -> TemplateResponse:
    return TemplateResponse(request, "usage/privacy.html", {})
