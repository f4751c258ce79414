"""A plausible national demo dataset: learning environments in every kommune and their offers.

Deterministic for a seed: the environments come from one random stream, and each environment's
offers from a stream of their own, so skipping an environment that already exists (a second run)
changes nothing else. Pages are written with the bulk path in ``demo.bulk``; the default size
(525 environments, 2,500 offers) takes seconds rather than the ~2 minutes ``add_child`` would.

This module is the entry point and the writing; the plan it writes is pure and lives beside it:
``demo.environment_plan`` (the environments), ``demo.offer_plan`` (each environment's offers, with
their facts from ``demo.offer_facts`` and their phrases from ``demo.wording``); the words themselves
are in ``demo.content``.

Other apps add their own demo data after the offers: ``seed_demo`` calls
``<app>.demo.seed_demo_data(seed=..., stdout=...)`` for each app in ``EXTENSION_MODULES`` that has
such a module, in that order. Each of those functions must be idempotent.
"""

from __future__ import annotations

import importlib
import io
import json
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TextIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import models, reset_queries, transaction
from modelsearch.backends.database.postgres.postgres import IndexEntry
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from curriculum.models import SustainableDevelopmentGoal
from environments.models import EnvironmentEditorial
from geography.models import Municipality
from home.models import HomePage, StandardPage
from offers.models import (
    EnvironmentType,
    LearningEnvironmentContact,
    LearningEnvironmentIndexPage,
    LearningEnvironmentPage,
    OfferPage,
    OfferSearchRow,
    SearchSuggestion,
    SearchTerm,
)
from offers.search.index import refresh_offer_search
from offers.services import load_reference_data

from . import bulk
from .content import STANDARD_PAGES
from .environment_plan import PlannedEnvironment, Reference, plan_environments
from .offer_plan import PlannedOffer, plan_all_offers
from .site import ensure_national_site

DEFAULT_SEED = 2019
DEFAULT_ENVIRONMENTS = 525
DEFAULT_OFFERS = 2500
DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_PASSWORD = "skoletjenesten"
EXTENSION_MODULES = (
    "demo.municipalities",
    "demo.partnerships",
    "demo.catalogue",
    "demo.images",
    "demo.environments",
    "demo.bookings",
    "demo.usage",
    "demo.opendata",
)
OFFER_CHUNK = 5000  # offers held in memory between inserts


@dataclass
class DemoResult:
    environments_created: int = 0
    environments_skipped: int = 0
    offers_created: int = 0
    seconds: float = 0.0
    skipped_reason: str = ""
    extensions: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------------------------
# Entry point


def seed_demo(
    *,
    seed: int = DEFAULT_SEED,
    offers: int = DEFAULT_OFFERS,
    environments: int = DEFAULT_ENVIRONMENTS,
    if_empty: bool = False,
    extensions: bool = True,
    stdout: TextIO | None = None,
) -> DemoResult:
    """Build (or complete) the demo dataset. Idempotent: existing demo environments are kept as they are.

    With ``extensions`` (as ``manage.py seed_demo`` always does), the other apps' demo data follows.
    """
    started = time.monotonic()
    if stdout is None:  # the extensions are promised a stream to write to
        stdout = io.StringIO()
    say = _printer(stdout)
    result = DemoResult()
    if if_empty and OfferPage.objects.exists():
        result.skipped_reason = "offers exist"
        say("Offers already exist; demo data left as it is.")
        return result
    if offers < 0 or environments < 1:
        raise ValueError("Need at least one environment and a non-negative number of offers.")

    if not Municipality.objects.exists() or not EnvironmentType.objects.exists():
        load_reference_data()
    home = ensure_national_site()
    ensure_demo_admin()
    ensure_standard_pages(home)
    index = LearningEnvironmentIndexPage.objects.descendant_of(home).get()

    reference = Reference.load()
    plan = plan_environments(reference, seed=seed, environments=environments, offers=offers)
    existing = set(LearningEnvironmentPage.objects.child_of(index).values_list("slug", flat=True))
    new = [planned for planned in plan if planned.page.slug not in existing]
    result.environments_skipped = len(plan) - len(new)
    say(f"Planned {len(plan)} environments; {result.environments_skipped} already exist.")

    with transaction.atomic():
        _insert_environments(index, new)
        say(f"Created {len(new)} learning environments ({time.monotonic() - started:.1f} s).")
        result.environments_created = len(new)
        result.offers_created = _insert_offers(new, reference, seed=seed, say=say, started=started)
        if result.offers_created:
            refresh_search_data()
    say(f"Created {result.offers_created} offers ({time.monotonic() - started:.1f} s).")

    if extensions:
        result.extensions = run_extensions(seed=seed, stdout=stdout)
    if result.environments_created or result.offers_created:
        tables = bulk.analyze(bulk_filled_models())
        say(f"Analysed {len(tables)} tables for the query planner ({time.monotonic() - started:.1f} s).")
    result.seconds = time.monotonic() - started
    return result


def bulk_filled_models() -> list[type[models.Model]]:
    """The tables the bulk paths fill (pages, relations, search data, the environments' editor groups)."""
    offer_field, environment_field = OfferPage._meta.get_field, LearningEnvironmentPage._meta.get_field
    return [
        Page,
        LearningEnvironmentPage,
        OfferPage,
        LearningEnvironmentContact,
        environment_field("travel_municipalities").remote_field.through,
        offer_field("subjects").remote_field.through,
        offer_field("subject_areas").remote_field.through,
        offer_field("sdgs").remote_field.through,
        IndexEntry,
        OfferSearchRow,
        SearchSuggestion,
        SearchTerm,
        Group,
        Group.permissions.through,
        GroupPagePermission,
        Collection,
        GroupCollectionPermission,
        EnvironmentEditorial,
    ]


def refresh_search_data() -> None:
    """Rebuild the offers' search documents and vocabulary: the bulk path sends no save() signals.

    A full refresh rather than one for the new offers only, so the vocabulary's word counts are right.
    """
    refresh_offer_search()


def run_extensions(*, seed: int, stdout: TextIO | None) -> list[str]:
    """Call ``seed_demo_data(seed=..., stdout=...)`` of each extension module that exists, in order."""
    ran = []
    for name in EXTENSION_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name == name:  # the app has no demo module: nothing to add
                continue
            raise
        module.seed_demo_data(seed=seed, stdout=stdout)
        ran.append(name)
    return ran


def ensure_demo_admin() -> None:
    User = get_user_model()
    if not User.objects.filter(username=DEMO_ADMIN_USERNAME).exists():
        User.objects.create_superuser(DEMO_ADMIN_USERNAME, "admin@skoletjenesten.dk", DEMO_ADMIN_PASSWORD)


def ensure_standard_pages(home: HomePage) -> None:
    existing = set(home.get_children().values_list("slug", flat=True))
    for slug, title, intro, (heading, text) in STANDARD_PAGES:
        if slug in existing:
            continue
        body = json.dumps(
            [
                {"type": "heading", "value": heading, "id": str(uuid.uuid5(uuid.NAMESPACE_URL, slug + "h"))},
                {"type": "paragraph", "value": f"<p>{text}</p>", "id": str(uuid.uuid5(uuid.NAMESPACE_URL, slug))},
            ]
        )
        page = home.add_child(instance=StandardPage(title=title, slug=slug, intro=intro, body=body))
        page.save_revision().publish()


# --------------------------------------------------------------------------------------------
# Writing


def _insert_environments(index: LearningEnvironmentIndexPage, new: list[PlannedEnvironment]) -> None:
    if not new:
        return
    pages = [planned.page for planned in new]
    bulk.place_children(
        index,
        pages,
        first_position=bulk.last_child_position(index) + 1,
        published_at=[p.first_published_at for p in pages],
    )
    bulk.insert_pages(LearningEnvironmentPage, pages)
    bulk.add_to_numchild(index, len(pages))
    contacts = []
    for planned in new:
        for contact in planned.contacts:
            contact.environment_id = planned.page.pk
            contacts.append(contact)
    LearningEnvironmentContact.objects.bulk_create(contacts, batch_size=2000)
    bulk.bulk_create_through(
        LearningEnvironmentPage._meta.get_field("travel_municipalities"),
        ((planned.page.pk, mid) for planned in new for mid in planned.travel_municipality_ids),
    )
    bulk.index_pages_for_search(LearningEnvironmentPage, [p.pk for p in pages])


def _insert_offers(
    new: list[PlannedEnvironment], reference: Reference, *, seed: int, say: Callable[[str], None], started: float
) -> int:
    sdg_ids = dict(SustainableDevelopmentGoal.objects.values_list("number", "pk"))
    created = 0
    pending: list[PlannedOffer] = []

    def flush() -> None:
        nonlocal created
        if not pending:
            return
        bulk.insert_pages(OfferPage, [o.page for o in pending])
        field = OfferPage._meta.get_field
        bulk.bulk_create_through(field("subjects"), ((o.page.pk, pk) for o in pending for pk in o.subject_ids))
        bulk.bulk_create_through(field("subject_areas"), ((o.page.pk, pk) for o in pending for pk in o.area_ids))
        bulk.bulk_create_through(field("sdgs"), ((o.page.pk, sdg_ids[n]) for o in pending for n in o.sdg_numbers))
        bulk.index_pages_for_search(OfferPage, [o.page.pk for o in pending])
        created += len(pending)
        pending.clear()
        reset_queries()  # with DEBUG on, Django would keep every (large) INSERT in memory
        say(f"  {created} offers ({time.monotonic() - started:.1f} s)")

    # The titles and teasers already written (a second run adding environments) are taken as well.
    taken = set(OfferPage.objects.values_list("title", "teaser")) if OfferPage.objects.exists() else set()
    for planned, offers in plan_all_offers(new, reference, seed=seed, taken=taken):
        pages = [o.page for o in offers]
        bulk.place_children(planned.page, pages, first_position=1, published_at=[p.first_published_at for p in pages])
        pending.extend(offers)
        if len(pending) >= OFFER_CHUNK:
            flush()
    flush()
    return created


def _printer(stdout: TextIO) -> Callable[[str], None]:
    def say(message: str) -> None:
        stdout.write(message + "\n" if not message.endswith("\n") else message)

    return say
