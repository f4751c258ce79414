"""Reads for the usage dashboards: who sees which rows, and the aggregates they show."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from municipalities.access import municipalities_for_user
from municipalities.models import MunicipalSite
from offers.models import LearningEnvironmentPage, OfferPage

from .models import DailyUsage, UsageKind

MONTHS = 12


def window_start(today: datetime.date) -> datetime.date:
    """The first day of the dashboards' window: the current month and the MONTHS - 1 before it."""
    months = today.year * 12 + today.month - 1 - (MONTHS - 1)
    return datetime.date(months // 12, months % 12 + 1, 1)


def can_view_all_usage(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user.has_perm("usage.view_all_usage"))


@dataclass
class Scope:
    """What a user's dashboard covers: everything (staff), a kommune site, or some environments."""

    kind: str  # "all", "site", "environments"
    label: str
    site: MunicipalSite | None = None
    environments: list[LearningEnvironmentPage] | None = None

    def rows(self) -> QuerySet[DailyUsage]:
        rows = DailyUsage.objects.filter(day__gte=window_start(timezone.localdate()))
        if self.kind == "site":
            return rows.filter(site=self.site)
        if self.kind == "environments":
            return rows.filter(environment__in=self.environments or [])
        return rows


def scopes_for_user(user) -> list[Scope]:
    scopes: list[Scope] = []
    if can_view_all_usage(user):
        scopes.append(Scope("all", "Hele platformen"))
    sites = MunicipalSite.objects.filter(municipality__in=municipalities_for_user(user)).select_related("municipality")
    if not user.is_superuser:
        scopes += [Scope("site", f"Kommunesite: {site.municipality.name}", site=site) for site in sites]
        environments = list(LearningEnvironmentPage.objects.filter(editors_group__user=user).order_by("title"))
        if environments:
            label = environments[0].title if len(environments) == 1 else f"{len(environments)} læringsmiljøer"
            scopes.append(Scope("environments", label, environments=environments))
    return scopes


def top_keys(rows: QuerySet[DailyUsage], kind: str, limit: int = 25) -> list[Mapping[str, Any]]:
    return list(rows.filter(kind=kind).values("key").annotate(total=Sum("count")).order_by("-total", "key")[:limit])


def monthly(rows: QuerySet[DailyUsage]) -> list[dict]:
    """Per month: searches, zero-result searches, offer views, booking and contact clicks, requests."""
    totals: dict[datetime.date, dict[str, int]] = {}
    for item in rows.annotate(month=TruncMonth("day")).values("month", "kind").annotate(total=Sum("count")):
        totals.setdefault(item["month"], {})[item["kind"]] = item["total"]
    return [
        {"month": month, **{kind: counts.get(kind, 0) for kind in UsageKind.values}}
        for month, counts in sorted(totals.items())
    ]


def offers_table(rows: QuerySet[DailyUsage], limit: int = 50) -> list[dict]:
    """Per offer: views, booking clicks, contact clicks and requests, most viewed first."""
    kinds = [UsageKind.OFFER_VIEW, UsageKind.BOOKING_CLICK, UsageKind.CONTACT_CLICK, UsageKind.REQUEST]
    aggregates = {kind: Sum("count", filter=Q(kind=kind)) for kind in kinds}
    items = list(
        rows.filter(offer__isnull=False, kind__in=kinds)
        .values("offer")
        .annotate(**aggregates)
        .order_by(f"-{UsageKind.OFFER_VIEW}", "offer")[:limit]
    )
    titles = dict(OfferPage.objects.filter(pk__in=[item["offer"] for item in items]).values_list("pk", "title"))
    return [{**item, "title": titles.get(item["offer"], "?")} for item in items]


def bar_chart(series: list[dict], key: str, *, width: int = 640, height: int = 160) -> dict:
    """Bars for an SVG chart of one monthly series (the template draws them; a table has the numbers)."""
    peak = max([item[key] for item in series] + [1])
    step = width / max(len(series), 1)
    bars = []
    for index, item in enumerate(series):
        bar_height = round(item[key] / peak * (height - 20))
        bars.append(
            {
                "x": round(index * step + 4),
                "y": height - bar_height,
                "width": max(round(step - 8), 2),
                "height": bar_height,
                "label": item["month"].strftime("%m/%y"),
                "value": item[key],
            }
        )
    return {"width": width, "height": height + 20, "bars": bars, "baseline": height}
