from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnvironmentsConfig(AppConfig):
    """Learning environments' own editors, their moderation, sign-up and yearly re-confirmation."""

    name = "environments"
    verbose_name = _("Læringsmiljøernes redaktører")

    def ready(self):
        from . import notifications, signals  # noqa: F401  (signals: a new kommunesite gets its review workflow)

        notifications.connect()
