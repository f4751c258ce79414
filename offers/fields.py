from django import forms
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

MONTH_CHOICES = [
    (1, _("januar")),
    (2, _("februar")),
    (3, _("marts")),
    (4, _("april")),
    (5, _("maj")),
    (6, _("juni")),
    (7, _("juli")),
    (8, _("august")),
    (9, _("september")),
    (10, _("oktober")),
    (11, _("november")),
    (12, _("december")),
]


class MonthsField(ArrayField):
    """The months (1–12) an offer runs in, edited as twelve checkboxes."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("base_field", models.PositiveSmallIntegerField(choices=MONTH_CHOICES))
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("base_field", None)
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=MONTH_CHOICES,
            coerce=int,
            required=not self.blank,
            widget=forms.CheckboxSelectMultiple,
            label=self.verbose_name,
            help_text=self.help_text,
        )


class ChoiceArrayField(ArrayField):
    """An array of choices, edited as checkboxes (offer formats)."""

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=self.base_field.choices,
            coerce=self.base_field.to_python,
            required=not self.blank,
            widget=forms.CheckboxSelectMultiple,
            label=self.verbose_name,
            help_text=self.help_text,
        )


class PostcodeInput(forms.TextInput):
    """A postcode typed as its four digits (instead of a list of every Danish postcode, which made the offer
    form render ~600 options twice). The form field still receives the postcode's id."""

    input_type = "text"

    def __init__(self, attrs=None):
        defaults = {"inputmode": "numeric", "maxlength": "4", "size": "6", "autocomplete": "postal-code"}
        super().__init__({**defaults, **(attrs or {})})

    def format_value(self, value):
        from geography.models import Postcode  # the widget is built when the models module loads

        if value in (None, ""):
            return None
        if isinstance(value, str) and value.startswith(UNKNOWN_POSTCODE):
            return value.removeprefix(UNKNOWN_POSTCODE)
        postcode = value if isinstance(value, Postcode) else Postcode.objects.filter(pk=value).first()
        return f"{postcode.first_number:04d}" if postcode else None

    def value_from_datadict(self, data, files, name):
        from geography.models import Postcode  # the widget is built when the models module loads

        typed = (data.get(name) or "").strip()
        if not typed:
            return ""
        postcode = Postcode.lookup(typed) if typed.isdigit() and len(typed) == 4 else None
        # An unknown postcode becomes a value no id matches, so the field reports it (and shows it again).
        return str(postcode.pk) if postcode else f"{UNKNOWN_POSTCODE}{typed}"


UNKNOWN_POSTCODE = "ukendt:"
