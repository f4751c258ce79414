"""The offer's admin form (Danish postcode error) and its permission tester (no query per explorer row)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import PagePermissionTester


class OfferPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "location_postcode" in self.fields:
            self.fields["location_postcode"].error_messages["invalid_choice"] = _(
                "Skriv et dansk postnummer med fire cifre, f.eks. 8000."
            )


class LeafPagePermissionTester(PagePermissionTester):
    """For a page without children, "has it live descendants?" is its own live flag: no query per row of
    the explorer (Wagtail asks it for every row's Move and Delete buttons when the editor may not publish)."""

    def can_delete(self, ignore_bulk=False):
        if (
            self.page.numchild == 0
            and self.user.is_active
            and not self.user.is_superuser
            and not self.page_is_root
            and "change" in self.permissions
            and "publish" not in self.permissions
        ):
            return not self.page.live
        return super().can_delete(ignore_bulk=ignore_bulk)
