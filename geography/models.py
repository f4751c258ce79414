"""Regions, municipalities (kommuner) and postcodes with a point each, for distances.

The ground floor of the project: every other app may use these; they use none.
The tables keep the names they had when these models lived in ``municipalities``.
"""

from __future__ import annotations

import math

from django.db import models
from django.utils.translation import gettext_lazy as _

EARTH_RADIUS_KM = 6371.0088


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


class Region(models.Model):
    code = models.CharField(_("regionskode"), max_length=4, unique=True)
    name = models.CharField(_("navn"), max_length=60)
    short_name = models.CharField(_("kort navn"), max_length=30)
    nuts2 = models.CharField(max_length=4)
    latitude = models.FloatField()
    longitude = models.FloatField()

    class Meta:
        db_table = "municipalities_region"
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regioner")

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    code = models.CharField(_("kommunekode"), max_length=4, unique=True)
    name = models.CharField(_("navn"), max_length=60)
    slug = models.SlugField(unique=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="municipalities")
    latitude = models.FloatField()
    longitude = models.FloatField()

    class Meta:
        db_table = "municipalities_municipality"
        ordering = ["name"]
        verbose_name = _("kommune")
        verbose_name_plural = _("kommuner")

    def __str__(self) -> str:
        return self.name

    def distance_to(self, latitude: float, longitude: float) -> float:
        return distance_km(self.latitude, self.longitude, latitude, longitude)


class Postcode(models.Model):
    """A postal area. Copenhagen street codes are merged ranges, e.g. "1000-1499"."""

    code = models.CharField(_("postnummer"), max_length=9, unique=True)
    first_number = models.PositiveIntegerField(db_index=True)
    last_number = models.PositiveIntegerField()
    name = models.CharField(_("by"), max_length=60)
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="postcodes")
    latitude = models.FloatField()
    longitude = models.FloatField()

    class Meta:
        db_table = "municipalities_postcode"
        ordering = ["first_number"]
        verbose_name = _("postnummer")
        verbose_name_plural = _("postnumre")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @classmethod
    def lookup(cls, number: str | int) -> Postcode | None:
        """The postal area containing a four-digit postcode (ranges included)."""
        try:
            value = int(str(number).strip())
        except (TypeError, ValueError):
            return None
        return cls.objects.filter(first_number__lte=value, last_number__gte=value).order_by("-first_number").first()
