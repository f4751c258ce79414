"""Errors of the API as RFC 9457 problem details (``application/problem+json``) with Danish messages.

Every error the API gives, from DRF's exceptions (404, 405, 406, 429 …), from bad parameters and from
URLs under /api/ that match nothing, goes through ``problem_response``.
"""

from __future__ import annotations

import logging
from typing import Any

from django.http import Http404, HttpRequest, JsonResponse
from rest_framework import exceptions, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

logger = logging.getLogger(__name__)

PROBLEM_CONTENT_TYPE = "application/problem+json"
PROBLEM_BASE = "/api/v1/problemer/"

TITLES = {
    400: "Ugyldig forespørgsel",
    404: "Findes ikke",
    405: "Metoden er ikke tilladt",
    406: "Formatet kan ikke leveres",
    429: "For mange forespørgsler",
    500: "Intern fejl",
}
DETAILS = {
    404: "Der findes ikke noget offentligt indhold på denne adresse.",
    405: "API'et kan kun læses (GET, HEAD og OPTIONS).",
    406: "Vælg application/json eller application/ld+json i Accept-headeren.",
    429: "Du har sendt for mange forespørgsler fra din adresse. Vent lidt, og prøv igen.",
    500: "Der skete en fejl hos os. Prøv igen senere.",
}
TYPES = {400: "ugyldige-parametre", 404: "findes-ikke", 405: "metode", 406: "format", 429: "for-mange", 500: "intern"}


class ProblemJSONRenderer(JSONRenderer):
    media_type = PROBLEM_CONTENT_TYPE
    format = "problem+json"


def problem_body(request: HttpRequest | None, status_code: int, detail: str | None = None, **extra: Any) -> dict:
    body: dict[str, Any] = {
        "type": PROBLEM_BASE + TYPES.get(status_code, "fejl"),
        "title": TITLES.get(status_code, "Fejl"),
        "status": status_code,
        "detail": detail or DETAILS.get(status_code, ""),
    }
    if request is not None:
        body["instance"] = request.path
    body.update(extra)
    return body


def problem_response(request: HttpRequest | None, status_code: int, detail: str | None = None, **extra) -> Response:
    response = Response(problem_body(request, status_code, detail, **extra), status=status_code)
    response.content_type = PROBLEM_CONTENT_TYPE
    return response


def invalid_params_response(request: HttpRequest, problems: list) -> Response:
    names = ", ".join(dict.fromkeys(f"»{problem.name}«" for problem in problems))
    return problem_response(
        request,
        400,
        f"Forespørgslen har parametre, der ikke kan bruges: {names}.",
        **{"invalid-params": [{"name": problem.name, "reason": problem.reason} for problem in problems]},
    )


def problem_exception_handler(exc: Exception, context: dict) -> Response | None:
    """DRF's EXCEPTION_HANDLER: every API exception as problem details; nothing escapes as an HTML 500."""
    request = context.get("request")
    headers: dict[str, str] = {}
    if isinstance(exc, Http404):
        response = problem_response(request, 404)
    elif isinstance(exc, exceptions.Throttled):
        wait = int(exc.wait or 60)
        response = problem_response(
            request, 429, f"{DETAILS[429]} Du kan sende nye forespørgsler om {wait} sekunder.", retry_after=wait
        )
        headers["Retry-After"] = str(wait)
    elif isinstance(exc, exceptions.MethodNotAllowed):
        response = problem_response(request, 405)
        headers["Allow"] = "GET, HEAD, OPTIONS"
    elif isinstance(exc, exceptions.NotAcceptable):
        response = problem_response(request, 406)
    elif isinstance(exc, exceptions.NotFound):
        response = problem_response(request, 404)
    elif isinstance(exc, exceptions.ValidationError):
        response = problem_response(request, 400, "Forespørgslen er ugyldig.", errors=exc.detail)
    elif isinstance(exc, exceptions.APIException):
        response = problem_response(request, exc.status_code, str(exc.detail))
    else:
        logger.exception("API error", exc_info=exc)
        response = problem_response(request, status.HTTP_500_INTERNAL_SERVER_ERROR)
    for name, value in headers.items():
        response[name] = value
    if request is not None:
        # A problem is always JSON, whatever the client asked for.
        request.accepted_renderer = ProblemJSONRenderer()
        request.accepted_media_type = PROBLEM_CONTENT_TYPE
    return response


def api_not_found(request: HttpRequest, *args, **kwargs) -> JsonResponse:
    """Any URL under /api/ that matches no endpoint: a problem, not the site's HTML 404 page."""
    return JsonResponse(
        problem_body(request, 404, "Adressen findes ikke i API'et. Se dokumentationen på /api/v1/docs/."),
        status=404,
        content_type=PROBLEM_CONTENT_TYPE,
        json_dumps_params={"ensure_ascii": False},
    )
