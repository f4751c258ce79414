"""`make backup` / `make restore`: a backup restored into a fresh database (its own name) and an empty media folder
has every page, offer, partnership and file again."""

from __future__ import annotations

import hashlib

import psycopg2
import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.documents import get_document_model
from wagtail.models import Page

from demo.factories import make_offer
from offers.models import OfferPage
from partnerships.models import Partnership
from tests.partnerships.conftest import make_partnership

pytestmark = pytest.mark.django_db(transaction=True)


def connect(name: str):
    database = settings.DATABASES["default"]
    return psycopg2.connect(
        dbname=name,
        host=database.get("HOST") or "127.0.0.1",
        port=database.get("PORT") or 5432,
        user=database.get("USER") or "postgres",
        password=database.get("PASSWORD") or None,
    )


@pytest.fixture
def fresh_database():
    """An empty database of this test database's own (each checkout and worker has its own name).

    Kept after the test, like the test databases, and replaced by the next run: PostgreSQL's DROP DATABASE
    waits for a checkpoint, which took 24 s while the other worker was writing.
    """
    name = f"{settings.DATABASES['default']['NAME']}_restore"[:63]
    admin = connect("postgres")
    admin.autocommit = True
    admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.cursor().execute(f'CREATE DATABASE "{name}"')
    admin.close()
    return name


def test_a_backup_restores_into_a_fresh_database_with_every_page_offer_partnership_and_file(
    environment, tmp_path, fresh_database, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    make_offer(environment, title="Frøer i mosen")
    make_offer(environment, title="Vikingernes skibe")
    make_partnership(title="Partnerskab med Aarhus Kommune")
    content = b"Samarbejdsaftale\n" * 100
    document = get_document_model().objects.create(title="Aftale")
    document.file.save("aftale.txt", ContentFile(content))
    pages = set(Page.objects.values_list("pk", "url_path"))
    offers = set(OfferPage.objects.values_list("pk", flat=True))
    partnerships = set(Partnership.objects.values_list("pk", "title"))
    assert len(offers) == 2 and len(partnerships) == 1

    call_command("backup", "--folder", str(tmp_path / "backup"))
    restored_media = tmp_path / "restored-media"
    call_command("restore", str(tmp_path / "backup"), "--database", fresh_database, "--media-root", str(restored_media))

    with connect(fresh_database) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT id, url_path FROM wagtailcore_page")
        assert set(cursor.fetchall()) == pages
        cursor.execute("SELECT page_ptr_id FROM offers_offerpage")
        assert {row[0] for row in cursor.fetchall()} == offers
        cursor.execute("SELECT id, title FROM partnerships_partnership")
        assert set(cursor.fetchall()) == partnerships
        cursor.execute("SELECT file FROM wagtaildocs_document")
        (file_name,) = cursor.fetchone()
    restored = restored_media / file_name
    assert hashlib.sha256(restored.read_bytes()).hexdigest() == hashlib.sha256(content).hexdigest()


def test_restore_names_a_missing_backup_in_danish(tmp_path):
    with pytest.raises(CommandError, match="indeholder ikke database.dump"):
        call_command("restore", str(tmp_path / "findes-ikke"), "--database", "ingen")
