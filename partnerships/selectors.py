"""Reads for the partnership portfolio and the kommuner's collaboration agreements."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, Prefetch, Q, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from curriculum.models import BroadArea, SubjectArea
from municipalities.access import municipalities_for_user

from .charts import BarChart, bar_chart
from .models import (
    CURRENT_STATUSES,
    AgreementContact,
    CollaborationAgreement,
    CollaborationAgreementQuerySet,
    PartnerKind,
    Partnership,
    PartnershipModel,
    PartnershipStatus,
    ReminderKind,
)


@dataclass(frozen=True)
class UpcomingDate:
    partnership: Partnership
    kind: ReminderKind
    date: datetime.date


@dataclass(frozen=True)
class Portfolio:
    today: datetime.date
    horizon: datetime.date
    total: int
    skoletjenesten_contribution: int
    partner_contribution: int
    by_status: BarChart
    by_model: BarChart
    by_institution_type: BarChart
    by_broad_area: BarChart
    by_subject_area: BarChart
    by_region: BarChart
    upcoming: list[UpcomingDate]
    overdue: list[Partnership]
    missing_models: list[str]

    @property
    def charts(self) -> list[BarChart]:
        return [
            self.by_model,
            self.by_institution_type,
            self.by_broad_area,
            self.by_subject_area,
            self.by_region,
            self.by_status,
        ]


def _sorted_counts(counter: Counter) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))


def _counts(queryset, *fields: str) -> list[tuple[tuple, int]]:
    """(values of ``fields``, number of distinct partnerships) per group, counted in the database."""
    rows = queryset.order_by().values(*fields).annotate(n=Count("pk", distinct=True))
    return [(tuple(row[field] for field in fields), row["n"]) for row in rows]


def portfolio_overview(*, today: datetime.date, months_ahead: int = 6) -> Portfolio:
    """Counts of the current portfolio (everything not ended), aggregated in the database, and the
    dates coming up within ``months_ahead`` months."""
    horizon = today + relativedelta(months=months_ahead)
    current = Partnership.objects.current()
    by_model = {key[0]: n for key, n in _counts(current, "model")}
    by_status = {key[0]: n for key, n in _counts(current, "status")}

    kind_labels = {value: str(label) for value, label in PartnerKind.choices}
    by_type: Counter = Counter()
    for (environment_type, municipality, kind), n in _counts(
        current, "partner_environment__environment_type__name", "partner_municipality", "partner_organisation__kind"
    ):
        if environment_type:
            by_type[environment_type] += n
        elif municipality:
            by_type[str(_("Kommune"))] += n
        elif kind:
            by_type[kind_labels.get(kind, kind)] += n

    by_region: Counter = Counter()
    for (region, country), n in _counts(current, "region__name", "partner_organisation__country"):
        if region:
            by_region[region] += n
        elif country and country != "Danmark":
            by_region[str(_("Uden for Danmark"))] += n
        else:
            by_region[str(_("Ingen region"))] += n

    by_broad = {
        key[0]: n for key, n in _counts(current.filter(subject_areas__isnull=False), "subject_areas__broad_area")
    }
    by_area = SubjectArea.objects.annotate(
        n=Count("partnerships", filter=Q(partnerships__status__in=CURRENT_STATUSES), distinct=True)
    ).order_by("catalogue_position", "name")
    totals = current.aggregate(
        skoletjenesten=Coalesce(Sum("skoletjenesten_contribution"), 0),
        partner=Coalesce(Sum("partner_contribution"), 0),
        total=Count("pk"),
    )

    upcoming = []
    for partnership in Partnership.objects.due_between(today, horizon).with_partner().select_related("responsible"):
        for kind, date in (
            (ReminderKind.RENEGOTIATION, partnership.renegotiation_date),
            (ReminderKind.END, partnership.end_date),
        ):
            if date is not None and today <= date <= horizon:
                upcoming.append(UpcomingDate(partnership=partnership, kind=kind, date=date))
    upcoming.sort(key=lambda item: (item.date, item.partnership.title))
    # Past their end date but not marked as ended: the status needs updating (or the agreement renewing).
    overdue = list(current.filter(end_date__lt=today).with_partner().order_by("end_date", "title"))

    return Portfolio(
        today=today,
        horizon=horizon,
        total=totals["total"],
        skoletjenesten_contribution=totals["skoletjenesten"],
        partner_contribution=totals["partner"],
        by_status=bar_chart(
            _("Status"), [(str(label), by_status.get(value, 0)) for value, label in PartnershipStatus.choices[:3]]
        ),
        by_model=bar_chart(
            _("Partnerskabsmodel"), [(str(label), by_model.get(value, 0)) for value, label in PartnershipModel.choices]
        ),
        by_institution_type=bar_chart(_("Institutionstype"), _sorted_counts(by_type)),
        by_broad_area=bar_chart(
            _("Hovedområde (kunst, kultur, natur …)"),
            [(str(label), by_broad.get(value, 0)) for value, label in BroadArea.choices],
        ),
        by_subject_area=bar_chart(_("Fagområde"), [(area.name, area.n) for area in by_area if area.n]),
        by_region=bar_chart(_("Region"), _sorted_counts(by_region)),
        upcoming=upcoming,
        overdue=overdue,
        missing_models=[str(label) for value, label in PartnershipModel.choices if not by_model.get(value)],
    )


def agreements_for_user(user: AbstractBaseUser | AnonymousUser) -> CollaborationAgreementQuerySet:
    """The collaboration agreements of the kommuner the user works for, and no others."""
    return CollaborationAgreement.objects.for_municipalities(municipalities_for_user(user))


@dataclass(frozen=True)
class MunicipalAgreementOverview:
    municipality: object
    agreements: list[CollaborationAgreement]

    @property
    def one_person(self) -> list[CollaborationAgreement]:
        return [a for a in self.agreements if a.school_contact_count <= 1]

    @property
    def not_written(self) -> list[CollaborationAgreement]:
        return [a for a in self.agreements if not a.written_agreement]

    @property
    def at_risk(self) -> list[CollaborationAgreement]:
        return [a for a in self.agreements if a.school_contact_count <= 1 or not a.written_agreement]


def agreement_overview(user: AbstractBaseUser | AnonymousUser) -> list[MunicipalAgreementOverview]:
    """Per kommune the user works for: its agreements with the formalisation flags."""
    agreements = (
        agreements_for_user(user)
        .with_risk_flags()
        .select_related("municipality", "partner_environment")
        .prefetch_related(Prefetch("contacts", queryset=AgreementContact.objects.order_by("sort_order")))
        .order_by("municipality__name", "school_name")
    )
    grouped: dict[int, MunicipalAgreementOverview] = {}
    if not getattr(user, "is_superuser", False):
        # A consultant sees each of their kommuner, also one without agreements yet.
        for municipality in municipalities_for_user(user).order_by("name"):
            grouped[municipality.pk] = MunicipalAgreementOverview(municipality=municipality, agreements=[])
    for agreement in agreements:
        overview = grouped.setdefault(
            agreement.municipality_id, MunicipalAgreementOverview(municipality=agreement.municipality, agreements=[])
        )
        overview.agreements.append(agreement)
    return list(grouped.values())
