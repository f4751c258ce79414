"""The environment list's kommune and type selects are written in Python (offers.environment_list.PlainSelect):
the same bytes as Django's select templates, chosen option and escaping included."""

from __future__ import annotations

import pytest
from django import forms
from django.http import QueryDict

from offers.models import LearningEnvironmentPage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["", "kommune=aarhus&type=museum", "kommune=ukendt"])
def test_the_selects_are_djangos_own_html(query):
    from offers.environment_list import LearningEnvironmentFilterSet, PlainSelect  # its filters ask the database

    filterset = LearningEnvironmentFilterSet(QueryDict(query), queryset=LearningEnvironmentPage.objects.none())
    filterset.is_valid()
    for name in ("kommune", "type"):
        field = filterset.form.fields[name]
        assert isinstance(field.widget, PlainSelect)
        ours = str(filterset.form[name])
        field.widget.__class__ = forms.Select
        assert ours == str(filterset.form[name])


def test_labels_values_and_attributes_are_escaped_as_django_escapes_them():
    from offers.environment_list import PlainSelect  # its filters ask the database

    choices = [("", "Alle"), ('a"b', "Ærø & <Fanø>"), ("c", "C")]
    attrs = {"id": 'x"y', "class": "form-select", "required": True, "disabled": False}
    for value in ("", 'a"b', "c"):
        ours = PlainSelect(attrs=attrs, choices=choices).render("kommune", value)
        assert ours == forms.Select(attrs=attrs, choices=choices).render("kommune", value)
    assert "Ærø &amp; &lt;Fanø&gt;" in ours
