"""The COPY reset of transactional tests (tests/snapshot.py) gives back exactly the migrated rows."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.backends.base.creation import BaseDatabaseCreation
from wagtail.models import Page

from curriculum.models import Subject
from demo.factories import make_environment, make_offer
from demo.site import ensure_national_site
from geography.models import Municipality
from offers.models import LearningEnvironmentIndexPage


def every_row() -> str:
    """Every model's rows as Django's own serializer writes them (JSON, ordered by key)."""
    return BaseDatabaseCreation.serialize_db_to_string(connection.creation)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_c_a_flush_and_the_restore_give_back_every_migrated_row_and_new_rows_get_new_ids():
    # What each transactional test starts from (restored before it): the migrated rows, reference data included.
    assert Municipality.objects.count() == 98 and Subject.objects.count() > 20 and Page.objects.filter(depth=1).exists()
    migrated = every_row()

    # A test's writes: new pages, a changed and a deleted reference row.
    ensure_national_site(hostname="testserver")
    make_offer(make_environment(LearningEnvironmentIndexPage.objects.get()), title="Frøer i mosen")
    Municipality.objects.filter(code="0751").update(name="Aarhus (ændret)")
    Subject.objects.order_by("pk").first().delete()
    highest_page = Page.objects.order_by("-pk").values_list("pk", flat=True).first()

    # As TransactionTestCase flushes after each test.
    call_command("flush", verbosity=0, interactive=False, reset_sequences=False, inhibit_post_migrate=True)
    assert not Page.objects.exists() and not Municipality.objects.exists()

    connection.creation.deserialize_db_from_string(connection._test_serialized_contents)
    assert every_row() == migrated
    # The sequences were not reset: a page made now does not take an id a test has handed out.
    home = ensure_national_site(hostname="testserver")
    assert home.pk > highest_page
