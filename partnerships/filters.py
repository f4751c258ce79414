"""Filters for the staff listing of partnerships and the kommune's list of collaboration agreements."""

from __future__ import annotations

import django_filters
from dateutil.relativedelta import relativedelta
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from curriculum.models import BroadArea, SubjectArea
from geography.models import Region
from municipalities.models import GoalKind

from .models import CollaborationAgreement, Partnership, PartnershipModel, PartnershipStatus


class PartnerKindChoice:
    ENVIRONMENT = "laeringsmiljoe"
    MUNICIPALITY = "kommune"
    ORGANISATION = "organisation"
    CHOICES = [
        (ENVIRONMENT, _("Læringsmiljø")),
        (MUNICIPALITY, _("Kommune")),
        (ORGANISATION, _("Anden organisation")),
    ]


class PartnershipFilterSet(WagtailFilterSet):
    model = django_filters.MultipleChoiceFilter(
        label=_("Model"), choices=PartnershipModel.choices, widget=forms.CheckboxSelectMultiple
    )
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), choices=PartnershipStatus.choices, widget=forms.CheckboxSelectMultiple
    )
    partner_kind = django_filters.ChoiceFilter(
        label=_("Partnertype"), choices=PartnerKindChoice.CHOICES, method="filter_partner_kind"
    )
    region = django_filters.ModelChoiceFilter(label=_("Region"), queryset=Region.objects.all())
    subject_areas = django_filters.ModelChoiceFilter(label=_("Fagområde"), queryset=SubjectArea.objects.all())
    broad_area = django_filters.ChoiceFilter(
        label=_("Hovedområde"), choices=BroadArea.choices, method="filter_broad_area"
    )
    due = django_filters.ChoiceFilter(
        label=_("Udløber eller genforhandles"),
        choices=[("6", _("Inden for 6 måneder"))],
        method="filter_due",
        empty_label=_("Når som helst"),
    )

    class Meta:
        model = Partnership
        fields = ["model", "status", "partner_kind", "region", "subject_areas", "broad_area", "responsible"]

    def filter_partner_kind(self, queryset, name, value):
        field = {
            PartnerKindChoice.ENVIRONMENT: "partner_environment",
            PartnerKindChoice.MUNICIPALITY: "partner_municipality",
            PartnerKindChoice.ORGANISATION: "partner_organisation",
        }.get(value)
        return queryset.filter(**{f"{field}__isnull": False}) if field else queryset

    def filter_broad_area(self, queryset, name, value):
        return queryset.filter(subject_areas__broad_area=value).distinct() if value else queryset

    def filter_due(self, queryset, name, value):
        if not value:
            return queryset
        today = timezone.localdate()
        return queryset.due_between(today, today + relativedelta(months=int(value)))


class CollaborationAgreementFilterSet(WagtailFilterSet):
    goal_kind = django_filters.ChoiceFilter(label=_("Mål"), choices=GoalKind.choices)
    written_agreement = django_filters.BooleanFilter(label=_("Skriftlig aftale"))
    at_risk = django_filters.ChoiceFilter(
        label=_("Formalisering"),
        choices=[("ja", _("Kun sårbare aftaler (én kontaktperson på skolen eller intet på skrift)"))],
        method="filter_at_risk",
        empty_label=_("Alle aftaler"),
    )

    class Meta:
        model = CollaborationAgreement
        fields = ["goal_kind", "written_agreement"]

    def filter_at_risk(self, queryset, name, value):
        if not value:
            return queryset
        if "school_contact_count" not in queryset.query.annotations:
            queryset = queryset.with_risk_flags()
        return queryset.filter(Q(school_contact_count__lte=1) | Q(written_agreement=False))
