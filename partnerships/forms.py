"""Admin forms: a consultant can only pick the kommuner they work for."""

from __future__ import annotations

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
