from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The top floor: the demo dataset (``manage.py seed_demo``), its content, the national site's
    skeleton and the factories tests and demo share. Nothing else in the project imports it."""

    name = "demo"
    verbose_name = _("Demodata")
