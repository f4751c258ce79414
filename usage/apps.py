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
        from operations.pagecache import served_from_page_cache

        served_from_page_cache.connect(count_cached_view, dispatch_uid="usage-count-cached-view")


def count_cached_view(sender, request, replay: dict, **kwargs) -> None:
    """A page served from the page cache counts as the view it is (the fields its first rendering counted)."""
    fields = replay.get("usage")
    if fields:
        from .counters import record_many

        record_many(fields)


def count_booking_request(sender, instance, created: bool, **kwargs) -> None:
    """A booking request sent through the platform counts for its offer and environment (once committed)."""
    if not created or instance.offer_id is None:
        return
    from .counters import record
    from .models import UsageKind

    offer, environment = instance.offer_id, instance.environment_id
    transaction.on_commit(lambda: record(UsageKind.REQUEST, offer=offer, environment=environment))
