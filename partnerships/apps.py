from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = _("Partnerskaber")

    def ready(self) -> None:
        # Imported in ready(): the models are loaded only now.
        from wagtail.permissions import register_permission_policy

        from .models import CollaborationAgreement
        from .permissions import CollaborationAgreementPermissionPolicy

        # Registered before the admin viewsets look the policy up.
        register_permission_policy(
            CollaborationAgreement, CollaborationAgreementPermissionPolicy(CollaborationAgreement)
        )
