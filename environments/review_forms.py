"""The reviewer's forms in Wagtail's workflow modal (used by ReviewTask in models)."""

from __future__ import annotations

from django import forms
from django.apps import apps
from django.utils.translation import gettext_lazy as _


def _reason_choices() -> list[tuple[int, str]]:
    # By name: the models module uses these forms.
    return list(apps.get_model("environments", "ChangeReason").objects.filter(active=True).values_list("pk", "title"))


class RequestChangesForm(forms.Form):
    """The reviewer's "request changes": reasons from the staff's list plus a comment.

    Its cleaned data travels as JSON through Wagtail's workflow modal, so the reasons are ids.
    """

    reasons = forms.TypedMultipleChoiceField(
        label=_("Årsager"),
        choices=_reason_choices,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Vælg mindst én årsag.")},
    )
    comment = forms.CharField(
        label=_("Kommentar til redaktøren"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Skriv gerne konkret, hvad der skal rettes."),
    )


class ReviewCommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Kommentar"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )
