from django.apps import AppConfig


class BookingsConfig(AppConfig):
    name = "bookings"
    verbose_name = "Forespørgsler"
    default_auto_field = "django.db.models.BigAutoField"
