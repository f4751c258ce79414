"""Reads for the partnership portfolio and the kommuner's collaboration agreements."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from curriculum.models import BroadArea, SubjectArea
from municipalities.access import municipalities_for_user

from .charts import BarChart, bar_chart
from .models import (
    AgreementContact,
    CollaborationAgreement,
    CollaborationAgreementQuerySet,
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
    partnerships: list[Partnership]
    by_status: BarChart
    by_model: BarChart
    by_institution_type: BarChart
    by_broad_area: BarChart
    by_subject_area: BarChart
    by_region: BarChart
    upcoming: list[UpcomingDate]
    missing_models: list[str]

    @property
    def total(self) -> int:
        return len(self.partnerships)

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

    @property
    def skoletjenesten_contribution(self) -> int:
        return sum(p.skoletjenesten_contribution for p in self.partnerships)

    @property
    def partner_contribution(self) -> int:
        return sum(p.partner_contribution for p in self.partnerships)


def _sorted_counts(counter: Counter) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))


def _region_label(partnership: Partnership) -> str:
    region = partnership.effective_region
    if region is not None:
        return str(region)
    organisation = partnership.partner_organisation
    if organisation is not None and organisation.country != "Danmark":
        return str(_("Uden for Danmark"))
    return str(_("Ingen region"))


def portfolio_overview(*, today: datetime.date, months_ahead: int = 6) -> Portfolio:
    """Counts of the current portfolio (everything not ended) and the dates coming up."""
    horizon = today + relativedelta(months=months_ahead)
    partnerships = list(
        Partnership.objects.current().with_partner().prefetch_related("subject_areas", "staff").order_by("title")
    )
    by_model = Counter(p.model for p in partnerships)
    by_status = Counter(p.status for p in partnerships)
    by_type = Counter(p.institution_type for p in partnerships)
    by_region = Counter(_region_label(p) for p in partnerships)
    by_area: Counter = Counter()
    by_broad: Counter = Counter()
    for partnership in partnerships:
        areas = list(partnership.subject_areas.all())
        by_area.update(area.name for area in areas)
        by_broad.update({area.broad_area for area in areas})
    area_order = [area.name for area in SubjectArea.objects.order_by("catalogue_position", "name")]

    upcoming = []
    for partnership in Partnership.objects.due_between(today, horizon).with_partner().select_related("responsible"):
        for kind, date in (
            (ReminderKind.RENEGOTIATION, partnership.renegotiation_date),
            (ReminderKind.END, partnership.end_date),
        ):
            if date is not None and today <= date <= horizon:
                upcoming.append(UpcomingDate(partnership=partnership, kind=kind, date=date))
    upcoming.sort(key=lambda item: (item.date, item.partnership.title))

    return Portfolio(
        today=today,
        horizon=horizon,
        partnerships=partnerships,
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
        by_subject_area=bar_chart(_("Fagområde"), [(name, by_area[name]) for name in area_order if by_area[name]]),
        by_region=bar_chart(_("Region"), _sorted_counts(by_region)),
        upcoming=upcoming,
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
    if not user.is_superuser:
        # A consultant sees each of their kommuner, also one without agreements yet.
        for municipality in municipalities_for_user(user).order_by("name"):
            grouped[municipality.pk] = MunicipalAgreementOverview(municipality=municipality, agreements=[])
    for agreement in agreements:
        overview = grouped.setdefault(
            agreement.municipality_id, MunicipalAgreementOverview(municipality=agreement.municipality, agreements=[])
        )
        overview.agreements.append(agreement)
    return list(grouped.values())
