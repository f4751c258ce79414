"""The yearly confirmation round: e-mails once per environment and reminder, one-click confirmation,
withdrawal, the deadline's "Ikke bekræftet", the catalogue, forged and other-environment links, and
scheduled expiry with its warning."""

from __future__ import annotations

import datetime

import pytest
from celery import current_app
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from catalogue.models import CatalogueEdition
from catalogue.selectors import offers_for_edition
from environments import confirmation
from environments.models import ConfirmationNotice, ConfirmationRound, ExpiryWarning
from offers.models import OfferPage
from operations import pagecache

from .conftest import PASSWORD, is_denied

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def eager_celery():
    """Tasks queued on commit run in the test's process here; a real worker runs them in test_worker."""
    current_app.conf.task_always_eager = True
    yield
    current_app.conf.task_always_eager = False


@pytest.fixture
def staff(django_user_model, world):
    user = django_user_model.objects.create_user(username="stab", password=PASSWORD, email="stab@example.dk")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="add_confirmationround")
    )
    return user


@pytest.fixture
def running_round(client, staff):
    client.force_login(staff)
    mail.outbox.clear()
    deadline = TODAY + datetime.timedelta(days=30)
    response = client.post(
        reverse("environments_freshness"),
        {"school_year": str(TODAY.year), "deadline": deadline.isoformat(), "reminder_days": "14, 3"},
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    client.logout()
    return ConfirmationRound.objects.get()


def test_starting_a_round_emails_each_environment_once(running_round, world):
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["redaktoer-a@example.dk", "redaktoer-b@example.dk", "redaktoer-k@example.dk"]
    message = next(m for m in mail.outbox if m.to == ["redaktoer-a@example.dk"])
    assert reverse("environments_confirm", args=[running_round.pk, world["env_a"].pk]) in message.body
    # The task again (a redelivery): nothing more.
    assert confirmation.send_round_emails(round_id=running_round.pk) == 0
    assert len(mail.outbox) == 3


def test_reminders_exactly_once_per_environment_and_reminder(running_round, world):
    mail.outbox.clear()
    confirmation.confirm_offers(
        environment=world["env_b"],
        offer_ids=list(confirmation.offers_in_round(world["env_b"]).values_list("pk", flat=True)),
        user=world["editor_b"],
    )
    deadline = running_round.deadline
    assert confirmation.send_due_reminders(today=deadline - datetime.timedelta(days=20)) == 0
    day = deadline - datetime.timedelta(days=14)
    assert confirmation.send_due_reminders(today=day) == 2  # A and the kommune's organiser; B is done
    assert confirmation.send_due_reminders(today=day) == 0
    assert confirmation.send_due_reminders(today=day + datetime.timedelta(days=1)) == 0
    assert confirmation.send_due_reminders(today=deadline - datetime.timedelta(days=3)) == 2
    assert confirmation.send_due_reminders(today=deadline - datetime.timedelta(days=3)) == 0
    assert sorted(address for message in mail.outbox for address in message.to) == [
        "redaktoer-a@example.dk",
        "redaktoer-a@example.dk",
        "redaktoer-k@example.dk",
        "redaktoer-k@example.dk",
    ]
    assert ConfirmationNotice.objects.filter(environment=world["env_b"]).count() == 1  # the start only


def test_editor_confirms_in_one_click_and_withdraws(client, running_round, world):
    client.force_login(world["editor_a"])
    url = reverse("environments_confirm", args=[running_round.pk, world["env_a"].pk])
    html = client.get(url).content.decode()
    assert "Tilbud A" in html and "Tilbud B" not in html
    client.post(url, {"action": "confirm", "offer": [world["offer_a"].pk, world["offer_b"].pk]})
    assert OfferPage.objects.get(pk=world["offer_a"].pk).last_verified == TODAY
    assert OfferPage.objects.get(pk=world["offer_b"].pk).last_verified != TODAY  # not theirs: ignored
    client.post(url, {"action": "withdraw", "offer": world["offer_a"].pk})
    assert not OfferPage.objects.get(pk=world["offer_a"].pk).live
    client.post(url, {"action": "withdraw", "offer": world["offer_b"].pk})
    assert OfferPage.objects.get(pk=world["offer_b"].pk).live
    response = client.post(url, {"action": "withdraw", "offer": "<script>"}, follow=True)
    assert response.status_code == 200 and "<script>" not in response.content.decode()


def test_forged_expired_and_other_environment_links(client, running_round, world):
    client.force_login(world["editor_a"])
    assert is_denied(client.get(reverse("environments_confirm", args=[running_round.pk, world["env_b"].pk])))
    client.post(
        reverse("environments_confirm", args=[running_round.pk, world["env_b"].pk]),
        {"action": "confirm_all"},
    )
    assert OfferPage.objects.get(pk=world["offer_b"].pk).last_verified != TODAY
    response = client.get(reverse("environments_confirm", args=[999999, world["env_a"].pk]))
    assert response.status_code == 404 and "passer ikke" in response.content.decode()
    newer = ConfirmationRound.objects.create(
        school_year=running_round.school_year + 1, deadline=running_round.deadline, started_at=timezone.now()
    )
    response = client.get(reverse("environments_confirm", args=[running_round.pk, world["env_a"].pk]))
    assert response.status_code == 410 and "tidligere runde" in response.content.decode()
    assert reverse("environments_confirm", args=[newer.pk, world["env_a"].pk]) in response.content.decode()


def test_after_the_deadline_unconfirmed_offers_are_marked_and_left_out_of_the_catalogue(
    client, running_round, world, settings
):
    confirmation.confirm_offers(environment=world["env_b"], offer_ids=[world["offer_b"].pk], user=world["editor_b"])
    edition = CatalogueEdition.objects.create(title="Katalog", school_year=TODAY.year)
    before = set(offers_for_edition(edition).values_list("pk", flat=True))
    assert confirmation.close_due_rounds(today=running_round.deadline) == 0  # not yet
    marked = confirmation.close_due_rounds(today=running_round.deadline + datetime.timedelta(days=1))
    assert marked == 2  # A's and the kommune's offer; B confirmed (drafts need no confirmation)
    offer_a = OfferPage.objects.get(pk=world["offer_a"].pk)
    assert offer_a.confirmation_overdue and offer_a.live
    html = client.get(offer_a.url).content.decode()
    assert "Ikke bekræftet" in html
    html = client.get(OfferPage.objects.get(pk=world["offer_b"].pk).url).content.decode()
    assert f"Bekræftet aktuelt {TODAY.day}." in html
    after = set(offers_for_edition(edition).values_list("pk", flat=True))
    assert world["offer_a"].pk in before - after and world["offer_b"].pk in after
    # Confirming later clears the mark.
    client.force_login(world["editor_a"])
    client.post(reverse("environments_confirm", args=[running_round.pk, world["env_a"].pk]), {"action": "confirm_all"})
    assert not OfferPage.objects.get(pk=world["offer_a"].pk).confirmation_overdue


def test_the_setting_also_unpublishes(running_round, world, settings):
    settings.CONFIRMATION_UNPUBLISH_UNCONFIRMED = True
    confirmation.close_due_rounds(today=running_round.deadline + datetime.timedelta(days=1))
    assert not OfferPage.objects.get(pk=world["offer_a"].pk).live


def test_round_form_gives_danish_errors(client, staff):
    client.force_login(staff)
    response = client.post(
        reverse("environments_freshness"),
        {
            "school_year": str(TODAY.year),
            "deadline": (TODAY - datetime.timedelta(days=1)).isoformat(),
            "reminder_days": "fjorten",
        },
    )
    html = response.content.decode()
    assert "Fristen skal ligge efter i dag." in html and "Skriv hele antal dage" in html
    assert not ConfirmationRound.objects.exists()


def test_overview_shows_numbers(client, running_round, staff, world):
    confirmation.confirm_offers(environment=world["env_b"], offer_ids=[world["offer_b"].pk], user=world["editor_b"])
    client.force_login(staff)
    html = client.get(reverse("environments_freshness")).content.decode()
    assert 'data-number="confirmed">1<' in html and 'data-number="pending">2<' in html
    assert "<svg" in html and "Aarhus" in html
    client.force_login(world["editor_a"])
    assert is_denied(client.get(reverse("environments_freshness")))


def test_scheduled_expiry_and_warning(world):
    offer = OfferPage.objects.get(pk=world["offer_a"].pk)
    offer.period_end = TODAY + datetime.timedelta(days=5)
    offer.period_start = TODAY - datetime.timedelta(days=100)
    offer.save_revision().publish()
    offer = OfferPage.objects.get(pk=offer.pk)
    assert offer.expire_at == confirmation.expiry_moment(TODAY + datetime.timedelta(days=5))
    mail.outbox.clear()
    assert confirmation.send_expiry_warnings() == 1
    assert confirmation.send_expiry_warnings() == 0
    (message,) = mail.outbox
    assert message.to == ["redaktoer-a@example.dk"] and "Tilbud A" in message.subject
    assert ExpiryWarning.objects.count() == 1
    # Past its last date: Wagtail's scheduled expiry takes it off the site.
    OfferPage.objects.filter(pk=offer.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))
    call_command("publish_scheduled")
    assert not OfferPage.objects.get(pk=offer.pk).live


@pytest.fixture
def page_cache(settings):
    """The anonymous whole-page cache on, as in production (it is off in tests by default)."""
    settings.PAGE_CACHE_SECONDS = 600
    Site.clear_site_root_paths_cache()
    pagecache.bump_content_version()
    yield
    Site.clear_site_root_paths_cache()


def test_a_confirmation_shows_at_once_on_cached_pages(
    running_round, world, page_cache, django_capture_on_commit_callbacks
):
    offer = world["offer_a"]
    OfferPage.objects.filter(pk=offer.pk).update(last_verified=datetime.date(2024, 3, 1))
    with django_capture_on_commit_callbacks(execute=True):
        pagecache.bump_content_version()
    visitor = Client()
    assert "1. marts 2024" in visitor.get(offer.url).content.decode()
    assert visitor.get(offer.url).headers.get("X-Page-Cache") == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        confirmation.confirm_offers(environment=world["env_a"], offer_ids=[offer.pk], user=world["editor_a"])
    html = visitor.get(offer.url).content.decode()
    assert "1. marts 2024" not in html and "Bekræftet aktuelt" in html


def test_the_deadlines_mark_shows_at_once_on_cached_pages(
    running_round, world, page_cache, django_capture_on_commit_callbacks
):
    offer = world["offer_a"]
    visitor = Client()
    assert "Ikke bekræftet" not in visitor.get(offer.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert confirmation.close_due_rounds(today=running_round.deadline + datetime.timedelta(days=1)) > 0
    assert "Ikke bekræftet" in visitor.get(offer.url).content.decode()
