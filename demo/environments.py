"""Demo data for the environments' own editors: every demo environment gets its editors' group and
collection; demo editor and reviewer accounts; offers in each moderation state; a pending application;
a confirmation round in progress, and last school year's closed round whose unconfirmed offers show
"Ikke bekræftet".

Called by ``seed_demo`` after the offers and kommunesites exist (``seed_demo_data(seed=..., stdout=...)``).
Idempotent: a second run adds nothing.
"""

from __future__ import annotations

import datetime
import random
from typing import TextIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from environments.models import (
    ApplicationStatus,
    ChangeReason,
    ConfirmationRound,
    EnvironmentApplication,
    ReviewTaskState,
)
from environments.services import (
    NATIONAL_REVIEWERS_GROUP,
    ensure_municipal_review_workflow,
    ensure_national_review_workflow,
    provision_many_environments,
    set_trusted,
)
from environments.tokens import new_token
from geography.models import Postcode
from municipalities.models import MunicipalSite
from offers.models import EnvironmentType, LearningEnvironmentPage, OfferPage

DEMO_EDITOR_PASSWORD = "laeringsmiljoe"
# (username, environment type, trusted): the first environment of that type (by title) in the demo.
DEMO_EDITORS = (("museum-redaktoer", "museum", False), ("natur-redaktoer", "naturcenter", True))
DEMO_REVIEWER = "redaktion"


def _say(stdout: TextIO | None, text: str) -> None:
    if stdout is not None:
        stdout.write(text + "\n")


def _user(username: str, *, email: str, first_name: str, groups: list[Group]):
    user_model = get_user_model()
    user = user_model.objects.filter(username=username).first()
    if user is None:
        user = user_model.objects.create_user(
            username=username, email=email, password=DEMO_EDITOR_PASSWORD, first_name=first_name
        )
    user.groups.add(*groups)
    return user


def _copy_offer(offer: OfferPage, *, title: str, slug: str, live: bool) -> OfferPage:
    copy = offer.copy(update_attrs={"title": title, "slug": slug, "live": live}, keep_live=live, log_action=None)
    copy = OfferPage.objects.get(pk=copy.pk)
    copy.save_revision(log_action=False)
    return copy


def _submit(offer: OfferPage, user, *, title: str) -> None:
    offer.title = title
    offer.save_revision(user=user, log_action=False)
    workflow = offer.get_workflow()
    if workflow is not None and not offer.workflow_in_progress:
        workflow.start(offer, user)


@transaction.atomic
def seed_demo_data(*, seed: int, stdout: TextIO | None = None) -> None:
    rng = random.Random(seed)
    ensure_national_review_workflow()
    for home_site in _municipal_sites_without_workflow():
        ensure_municipal_review_workflow(municipal_site=home_site)
    environments = list(LearningEnvironmentPage.objects.filter(editors_group__isnull=True).order_by("pk"))
    created = provision_many_environments(environments=environments)
    _say(stdout, f"Environment editors: {created} groups and collections created.")

    reviewer_group = Group.objects.get(name=NATIONAL_REVIEWERS_GROUP)
    reviewer = _user(
        DEMO_REVIEWER, email="redaktion@skoletjenesten.dk", first_name="Redaktionen", groups=[reviewer_group]
    )

    for username, type_slug, trusted in DEMO_EDITORS:
        environment = (
            LearningEnvironmentPage.objects.live()
            .filter(environment_type__slug=type_slug, editors_group__isnull=False, offers__live=True)
            .order_by("title")
            .first()
        )
        if environment is None:
            continue
        set_trusted(environment=environment, trusted=trusted)
        editor = _user(
            username,
            email=f"{username}@skoletjenesten.dk",
            first_name=username.split("-")[0].capitalize(),
            groups=[environment.editors_group],
        )
        if not trusted:
            _moderation_states(environment, editor, reviewer)
        _say(stdout, f"Demo editor {username} edits {environment.title}{' (betroet)' if trusted else ''}.")

    _pending_application()
    _round_in_progress(rng)
    _past_round_with_overdue_offers(rng)


def _municipal_sites_without_workflow():
    return [
        site
        for site in MunicipalSite.objects.select_related("site", "municipality")
        if site.site.root_page.get_workflow() is None
    ]


def _moderation_states(environment: LearningEnvironmentPage, editor, reviewer) -> None:
    """One offer in each state: kladde, til godkendelse, ændringer ønsket (offentlig: the others)."""
    offers = list(OfferPage.objects.child_of(environment).live().order_by("pk"))
    if not offers or OfferPage.objects.child_of(environment).filter(slug="demo-kladde").exists():
        return
    _copy_offer(offers[0], title=f"{offers[0].title} – ny version (kladde)", slug="demo-kladde", live=False)
    if len(offers) >= 2:
        _submit(offers[1], editor, title=f"{offers[1].title} (opdateret)")
    third = (
        offers[2]
        if len(offers) >= 3
        else _copy_offer(offers[0], title=f"{offers[0].title} for udskolingen", slug="demo-udskoling", live=False)
    )
    _submit(third, editor, title=f"{third.title} (til rettelse)")
    state = third.current_workflow_task_state
    if state is not None:
        state = state.specific
        if isinstance(state, ReviewTaskState):
            state.reasons.set(ChangeReason.objects.filter(title__in=["Prisen er uklar", "Beskrivelsen er for kort"]))
        state.reject(user=reviewer, comment="Skriv gerne, hvad eleverne laver undervejs, og hvad prisen dækker.")


def _pending_application() -> None:
    if EnvironmentApplication.objects.exists():
        return
    _, token_hash = new_token()
    EnvironmentApplication.objects.create(
        organisation_name="Vadehavets Naturskole",
        environment_type=EnvironmentType.objects.get(slug="naturcenter"),
        street_address="Havnevej 12",
        postcode=Postcode.lookup("6760"),
        website="https://vadehavetsnaturskole.dk",
        contact_name="Karen Bøgh",
        contact_email="karen@vadehavetsnaturskole.dk",
        contact_phone="75 12 34 56",
        description="Vi tager skoleklasser med ud på vaden ved lavvande og undersøger livet i slikket.",
        accepted_terms_at=timezone.now(),
        status=ApplicationStatus.NEW,
        email_token_hash=token_hash,
        email_confirmed_at=timezone.now(),
    )


def _round_in_progress(rng: random.Random) -> None:
    """Next school year's round, started two weeks ago; about 40 % of the offers confirmed since."""
    today = timezone.localdate()
    school_year = today.year if today.month >= 8 else today.year - 1
    if ConfirmationRound.objects.filter(school_year=school_year + 1).exists():
        return
    started = timezone.now() - datetime.timedelta(days=14)
    ConfirmationRound.objects.create(
        school_year=school_year + 1, deadline=today + datetime.timedelta(days=30), started_at=started
    )
    ids = list(OfferPage.objects.live().filter(environment__editors_group__isnull=False).values_list("pk", flat=True))
    confirmed = rng.sample(ids, k=int(len(ids) * 0.4))
    for day in range(14):
        chunk = confirmed[day::14]
        OfferPage.objects.filter(pk__in=chunk).update(
            last_verified=timezone.localdate(started) + datetime.timedelta(days=day)
        )


def _past_round_with_overdue_offers(rng: random.Random) -> None:
    """This school year's round, closed after its deadline: about 3 % of the offers (one of the museum
    editor's among them) were not confirmed in it, nor since, and are marked "Ikke bekræftet"."""
    today = timezone.localdate()
    school_year = today.year if today.month >= 8 else today.year - 1
    if ConfirmationRound.objects.filter(school_year=school_year).exists():
        return
    started = timezone.now() - datetime.timedelta(days=150)
    deadline = today - datetime.timedelta(days=110)
    ConfirmationRound.objects.create(
        school_year=school_year,
        deadline=deadline,
        started_at=started,
        closed_at=timezone.make_aware(
            datetime.datetime.combine(deadline + datetime.timedelta(days=1), datetime.time())
        ),
    )
    current = ConfirmationRound.objects.filter(school_year=school_year + 1).first()
    unconfirmed = OfferPage.objects.live().filter(environment__editors_group__isnull=False)
    if current is not None and current.confirmed_since:
        unconfirmed = unconfirmed.exclude(last_verified__gte=current.confirmed_since)
    ids = list(unconfirmed.order_by("pk").values_list("pk", flat=True))
    overdue = set(rng.sample(ids, k=min(len(ids), max(2, len(ids) * 3 // 100))))
    museum_editor = get_user_model().objects.filter(username=DEMO_EDITORS[0][0]).first()
    if museum_editor is not None:
        # Not confirmed in the running round either (the demo's last confirmation is set back below).
        own = OfferPage.objects.live().filter(
            environment__editors_group__user=museum_editor, has_unpublished_changes=False
        )
        overdue.update(own.order_by("pk").values_list("pk", flat=True)[:1])
    last_confirmed = timezone.localdate(started) - datetime.timedelta(days=200)
    OfferPage.objects.filter(pk__in=overdue).update(confirmation_overdue=True, last_verified=last_confirmed)
