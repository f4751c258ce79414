"""The usage dashboards in the admin: staff (everything), kommune consultants (their site), environment
editors (their offers); charts and tables, each table also as CSV."""

from __future__ import annotations

import csv
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from .models import UsageKind
from .selectors import bar_chart, monthly, offers_table, scopes_for_user, top_keys

TABLES = ("searches", "zero", "filters", "months", "offers")


def dashboard(request: HttpRequest) -> HttpResponse:
    scopes = scopes_for_user(request.user)
    if not scopes:
        raise PermissionDenied
    try:
        index = int(request.GET.get("omfang", "0"))
        scope = scopes[index]
    except (ValueError, IndexError):
        index, scope = 0, scopes[0]
    rows = scope.rows()
    data: dict[str, list[Any]] = {
        "searches": top_keys(rows, UsageKind.SEARCH),
        "zero": top_keys(rows, UsageKind.ZERO_RESULTS),
        "filters": top_keys(rows, UsageKind.FILTER, limit=15),
        "months": monthly(rows),
        "offers": offers_table(rows),
    }
    table = request.GET.get("csv")
    if table in TABLES:
        return _csv(table, data[table], scope)
    main_kind = UsageKind.OFFER_VIEW if scope.kind == "environments" else UsageKind.SEARCH
    context = {
        "scopes": [(i, item) for i, item in enumerate(scopes)],
        "scope": scope,
        "scope_index": index,
        "chart": bar_chart(data["months"], main_kind),
        "chart_label": UsageKind(main_kind).label,
        **data,
    }
    return TemplateResponse(request, "usage/admin/dashboard.html", context)


def _csv(table: str, items: list[Any], scope) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="statistik-{table}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    if table == "months":
        writer.writerow(["måned", *[str(label) for label in UsageKind.labels]])
        for item in items:
            writer.writerow([item["month"].strftime("%Y-%m"), *[item[kind] for kind in UsageKind.values]])
    elif table == "offers":
        writer.writerow(["tilbud_id", "tilbud", "visninger", "bookingklik", "kontaktklik", "forespørgsler"])
        for item in items:
            writer.writerow(
                [
                    item["offer"],
                    item["title"],
                    item["view"] or 0,
                    item["booking"] or 0,
                    item["contact"] or 0,
                    item["request"] or 0,
                ]
            )
    else:
        writer.writerow(["søgning" if table != "filters" else "filter", "antal"])
        for item in items:
            writer.writerow([_safe(item["key"]), item["total"]])
    return response


def _safe(value: str) -> str:
    """No spreadsheet formulas from typed search words."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value
