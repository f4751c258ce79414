"""Demo data for municipal sites: 17 kommunesites, each with a consultant, pages, goals and own offers.

Called by ``seed_demo`` after the offers exist (``seed_demo_data(seed=..., stdout=...)``). Idempotent:
each step checks for what it would create, so a second run adds nothing and keeps consultants' edits.
"""

from __future__ import annotations

import random
import uuid
from typing import TextIO

from django.contrib.auth import get_user_model
from django.db import transaction

from curriculum.models import Grade, Subject, SubjectArea
from geography.models import Municipality, Postcode
from municipalities.models import (
    GoalKind,
    MunicipalContentPage,
    MunicipalGoal,
    MunicipalHighlightedOffer,
    MunicipalHomePage,
    MunicipalSite,
    MunicipalSiteSettings,
    OrganisationModel,
)
from municipalities.services import create_municipal_site, municipal_display_name
from offers.models import EnvironmentType, LearningEnvironmentPage, OfferFormat, OfferPage
from offers.search.index import refresh_page_search

# The 17 kommuner with a kommunesite in the demo (2018-19 had 17; these are plausible ones).
DEMO_MUNICIPALITY_CODES = [
    *["0751", "0461", "0851", "0561", "0630", "0615", "0657", "0740", "0730"],
    *["0621", "0265", "0370", "0316", "0813", "0479", "0791", "0400"],
]
DEMO_CONSULTANT_PASSWORD = "aabenskole"
# Dark enough for white text (contrast >= 4.5:1, checked by MunicipalSiteSettings.clean()).
ACCENT_COLOURS = ["#00529b", "#7a1f3d", "#1f5c3a", "#5b2a86", "#8a3b00", "#0b5563", "#3d4a5c", "#9b1c31"]
FIRST_NAMES = ["Mette", "Lars", "Anne", "Jens", "Camilla", "Søren", "Louise", "Henrik", "Pernille", "Thomas", "Signe"]
LAST_NAMES = ["Holm", "Kjær", "Madsen", "Bech", "Lund", "Nørgaard", "Vestergaard", "Dahl", "Bruun", "Friis"]


def _say(stdout: TextIO | None, message: str) -> None:
    if stdout is not None:
        stdout.write(message + "\n")


def _block(kind: str, value, key: str) -> dict:
    # Stable block ids, so a re-run (or a diff of two runs) produces the same content.
    return {"type": kind, "value": value, "id": str(uuid.uuid5(uuid.NAMESPACE_URL, key))}


def seed_demo_data(*, seed: int, stdout: TextIO | None = None) -> None:
    """Create the demo kommunesites that are missing and fill each one's content once."""
    created = 0
    for position, code in enumerate(DEMO_MUNICIPALITY_CODES):
        municipality = Municipality.objects.filter(code=code).first()
        if municipality is None:
            continue
        rng = random.Random(f"{seed}-{code}")
        with transaction.atomic():
            municipal_site = MunicipalSite.objects.filter(municipality=municipality).first()
            if municipal_site is None:
                municipal_site = create_municipal_site(
                    municipality=municipality, accent_colour=ACCENT_COLOURS[position % len(ACCENT_COLOURS)]
                )
                created += 1
            _ensure_consultant(municipal_site)
            home = municipal_site.site.root_page.specific
            _ensure_company_visits(home, rng)
            _ensure_content_pages(home, rng)
            _ensure_profile(home, rng)
    _say(
        stdout,
        f"Kommunesites: {created} created, {len(DEMO_MUNICIPALITY_CODES) - created} already there "
        f"(consultants <slug>-konsulent / {DEMO_CONSULTANT_PASSWORD}).",
    )


def _ensure_consultant(municipal_site: MunicipalSite) -> None:
    User = get_user_model()
    username = f"{municipal_site.municipality.slug}-konsulent"
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User.objects.create_user(
            username=username,
            password=DEMO_CONSULTANT_PASSWORD,
            email=f"aabenskole@{municipal_site.municipality.slug}.example.dk",
            first_name="Åben skole-konsulent",
            last_name=municipal_display_name(municipal_site.municipality),
        )
    user.groups.add(municipal_site.editors_group)


COMPANY_SECTORS = (
    ("et mejeri", "en ost"),
    ("en vindmøllefabrik", "en vinge"),
    ("et byggefirma", "et hus"),
    ("en møbelfabrik", "en stol"),
    ("et bryggeri", "en sodavand"),
    ("en it-virksomhed", "en app"),
    ("et slagteri", "en pølse"),
    ("en maskinfabrik", "en pumpe"),
    ("et trykkeri", "en bog"),
    ("en legetøjsfabrik", "et spil"),
    ("et bageri", "et rugbrød"),
    ("et elektronikfirma", "en sensor"),
)


def _ensure_company_visits(home: MunicipalHomePage, rng: random.Random) -> None:
    """The kommune's own organiser page with two company visits (skole-virksomhedssamarbejde)."""
    if LearningEnvironmentPage.objects.child_of(home).exists():
        return
    municipality = home.municipality
    name = municipal_display_name(municipality)
    postcode = Postcode.objects.filter(municipality=municipality).order_by("first_number").first()
    organiser = LearningEnvironmentPage(
        title=f"{name} – virksomhedsbesøg",
        slug="virksomhedsbesoeg",
        environment_type=EnvironmentType.objects.get(slug="virksomhed"),
        street_address="Rådhuset",
        postcode=postcode,
        description=(
            f"<p>{name} formidler besøg hos lokale virksomheder, så eleverne møder job og uddannelser "
            "i deres egen kommune. Kommunen aftaler forløbet med virksomheden og hjælper med transport.</p>"
        ),
    )
    home.add_child(instance=organiser)
    grades = {grade.slug: grade for grade in Grade.objects.all()}
    # Each kommune's visits go to its own kind of company, so the kommune sites do not repeat each other.
    sector, product = rng.choice(COMPANY_SECTORS)
    town = municipality.name
    visits = [
        (
            f"Bag om {sector}: virksomhedsbesøg i {town}",
            f"Eleverne følger {product} fra idé til færdig vare hos {sector} i {town} og møder medarbejdere "
            "med forskellige uddannelser.",
            ("7-klasse", "9-klasse"),
            ["matematik", "fysik-kemi"],
            ["erhverv-og-virksomheder", "teknologi-innovation-og-stem"],
        ),
        (
            f"Erhvervsdag i {town}: en dag hos {sector}",
            f"En dag hos {sector} i {town} med opgaver, rundvisning og samtaler om veje til uddannelse og job.",
            ("8-klasse", "10-klasse"),
            ["uddannelse-og-job", "samfundsfag"],
            ["erhverv-og-virksomheder"],
        ),
    ]
    for title, teaser, (low, high), subjects, areas in visits:
        offer = OfferPage(
            title=title,
            teaser=teaser,
            description=f"<p>{teaser} Besøget planlægges med åben skole-konsulenten i {name}.</p>",
            grade_from=grades[low],
            grade_to=grades[high],
            formats=[OfferFormat.AT_ENVIRONMENT],
            months=sorted(rng.sample(range(1, 13), 6)),
            is_free=True,
            duration=rng.choice(["3 timer", "En skoledag"]),
            booking_email=f"aabenskole@{municipality.slug}.example.dk",
        )
        organiser.add_child(instance=offer)
        offer.subjects.set(Subject.objects.filter(slug__in=subjects))
        offer.subject_areas.set(SubjectArea.objects.filter(slug__in=areas))
        offer.save()
        refresh_page_search(offer)  # save() leaves the search rows to publishing and to callers like this


def _ensure_content_pages(home: MunicipalHomePage, rng: random.Random) -> None:
    municipality = home.municipality
    name = municipal_display_name(municipality)
    contact = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    email = f"aabenskole@{municipality.slug}.example.dk"
    phone = f"{rng.randint(20, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
    per_class = rng.choice([1500, 2000, 2500, 3000])
    slug = municipality.slug
    pages = [
        (
            "strategi-og-maal",
            "Strategi og mål for åben skole",
            f"<p>Sådan arbejder {name} med åben skole og skole-virksomhedssamarbejde.</p>",
            [
                _block("heading", "Vores strategi", f"{slug}-strategy-h"),
                _block(
                    "paragraph",
                    f"<p>I {name} skal alle elever møde kulturen, naturen og erhvervslivet uden for skolen – "
                    "flere gange om året og på alle klassetrin. Skolerne samarbejder med museer, naturskoler, "
                    "biblioteker og lokale virksomheder, og aftalerne er skrevet ned, så et samarbejde ikke "
                    "hænger på én ildsjæl.</p>",
                    f"{slug}-strategy-p",
                ),
                _block(
                    "offer_list",
                    {
                        "heading": "Virksomhedstilbud til udskolingen",
                        "scope": "kommune",
                        "grade_from": "7-klasse",
                        "grade_to": "9-klasse",
                        "subject_area": "erhverv-og-virksomheder",
                        "environment_type": "",
                        "free_only": False,
                        "limit": 6,
                    },
                    f"{slug}-strategy-offers",
                ),
            ],
        ),
        (
            "transportpulje",
            "Transportpulje",
            "<p>Kommunen betaler bussen, når klassen skal ud at lære.</p>",
            [
                _block(
                    "paragraph",
                    f"<p>Skoler i {name} kan søge tilskud til transport til læringsmiljøer, der ligger uden for "
                    f"gå- og cykelafstand. Puljen dækker op til {per_class:,} kr. pr. klasse pr. skoleår.</p>".replace(
                        ",", "."
                    ),
                    f"{slug}-transport-p",
                ),
                _block("heading", "Sådan søger du", f"{slug}-transport-h"),
                _block(
                    "paragraph",
                    "<ol><li>Book forløbet hos læringsmiljøet.</li><li>Send ansøgningen senest 14 dage før "
                    "besøget.</li><li>Du får svar inden for en uge.</li></ol>",
                    f"{slug}-transport-steps",
                ),
                _block(
                    "call_to_action",
                    {
                        "heading": "Søg transportpuljen",
                        "text": "Skriv til åben skole-konsulenten med dato, klasse og læringsmiljø.",
                        "link_page": None,
                        "link_url": f"mailto:{email}",
                        "link_text": "Send en ansøgning",
                    },
                    f"{slug}-transport-cta",
                ),
            ],
        ),
        (
            "kontakt",
            "Kontakt",
            "<p>Spørgsmål om åben skole, transport og virksomhedsbesøg.</p>",
            [
                _block(
                    "contact_card",
                    {
                        "name": contact,
                        "role": "Åben skole-konsulent",
                        "organisation": f"{name}, Børn og Unge",
                        "email": email,
                        "phone": phone,
                        "text": "Hjælper skoler og virksomheder med at finde hinanden.",
                        "photo": None,
                    },
                    f"{slug}-contact",
                ),
            ],
        ),
    ]
    existing = set(home.get_children().values_list("slug", flat=True))
    for page_slug, title, intro, body in pages:
        if page_slug in existing:
            continue
        home.add_child(
            instance=MunicipalContentPage(title=title, slug=page_slug, intro=intro, body=body, show_in_menus=True)
        )


def _ensure_profile(home: MunicipalHomePage, rng: random.Random) -> None:
    """Organisation model, goals and highlighted offers: set once, then left to the consultant."""
    if home.goals.exists() or home.has_unpublished_changes:
        return
    municipality = home.municipality
    name = municipal_display_name(municipality)
    company = EnvironmentType.objects.get(slug="virksomhed")
    grades = {grade.slug: grade for grade in Grade.objects.all()}
    stem = SubjectArea.objects.get(slug="teknologi-innovation-og-stem")
    model = rng.choice(OrganisationModel.values)
    home.organisation_model = model
    home.organisation_description = (
        f"<p>{name} organiserer skole-virksomhedssamarbejdet efter "
        f"{OrganisationModel(model).label.lower()}. En åben skole-konsulent koordinerer, og skolerne har hver "
        "en åben skole-ansvarlig lærer.</p>"
    )
    home.goals = [
        MunicipalGoal(
            kind=GoalKind.SCOPE,
            title=f"Mindst {(target := rng.choice([5, 10, 20]))} virksomhedstilbud til 7.–9. klasse",
            description="Tilbud fra virksomheder, som kommunens skoler kan bruge i udskolingen.",
            target_count=target,
            environment_type=company,
            grade_from=grades["7-klasse"],
            grade_to=grades["9-klasse"],
        ),
        MunicipalGoal(
            kind=GoalKind.SUBJECT,
            title=f"Mindst {(stem_target := rng.choice([10, 15, 25]))} STEM-tilbud i kommunen",
            description="Teknologi, ingeniørkundskab, naturvidenskab og matematik i samarbejde med virksomheder.",
            target_count=stem_target,
            subject_area=stem,
        ),
        MunicipalGoal(
            kind=GoalKind.AWARENESS,
            title="Alle elever i udskolingen møder mindst to erhvervsuddannelser",
            description="Så flere vælger en erhvervsuddannelse efter 9. eller 10. klasse.",
        ),
    ]
    local = list(
        OfferPage.objects.live()
        .available_to_municipality(municipality)
        .exclude(path__startswith=home.path)
        .order_by("pk")
        .values_list("pk", flat=True)[:200]
    )
    picks = rng.sample(local, min(4, len(local)))
    home.highlighted_offers = [MunicipalHighlightedOffer(offer_id=pk) for pk in picks]
    home.save_revision().publish()
    settings = MunicipalSiteSettings.for_site(home.get_site())
    if not settings.display_name:
        settings.display_name = name
        settings.save()
