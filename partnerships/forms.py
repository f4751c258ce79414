"""Admin forms: a consultant can only pick the kommuner they work for."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.admin.forms import WagtailAdminModelForm

from municipalities.access import municipalities_for_user


class CollaborationAgreementForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("municipality")
        if field is not None and self.for_user is not None:
            allowed = municipalities_for_user(self.for_user)
            field.queryset = allowed
            if not self.instance.pk and len(allowed[:2]) == 1:
                field.initial = allowed.first()


class PartnershipForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("responsible")
        if field is not None:
            # Reminders go to staff: superusers and users who may change partnerships.
            field.queryset = (
                get_user_model()
                .objects.filter(is_active=True)
                .filter(
                    Q(is_superuser=True)
                    | Q(user_permissions__codename="change_partnership")
                    | Q(groups__permissions__codename="change_partnership")
                )
                .distinct()
                .order_by("first_name", "last_name", "username")
            )
