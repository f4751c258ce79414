"""Distances in SQL without PostGIS: the haversine formula as a Django expression."""

from __future__ import annotations

from django.db.models import F, FloatField
from django.db.models.expressions import Func

from .models import EARTH_RADIUS_KM


class HaversineKm(Func):
    """Great-circle distance in km from a fixed point to a row's point (spherical law of cosines), as one node.

    Clamped to [-1, 1] so rounding never takes ACOS out of its domain for identical points. The same SQL as the
    tree of ``Radians``, ``Cos``, ``Sin``, ``Least`` and ``Greatest`` it replaces, but a search resolves and
    copies one node instead of about twenty (each use cost ~1 ms of Python; a place search uses it three times).
    """

    output_field = FloatField()

    def __init__(self, latitude: float, longitude: float, latitude_field: str, longitude_field: str) -> None:
        super().__init__(F(latitude_field), F(longitude_field), output_field=FloatField())
        self.origin = (float(latitude), float(longitude))

    def as_sql(self, compiler, connection, **extra_context):
        row_lat, lat_params = compiler.compile(self.source_expressions[0])
        row_lon, lon_params = compiler.compile(self.source_expressions[1])
        latitude, longitude = self.origin
        sql = (
            f"(%s * ACOS(GREATEST(LEAST((((COS(RADIANS(%s)) * COS(RADIANS({row_lat}))) * COS((RADIANS({row_lon})"
            f" - RADIANS(%s)))) + (SIN(RADIANS(%s)) * SIN(RADIANS({row_lat})))), %s), %s)))"
        )
        params = (EARTH_RADIUS_KM, latitude, *lat_params, *lon_params, longitude, latitude, *lat_params, 1.0, -1.0)
        return sql, params


def haversine_km(latitude: float, longitude: float, latitude_field: str, longitude_field: str) -> Func:
    """Great-circle distance in km from a fixed point to a row's point (``HaversineKm``)."""
    return HaversineKm(latitude, longitude, latitude_field, longitude_field)
