"""Forms of the environments' editorial work."""

from __future__ import annotations

import datetime

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from geography.models import Postcode
from offers.models import EnvironmentType

from .confirmation import catalogue_deadlines
from .models import ConfirmationRound


class ApplicationForm(forms.Form):
    """The public sign-up form of a new learning environment."""

    organisation_name = forms.CharField(label=_("Organisationens navn"), max_length=200)
    environment_type = forms.ModelChoiceField(
        label=_("Type"),
        queryset=EnvironmentType.objects.none(),
        empty_label=_("Vælg type"),
        error_messages={"invalid_choice": _("Vælg en type fra listen.")},
    )
    street_address = forms.CharField(label=_("Adresse"), max_length=200, help_text=_("Vej og nummer."))
    postcode = forms.CharField(label=_("Postnummer"), max_length=4, min_length=4)
    website = forms.URLField(
        label=_("Hjemmeside"),
        required=False,
        max_length=200,
        assume_scheme="https",
        error_messages={"invalid": _("Skriv en hjemmeside som https://eksempel.dk.")},
    )
    cvr = forms.RegexField(
        label=_("CVR-nummer (valgfrit)"),
        regex=r"^\d{8}$",
        required=False,
        error_messages={"invalid": _("Et CVR-nummer har 8 cifre.")},
    )
    contact_name = forms.CharField(label=_("Kontaktperson"), max_length=120)
    contact_email = forms.EmailField(
        label=_("E-mail"), max_length=254, error_messages={"invalid": _("Skriv en gyldig e-mailadresse.")}
    )
    contact_phone = forms.RegexField(
        label=_("Telefon"),
        regex=r"^\+?[\d ]{8,20}$",
        max_length=30,
        error_messages={"invalid": _("Skriv et telefonnummer med 8 cifre, f.eks. 12 34 56 78.")},
    )
    description = forms.CharField(
        label=_("Kort beskrivelse"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Hvem I er, og hvad I tilbyder skoler og dagtilbud (højst 1.000 tegn)."),
        error_messages={"max_length": _("Skriv højst 1.000 tegn (der er %(show_value)d).")},
    )
    accept_terms = forms.BooleanField(
        label=_("Jeg accepterer vilkårene for at have tilbud på Skoletjenesten"),
        error_messages={"required": _("Du skal acceptere vilkårene for at tilmelde jer.")},
    )
    # A honeypot: hidden from people (and screen readers); bots fill it in.
    company_fax = forms.CharField(required=False, label=_("Lad dette felt være tomt"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["environment_type"].queryset = EnvironmentType.objects.all()
        for name, field in self.fields.items():
            if name != "accept_terms":
                field.error_messages["required"] = _("Udfyld feltet.")

    def clean_postcode(self):
        value = self.cleaned_data["postcode"].strip()
        postcode = Postcode.lookup(value) if value.isdigit() else None
        if postcode is None:
            raise forms.ValidationError(_("Ukendt postnummer. Skriv et dansk postnummer med 4 cifre."))
        return postcode

    def is_bot(self) -> bool:
        return bool(self.data.get("company_fax"))

    def application_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("accept_terms")
        data.pop("company_fax")
        return data


class SetPasswordForm(forms.Form):
    password1 = forms.CharField(
        label=_("Adgangskode"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}), max_length=128
    )
    password2 = forms.CharField(
        label=_("Gentag adgangskoden"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        max_length=128,
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        for field in self.fields.values():
            field.error_messages["required"] = _("Udfyld feltet.")

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            raise forms.ValidationError(_("De to adgangskoder er ikke ens."))
        if first:
            validate_password(first, self.user)
        return cleaned


class InviteEditorForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail på din kollega"),
        max_length=254,
        error_messages={"invalid": _("Skriv en gyldig e-mailadresse."), "required": _("Udfyld feltet.")},
    )


class RejectApplicationForm(forms.Form):
    reason = forms.CharField(
        label=_("Begrundelse (sendes til ansøgeren)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Skriv en begrundelse.")},
    )


class ConfirmationRoundForm(forms.ModelForm):
    school_year = forms.TypedChoiceField(label=_("Skoleår"), coerce=int, choices=())
    reminder_days = forms.CharField(
        label=_("Påmindelser (dage før fristen)"),
        initial="14, 3",
        max_length=40,
        help_text=_("Kommasepareret, f.eks. 14, 3."),
    )

    class Meta:
        model = ConfirmationRound
        fields = ["school_year", "deadline", "reminder_days"]
        widgets = {"deadline": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = datetime.date.today().year
        self.fields["school_year"].choices = [
            (year, f"{year}/{(year + 1) % 100:02d}") for year in range(this_year - 1, this_year + 3)
        ]
        self.fields["deadline"].error_messages["invalid"] = _("Skriv fristen som en dato.")
        for field in self.fields.values():
            field.error_messages["required"] = _("Udfyld feltet.")

    def clean_reminder_days(self):
        raw = self.cleaned_data["reminder_days"]
        try:
            days = sorted({int(part) for part in raw.replace(";", ",").split(",") if part.strip()}, reverse=True)
        except ValueError:
            raise forms.ValidationError(_("Skriv hele antal dage adskilt af komma, f.eks. 14, 3.")) from None
        if any(day < 1 or day > 120 for day in days):
            raise forms.ValidationError(_("Påmindelser skal ligge 1–120 dage før fristen."))
        return days

    def clean(self):
        cleaned = super().clean()
        deadline = cleaned.get("deadline")
        if deadline and deadline <= datetime.date.today():
            self.add_error("deadline", _("Fristen skal ligge efter i dag."))
        school_year = cleaned.get("school_year")
        if deadline and school_year:
            late_for = [(title, date) for title, date in catalogue_deadlines(school_year) if deadline >= date]
            if late_for:
                title, date = late_for[0]
                self.add_error(
                    "deadline",
                    _(
                        "Fristen skal ligge før katalogets frist: »%(title)s« har frist %(date)s. "
                        "Vælg en tidligere dato, så de bekræftede tilbud kan komme med i kataloget."
                    )
                    % {"title": title, "date": formats.date_format(date, "j. F Y")},
                )
        return cleaned
