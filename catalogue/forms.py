from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from geography.models import Municipality

from .models import parse_school_year


class NewEditionExportForm(forms.Form):
    """Build a year's edition (created with defaults when missing) for the nation or one kommune."""

    school_year = forms.CharField(label=_("Skoleår"), max_length=9, help_text=_("F.eks. 2027/28."))
    municipality = forms.ModelChoiceField(
        label=_("Kommune"), queryset=Municipality.objects.none(), required=False, empty_label=_("Nationalt")
    )

    def __init__(self, *args, municipalities, allow_national: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.allow_national = allow_national
        field = self.fields["municipality"]
        field.queryset = municipalities
        if not allow_national:
            field.required = True
            field.empty_label = None

    def clean_school_year(self) -> int:
        try:
            return parse_school_year(self.cleaned_data["school_year"])
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def clean_municipality(self):
        municipality = self.cleaned_data.get("municipality")
        if municipality is None and not self.allow_national:
            raise forms.ValidationError(_("Vælg din kommune."))
        return municipality
