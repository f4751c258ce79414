from django.apps import AppConfig
from django.db import transaction
from django.db.models.signals import post_save


class UsageConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "usage"
    verbose_name = "Brugsstatistik"

    def ready(self) -> None:
        from bookings.models import BookingRequest

        post_save.connect(count_booking_request, sender=BookingRequest, dispatch_uid="usage-count-request")


def count_booking_request(sender, instance, created: bool, **kwargs) -> None:
    """A booking request sent through the platform counts for its offer and environment (once committed)."""
    if not created or instance.offer_id is None:
        return
    from .counters import record
    from .models import UsageKind

    offer, environment = instance.offer_id, instance.environment_id
    transaction.on_commit(lambda: record(UsageKind.REQUEST, offer=offer, environment=environment))
