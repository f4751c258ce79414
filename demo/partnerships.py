"""Demo partnerships and collaboration agreements, after the 2018-19 annual report's portfolio.

``seed_demo_data`` is idempotent: rows are keyed by slug (partnerships), name (organisations) and
(kommune, school) for agreements, so running it again updates nothing twice. It expects the offers
and municipal sites to have been seeded first, and works (with fewer rows) when they have not.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal
from typing import TextIO

from dateutil.relativedelta import relativedelta
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from curriculum.models import Grade, Subject, SubjectArea
from geography.models import Municipality, Region
from municipalities.models import GoalKind, MunicipalSite
from offers.models import LearningEnvironmentPage
from partnerships.models import (
    AgreementContact,
    AgreementSide,
    CoFinancedStaff,
    CollaborationAgreement,
    KnowledgeProduct,
    KnowledgeProductKind,
    PartnerKind,
    PartnerOrganisation,
    Partnership,
    PartnershipContact,
    PartnershipModel,
    PartnershipStatus,
    Side,
)
from skoletjenesten.text import danish_slugify

from .site import ensure_partnership_index

CULTURAL_COUNT = 16
# Cultural institutions used when the offers seeding has produced fewer environments.
FALLBACK_INSTITUTIONS = [  # (name, region code)
    ("Nationalmuseet", "1084"),
    ("Statens Museum for Kunst", "1084"),
    ("Den Gamle By", "1082"),
    ("Moesgaard Museum", "1082"),
    ("ARoS Aarhus Kunstmuseum", "1082"),
    ("Naturhistorisk Museum Aarhus", "1082"),
    ("Designmuseum Danmark", "1084"),
    ("Vikingeskibsmuseet", "1085"),
    ("Louisiana Museum of Modern Art", "1084"),
    ("Kunsten – Museum of Modern Art Aalborg", "1081"),
    ("Fiskeri- og Søfartsmuseet", "1083"),
    ("Danmarks Borgcenter", "1085"),
    ("Trapholt", "1083"),
    ("Det Kgl. Bibliotek", "1084"),
    ("Experimentarium", "1084"),
    ("Odense Bys Museer", "1083"),
]
MUNICIPAL_PARTNERS = ["København", "Aarhus", "Odense", "Aalborg", "Esbjerg", "Vejle", "Holbæk", "Hjørring"]
LAB_THEMES = [
    "Kroppen som læringsrum",
    "Æstetiske læreprocesser i udskolingen",
    "Naturen som klasseværelse",
    "Dialogisk formidling",
    "Digital dannelse i museet",
    "Undersøgende naturfag",
    "Leg og læring i dagtilbud",
    "Kulturarv og medborgerskab",
]
SCHOOL_PREFIXES = ["Nord", "Syd", "Øster", "Vester", "Bakke", "Skov", "Strand", "Engelund"]
COMPANIES = ["Lokalt Vandværk A/S", "Grønt Energiselskab", "Byens Trykkeri", "Havnens Logistik ApS"]
AREA_BY_ENVIRONMENT_TYPE = {
    "museum": ["kulturhistoriske-museer", "lokalhistoriske-museer"],
    "kunsthal": ["kunst-design-og-arkitektur"],
    "naturcenter": ["naturfag-og-naturvidenskab"],
    "zoo-akvarium": ["naturfag-og-naturvidenskab"],
    "science-center": ["teknologi-innovation-og-stem", "naturfag-og-naturvidenskab"],
    "teater": ["scenekunst-musik-film-og-bevaegelse"],
    "musik": ["scenekunst-musik-film-og-bevaegelse"],
    "film": ["scenekunst-musik-film-og-bevaegelse"],
    "arkiv": ["kulturhistoriske-miljoeer"],
    "bibliotek": ["kultur-udvikling-og-samfund"],
}
ALL_AREAS = [
    "kunst-design-og-arkitektur",
    "kulturhistoriske-museer",
    "kulturhistoriske-miljoeer",
    "scenekunst-musik-film-og-bevaegelse",
    "naturfag-og-naturvidenskab",
    "kultur-udvikling-og-samfund",
]


def _slugify(value: str) -> str:
    return danish_slugify(value)[:180]


def _responsible():
    """A staff member to receive reminders: the first superuser, if any."""
    return get_user_model().objects.filter(is_superuser=True, is_active=True).order_by("pk").first()


def _dates(rng: random.Random, model: str, today: datetime.date, index: int):
    """Start, end and renegotiation dates; every third partnership is due within six months."""
    due_soon = index % 3 == 0
    if model == PartnershipModel.PROJECT:
        start = today - relativedelta(months=rng.randint(3, 14))
        end = start + relativedelta(months=rng.choice([12, 18, 24]))
        if due_soon:
            end = today + relativedelta(months=rng.randint(1, 5))
            start = max(start, end - relativedelta(months=24))
        return start, end, None
    start = datetime.date(rng.choice([2016, 2018, 2019, 2020, 2022]), rng.choice([1, 8]), 1)
    end = today + relativedelta(years=rng.randint(1, 3), months=rng.randint(0, 11))
    renegotiation = end - relativedelta(months=6)
    if due_soon:
        renegotiation = today + relativedelta(days=rng.randint(20, 170))
    return start, end, renegotiation


def _save_partnership(*, slug: str, values: dict, areas: list[str], staff: list[dict], contacts: list[dict]):
    partnership = Partnership.objects.filter(slug=slug).first()
    created = partnership is None
    partnership = partnership or Partnership(slug=slug)
    for name, value in values.items():
        setattr(partnership, name, value)
    # A ParentalManyToManyField is written on save().
    partnership.subject_areas = list(SubjectArea.objects.filter(slug__in=areas))
    partnership.full_clean()
    partnership.save()
    if created:
        for row in staff:
            CoFinancedStaff.objects.create(partnership=partnership, **row)
        for row in contacts:
            PartnershipContact.objects.create(partnership=partnership, **row)
        if partnership.model != PartnershipModel.PROJECT:
            KnowledgeProduct.objects.create(
                partnership=partnership,
                kind=KnowledgeProductKind.ARTICLE,
                title=f"Erfaringer fra partnerskabet med {partnership.partner_name}",
                url="https://skoletjenesten.dk/viden",
            )
        partnership.save_revision(log_action=True)
    return created


@transaction.atomic
def seed_demo_data(*, seed: int, stdout: TextIO) -> None:
    rng = random.Random(seed)
    today = timezone.localdate()
    ensure_partnership_index()
    responsible = _responsible()
    created = 0
    models_cycle = [PartnershipModel.INTERNAL, PartnershipModel.EXTERNAL, PartnershipModel.PROJECT]

    # 16 partnerships with cultural institutions, preferring environments on the platform.
    environments = list(
        LearningEnvironmentPage.objects.live()
        .exclude(environment_type__slug__in=["virksomhed", "forening", "uddannelsesinstitution", "andet"])
        .select_related("environment_type")
        .order_by("path")[:200]
    )
    rng.shuffle(environments)
    environments = sorted(environments[:CULTURAL_COUNT], key=lambda env: env.title)
    partners: list[tuple[dict, str, list[str]]] = []
    for environment in environments:
        areas = AREA_BY_ENVIRONMENT_TYPE.get(environment.environment_type.slug) or [rng.choice(ALL_AREAS)]
        partners.append(({"partner_environment": environment}, environment.title, areas))
    regions = {region.code: region for region in Region.objects.all()}
    for name, region_code in FALLBACK_INSTITUTIONS[: CULTURAL_COUNT - len(partners)]:
        organisation, _ = PartnerOrganisation.objects.get_or_create(
            name=name, defaults={"kind": PartnerKind.CULTURAL_INSTITUTION, "region": regions.get(region_code)}
        )
        partners.append(({"partner_organisation": organisation}, name, [rng.choice(ALL_AREAS)]))

    for index, (partner, name, areas) in enumerate(partners):
        model = models_cycle[index % 3]
        start, end, renegotiation = _dates(rng, model, today, index)
        status = PartnershipStatus.ACTIVE if index % 7 else PartnershipStatus.NEGOTIATING
        label = {
            PartnershipModel.INTERNAL: "Pædagogisk laboratorium på",
            PartnershipModel.EXTERNAL: "Partnerskab med",
            PartnershipModel.PROJECT: "Opstartsprojekt med",
        }[model]
        fte = Decimal(rng.choice(["0.50", "0.75", "1.00"]))
        created += _save_partnership(
            slug=_slugify(f"{model}-{name}"),
            values={
                "title": f"{label} {name}",
                **partner,
                "model": model,
                "status": status,
                "start_date": start,
                "end_date": end,
                "renegotiation_date": renegotiation,
                "skoletjenesten_contribution": rng.randrange(50_000, 400_000, 10_000),
                "partner_contribution": rng.randrange(50_000, 400_000, 10_000),
                "laboratory_theme": rng.choice(LAB_THEMES) if model == PartnershipModel.INTERNAL else "",
                "agreed_tasks": "<ul><li>Udvikle og afprøve undervisningsforløb</li>"
                "<li>Dele erfaringer i Skoletjenestens netværk</li></ul>",
                "responsible": responsible,
                "is_public": status == PartnershipStatus.ACTIVE,
                "public_summary": f"Skoletjenesten og {name} udvikler sammen undervisning for børn og unge.",
                "publish_staff": model == PartnershipModel.INTERNAL,
            },
            areas=areas,
            staff=[]
            if model == PartnershipModel.PROJECT
            else [
                {
                    "role": "Formidler",
                    "people": 1,
                    "fte": fte,
                    "employed_by": Side.SKOLETJENESTEN if model == PartnershipModel.INTERNAL else Side.PARTNER,
                }
            ],
            contacts=[
                {"side": Side.PARTNER, "name": "Formidlingschef", "role": "Formidlingschef", "is_public": True},
                {"side": Side.SKOLETJENESTEN, "name": "Partnerskabskonsulent", "role": "Konsulent"},
            ],
        )

    # 8 municipal partnerships, and Bornholm.
    for index, name in enumerate([*MUNICIPAL_PARTNERS, "Bornholm"]):
        municipality = Municipality.objects.filter(name=name).first()
        if municipality is None:
            continue
        model = PartnershipModel.PROJECT if index in (2, 6) else PartnershipModel.EXTERNAL
        start, end, renegotiation = _dates(rng, model, today, index + 1)
        created += _save_partnership(
            slug=_slugify(f"kommune-{name}"),
            values={
                "title": f"Partnerskab med {name} Kommune" if name != "Bornholm" else "Partnerskab med Bornholm",
                "partner_municipality": municipality,
                "model": model,
                "status": PartnershipStatus.ACTIVE,
                "start_date": start,
                "end_date": end,
                "renegotiation_date": renegotiation,
                "skoletjenesten_contribution": rng.randrange(25_000, 200_000, 5_000),
                "partner_contribution": rng.randrange(100_000, 600_000, 10_000),
                "responsible": responsible,
                "is_public": True,
                "public_summary": f"{name} og Skoletjenesten arbejder for, at alle skoler i kommunen bruger "
                "de eksterne læringsmiljøer.",
            },
            areas=rng.sample(ALL_AREAS, 2),
            staff=[{"role": "Åben skole-konsulent", "people": 1, "fte": Decimal("0.50"), "employed_by": Side.PARTNER}],
            contacts=[{"side": Side.PARTNER, "name": "Åben skole-konsulent", "role": "Konsulent", "is_public": True}],
        )

    # Malmö, and a university partner for knowledge production.
    malmo, _ = PartnerOrganisation.objects.get_or_create(
        name="Malmö stad", defaults={"kind": PartnerKind.FOREIGN_CITY, "country": "Sverige"}
    )
    university, _ = PartnerOrganisation.objects.get_or_create(
        name="DPU, Aarhus Universitet",
        defaults={"kind": PartnerKind.UNIVERSITY, "region": Region.objects.filter(code="1082").first()},
    )
    for organisation, model, title, summary in (
        (
            malmo,
            PartnershipModel.PROJECT,
            "Øresundssamarbejde med Malmö",
            "Skoletjenesten og Malmö stad udveksler erfaringer med undervisning i museer og naturskoler "
            "på begge sider af Øresund.",
        ),
        (
            university,
            PartnershipModel.EXTERNAL,
            "Forskningspartnerskab med DPU",
            "Forskere fra DPU og Skoletjenesten undersøger sammen, hvad elever lærer i eksterne læringsmiljøer.",
        ),
    ):
        start, end, renegotiation = _dates(rng, model, today, 1)
        created += _save_partnership(
            slug=_slugify(title),
            values={
                "title": title,
                "partner_organisation": organisation,
                "model": model,
                "status": PartnershipStatus.ACTIVE,
                "start_date": start,
                "end_date": end,
                "renegotiation_date": renegotiation,
                "responsible": responsible,
                "is_public": True,
                "public_summary": summary,
            },
            areas=[rng.choice(ALL_AREAS)],
            staff=[],
            contacts=[],
        )

    agreements = _seed_agreements(rng=rng, today=today)
    stdout.write(
        f"Partnerskaber: {created} nye, {Partnership.objects.count()} i alt; {agreements} nye samarbejdsaftaler.\n"
    )


def _seed_agreements(*, rng: random.Random, today: datetime.date) -> int:
    """A handful of agreements for each demo kommune that has a municipal site."""
    created = 0
    grades = list(Grade.objects.filter(position__gte=5, position__lte=11).order_by("position"))
    subjects = list(Subject.objects.filter(slug__in=["natur-teknologi", "historie", "billedkunst", "dansk"]))
    for site in MunicipalSite.objects.select_related("municipality").order_by("municipality__name")[:10]:
        municipality = site.municipality
        environments = list(
            LearningEnvironmentPage.objects.live().filter(municipality=municipality).order_by("title")[:3]
        ) or list(LearningEnvironmentPage.objects.live().order_by("title")[:3])
        for index in range(4):
            school = f"{SCHOOL_PREFIXES[(index + len(municipality.name)) % len(SCHOOL_PREFIXES)]}skolen"
            agreement, was_created = CollaborationAgreement.objects.get_or_create(
                municipality=municipality,
                school_name=school,
                defaults={
                    "partner_environment": environments[index % len(environments)]
                    if environments and index != 3
                    else None,
                    "partner_company": "" if environments and index != 3 else rng.choice(COMPANIES),
                    "goal_kind": [GoalKind.SCOPE, GoalKind.SUBJECT, GoalKind.AWARENESS][index % 3],
                    # One in two is unwritten or carried by a single teacher, as the mapping found.
                    "written_agreement": index % 2 == 0,
                    "start_date": datetime.date(today.year if today.month >= 8 else today.year - 1, 8, 1),
                    "end_date": datetime.date(today.year + 1 if today.month >= 8 else today.year, 7, 31),
                },
            )
            if not was_created:
                continue
            created += 1
            agreement.grades = rng.sample(grades, min(2, len(grades)))
            agreement.subjects = rng.sample(subjects, min(1, len(subjects)))
            agreement.save()
            school_contacts = 1 if index in (1, 2) else 2
            for number in range(school_contacts):
                AgreementContact.objects.create(
                    agreement=agreement,
                    side=AgreementSide.SCHOOL,
                    name=["Lærer", "Skoleleder"][number],
                    role=["Lærer", "Skoleleder"][number],
                )
            AgreementContact.objects.create(
                agreement=agreement, side=AgreementSide.PARTNER, name="Formidler", role="Underviser"
            )
    return created
