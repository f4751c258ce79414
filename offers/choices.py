"""The fixed choices of an offer (format, language): read by the models, the presenter and the search."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OfferFormat(models.TextChoices):
    AT_ENVIRONMENT = "besoeg", _("Besøg i læringsmiljøet")
    AT_SCHOOL = "udebesoeg", _("Besøg på skolen")
    ONLINE = "online", _("Online")
    MATERIAL = "materiale", _("Undervisningsmateriale")
    TEACHER_COURSE = "kursus", _("Kursus for lærere")


class OfferLanguage(models.TextChoices):
    DANISH = "da", _("Dansk")
    ENGLISH = "en", _("Engelsk")
    GERMAN = "de", _("Tysk")
    FRENCH = "fr", _("Fransk")
    OTHER = "andet", _("Andet sprog")
