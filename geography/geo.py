"""Distances in SQL without PostGIS: the haversine formula as a Django expression."""

from __future__ import annotations

from django.db.models import F, FloatField, Value
from django.db.models.expressions import Func
from django.db.models.functions import ACos, Cos, Greatest, Least, Radians, Sin

from .models import EARTH_RADIUS_KM


def haversine_km(latitude: float, longitude: float, latitude_field: str, longitude_field: str) -> Func:
    """Great-circle distance in km from a fixed point to a row's point (spherical law of cosines).

    Clamped to [-1, 1] so rounding never takes ACOS out of its domain for identical points.
    """
    lat = Radians(Value(float(latitude), output_field=FloatField()))
    lon = Radians(Value(float(longitude), output_field=FloatField()))
    row_lat = Radians(F(latitude_field))
    row_lon = Radians(F(longitude_field))
    cosine = Cos(lat) * Cos(row_lat) * Cos(row_lon - lon) + Sin(lat) * Sin(row_lat)
    return Value(EARTH_RADIUS_KM, output_field=FloatField()) * ACos(
        Greatest(Least(cosine, Value(1.0, output_field=FloatField())), Value(-1.0, output_field=FloatField()))
    )
