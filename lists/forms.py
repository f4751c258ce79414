from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class NewListForm(forms.Form):
    title = forms.CharField(
        label=_("Listens titel"),
        max_length=120,
        error_messages={"required": _("Giv listen en titel."), "max_length": _("Titlen må højst have 120 tegn.")},
        help_text=_("F.eks. “7. årgang 2027/28”."),
    )


class AddOfferForm(forms.Form):
    address = forms.CharField(
        label=_("Tilføj et tilbud: indsæt tilbuddets adresse"),
        max_length=500,
        error_messages={"required": _("Indsæt adressen på et tilbud.")},
    )
