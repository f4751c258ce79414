"""The teacher's request form and the editors' answer forms (Danish messages for every bad input)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from curriculum.models import Grade
from geography.models import Postcode
from offers.models import OfferPage

from .models import DeclineReason

MAX_PUPILS = 500


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class BookingRequestForm(forms.Form):
    school_name = forms.CharField(label=_("Skolens navn"), max_length=200)
    school_postcode = forms.CharField(
        label=_("Skolens postnummer"), max_length=4, widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )
    teacher_name = forms.CharField(
        label=_("Dit navn"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(label=_("Din e-mail"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    phone = forms.CharField(
        label=_("Telefon (valgfrit)"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    grade = forms.ModelChoiceField(
        label=_("Klassetrin"), queryset=Grade.objects.none(), empty_label=_("Vælg klassetrin")
    )
    pupils = forms.IntegerField(label=_("Antal elever"), min_value=1, max_value=MAX_PUPILS)
    date_1 = forms.DateField(label=_("1. ønskede dato"), required=False, widget=DateInput())
    date_2 = forms.DateField(label=_("2. ønskede dato"), required=False, widget=DateInput())
    date_3 = forms.DateField(label=_("3. ønskede dato"), required=False, widget=DateInput())
    flexible = forms.BooleanField(label=_("Vi er fleksible med datoen"), required=False)
    message = forms.CharField(
        label=_("Besked"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 5})
    )
    # Honeypot: hidden from people (CSS and aria-hidden), filled in by bots.
    website = forms.CharField(label=_("Lad dette felt være tomt"), required=False)

    error_messages = {
        "pupils_min": _("Tilbuddet er for grupper på mindst %(min)s elever."),
        "pupils_max": _("Tilbuddet er for grupper på højst %(max)s elever."),
    }

    def __init__(self, *args, offer: OfferPage, **kwargs):
        super().__init__(*args, **kwargs)
        self.offer = offer
        self.fields["grade"].queryset = Grade.objects.in_range(offer.grade_min, offer.grade_max).order_by(
            "position", "sort_order"
        )
        self.fields["pupils"].error_messages.update(
            {
                "invalid": _("Skriv antallet af elever som et tal."),
                "min_value": _("Der skal være mindst én elev."),
                "max_value": _("Skriv et antal elever under %(limit_value)s."),
            }
        )
        for name in ("date_1", "date_2", "date_3"):
            self.fields[name].error_messages["invalid"] = _("Skriv en gyldig dato, f.eks. 24.09.2027.")
        self.fields["grade"].error_messages["invalid_choice"] = _("Vælg et klassetrin, som tilbuddet er for.")
        self.fields["email"].error_messages["invalid"] = _("Skriv en gyldig e-mailadresse, f.eks. navn@skole.dk.")
        for field in self.fields.values():
            field.error_messages.setdefault("required", _("Udfyld feltet."))
            field.error_messages["required"] = _("Udfyld feltet.")

    def clean_school_postcode(self) -> Postcode:
        raw = self.cleaned_data["school_postcode"].strip()
        if not (len(raw) == 4 and raw.isdigit()):
            raise forms.ValidationError(_("Skriv et dansk postnummer med fire cifre."))
        postcode = Postcode.lookup(raw)
        if postcode is None:
            raise forms.ValidationError(_("%(code)s er ikke et dansk postnummer."), params={"code": raw})
        return postcode

    def clean_pupils(self) -> int:
        pupils = self.cleaned_data["pupils"]
        if self.offer.group_size_min and pupils < self.offer.group_size_min:
            raise forms.ValidationError(self.error_messages["pupils_min"], params={"min": self.offer.group_size_min})
        if self.offer.group_size_max and pupils > self.offer.group_size_max:
            raise forms.ValidationError(self.error_messages["pupils_max"], params={"max": self.offer.group_size_max})
        return pupils

    def clean(self):
        cleaned = super().clean()
        today = timezone.localdate()
        dates = []
        for name in ("date_1", "date_2", "date_3"):
            value = cleaned.get(name)
            if value is None:
                continue
            if value <= today:
                self.add_error(name, _("Vælg en dato efter i dag."))
            elif value > today + timedelta(days=730):
                self.add_error(name, _("Vælg en dato inden for de næste to år."))
            elif self.offer.period_start and value < self.offer.period_start:
                self.add_error(
                    name,
                    _("Tilbuddet kører først fra %(date)s.") % {"date": self.offer.period_start.strftime("%d.%m.%Y")},
                )
            elif self.offer.period_end and value > self.offer.period_end:
                self.add_error(
                    name, _("Tilbuddet kører kun til %(date)s.") % {"date": self.offer.period_end.strftime("%d.%m.%Y")}
                )
            else:
                dates.append(value)
        if not any(cleaned.get(name) for name in ("date_1", "date_2", "date_3")) and not cleaned.get("flexible"):
            self.add_error("date_1", _("Angiv mindst én ønsket dato, eller sæt kryds ved “fleksibel”."))
        cleaned["preferred_dates"] = dates
        return cleaned

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))


class AnswerForm(forms.Form):
    """Accept, propose or decline: one form, the button pressed says which."""

    ACCEPT, PROPOSE, DECLINE = "accepter", "foreslaa", "afvis"

    action = forms.ChoiceField(
        choices=[(ACCEPT, ACCEPT), (PROPOSE, PROPOSE), (DECLINE, DECLINE)], widget=forms.HiddenInput
    )
    date = forms.DateField(label=_("Dato"), required=False, widget=DateInput())
    time = forms.TimeField(
        label=_("Klokkeslæt"), required=False, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    reason = forms.ChoiceField(label=_("Årsag"), choices=[("", "---------"), *DeclineReason.choices], required=False)
    note = forms.CharField(
        label=_("Besked til læreren (valgfrit)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        cleaned = super().clean()
        action = cleaned.get("action")
        if action in (self.ACCEPT, self.PROPOSE):
            if not cleaned.get("date"):
                self.add_error("date", _("Angiv datoen for besøget."))
            if not cleaned.get("time"):
                self.add_error("time", _("Angiv klokkeslættet for besøget."))
            if cleaned.get("date") and cleaned.get("time"):
                start = timezone.make_aware(datetime.combine(cleaned["date"], cleaned["time"]))
                if start <= timezone.now():
                    self.add_error("date", _("Besøget skal ligge efter i dag."))
                cleaned["start"] = start
        elif action == self.DECLINE and not cleaned.get("reason"):
            self.add_error("reason", _("Vælg en årsag fra listen."))
        return cleaned
