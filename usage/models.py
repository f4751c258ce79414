"""Usage statistics, aggregated per day: no cookies, no IP addresses, no user agents, nothing per visitor.

One row per day, kind of event and dimension (site, offer, environment, key), holding a count. Written
only by ``usage.services.flush_counters`` from the counters that requests leave in Redis.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class UsageKind(models.TextChoices):
    SEARCH = "search", _("Søgning")
    ZERO_RESULTS = "zero", _("Søgning uden resultater")
    FILTER = "filter", _("Filter brugt")
    OFFER_VIEW = "view", _("Visning af tilbud")
    BOOKING_CLICK = "booking", _("Klik på booking")
    CONTACT_CLICK = "contact", _("Klik på kontakt")
    REQUEST = "request", _("Forespørgsel")


class DailyUsage(models.Model):
    day = models.DateField(_("dag"))
    kind = models.CharField(_("hændelse"), max_length=10, choices=UsageKind.choices)
    # The kommune site the event happened on (null: the national site).
    site = models.ForeignKey(
        "municipalities.MunicipalSite", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    offer = models.ForeignKey("offers.OfferPage", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    environment = models.ForeignKey(
        "offers.LearningEnvironmentPage", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField(_("søgeord eller filter"), max_length=120, blank=True, default="")
    count = models.PositiveIntegerField(_("antal"), default=0)

    class Meta:
        verbose_name = _("brug pr. dag")
        verbose_name_plural = _("brug pr. dag")
        permissions = [("view_all_usage", _("Kan se brugsstatistik for hele platformen"))]
        constraints = [
            models.UniqueConstraint(
                fields=["day", "kind", "site", "offer", "environment", "key"],
                name="usage_daily_unique",
                nulls_distinct=False,
            )
        ]
        indexes = [
            models.Index(fields=["kind", "day"], name="usage_kind_day"),
            models.Index(fields=["environment", "kind", "day"], name="usage_env_kind_day"),
            models.Index(fields=["site", "kind", "day"], name="usage_site_kind_day"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.kind} {self.count}"
