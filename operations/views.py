"""Error pages in Danish with the site's header and footer."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, HttpResponseServerError
from django.template import loader
from django.templatetags.static import static

# Shown if even the 500 template fails (say, the database is gone): plain Danish HTML.
_FALLBACK_500 = (
    '<!DOCTYPE html><html lang="da"><head><meta charset="utf-8"><title>Serverfejl – Skoletjenesten</title>'
    "</head><body><h1>Der skete en fejl</h1><p>Siden kunne ikke vises. Prøv igen om lidt.</p></body></html>"
)


def server_error(request: HttpRequest) -> HttpResponse:
    try:
        return HttpResponseServerError(loader.render_to_string("500.html", {"request": request}))
    except Exception:  # noqa: BLE001 - the error page itself must never fail
        return HttpResponseServerError(_FALLBACK_500)


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page says; send them to the static icon."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))
