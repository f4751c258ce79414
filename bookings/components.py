"""The requests section of a kommune's "Lokalt udbud og mål" overview (hook: municipal_supply_sections)."""

from __future__ import annotations

from django.urls import reverse
from wagtail.admin.ui.components import Component

from geography.models import Municipality

from .selectors import demand


class DemandSection(Component):
    template_name = "bookings/admin/demand_section.html"

    def __init__(self, municipality: Municipality):
        self.municipality = municipality

    def get_context_data(self, parent_context):
        result = demand(municipality=self.municipality)
        return {
            "demand": result,
            "tables": [
                ("Forespørgsler efter fagområde", result.by_area, "Fagområde"),
                ("Forespørgsler efter klassetrin", result.by_band, "Klassetrin"),
            ],
            "demand_id": "kommune",
            "demand_url": reverse("bookings_admin:demand") + f"?kommune={self.municipality.code}",
        }
