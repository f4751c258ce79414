from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """Running the platform: health, error pages, sign-in protection, upload limits, backups."""

    name = "operations"
    verbose_name = _("Drift")

    def ready(self):
        # ready(): both reach Django's and Wagtail's admin machinery, loaded only once the apps are
        from .pagecache import connect_signals
        from .spreadsheets import patch_wagtail_csv_exports

        patch_wagtail_csv_exports()
        connect_signals()  # any published change replaces the page cache's content version
