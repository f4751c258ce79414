from django.apps import AppConfig


class UsageConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "usage"
    verbose_name = "Brugsstatistik"

    def ready(self) -> None:
        from .signals import connect  # ready(): the signal handlers import models, loaded only now

        connect()
