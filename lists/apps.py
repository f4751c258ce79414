from django.apps import AppConfig


class ListsConfig(AppConfig):
    name = "lists"
    verbose_name = "Delte lister"
    default_auto_field = "django.db.models.BigAutoField"
