"""Absolute links made outside a request come from the configured site address (PUBLIC_BASE_URL)."""

from __future__ import annotations

import csv
import functools
import html
import io
import os
import re
import subprocess
import sys
from urllib.parse import unquote

import pytest
from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from openpyxl import load_workbook
from wagtail.models import Site

from catalogue import services as catalogue
from catalogue.models import CatalogueEdition, CatalogueExport
from catalogue.rendering import qr_data_uri
from demo.factories import make_offer
from demo.site import ensure_national_site
from home.site_address import public_url, sync_national_site
from skoletjenesten.env import env_base_url
from tests.catalogue.conftest import build_offers
from tests.catalogue.pdfcheck import file_path, page_texts

ADDRESS = "https://skoletjenesten.example"


@pytest.fixture
def configured(settings, national_site, tmp_path):
    settings.PUBLIC_BASE_URL = ADDRESS
    settings.MEDIA_ROOT = tmp_path / "media"
    assert sync_national_site()
    catalogue._site_root_paths.cache_clear()
    yield
    catalogue._site_root_paths.cache_clear()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://skoletjenesten.dk", "https://skoletjenesten.dk"),
        ("https://skoletjenesten.dk/", "https://skoletjenesten.dk"),
        ("http://127.0.0.1:8000", "http://127.0.0.1:8000"),
    ],
)
def test_a_site_address_is_scheme_and_host(monkeypatch, value, expected):
    monkeypatch.setenv("PUBLIC_BASE_URL", value)
    assert env_base_url("PUBLIC_BASE_URL", "http://x") == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("skoletjenesten.dk", "scheme and host"),
        ("ftp://skoletjenesten.dk", "scheme and host"),
        ("https://skoletjenesten.dk/tilbud/", "no path"),
        ("https://skoletjenesten.dk:8443", "port 443 only"),
        ("http://skoletjenesten.dk:abc", "invalid port"),
    ],
)
def test_a_wrong_site_address_stops_the_start_with_a_clear_message(monkeypatch, value, message):
    monkeypatch.setenv("PUBLIC_BASE_URL", value)
    with pytest.raises(ImproperlyConfigured, match=message):
        env_base_url("PUBLIC_BASE_URL", "http://x")


def test_the_national_site_follows_the_address_and_so_do_wagtails_full_urls(configured, environment):
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("skoletjenesten.example", 443, ADDRESS)
    offer = make_offer(environment)
    assert offer.full_url.startswith(ADDRESS + "/laeringsmiljoer/")
    assert public_url("/tilbud/") == ADDRESS + "/tilbud/"
    assert not sync_national_site(), "already there: nothing to change"


def test_a_new_national_site_takes_the_address(settings, db):
    settings.PUBLIC_BASE_URL = "http://skoletjenesten.test:8000"
    Site.objects.all().delete()
    ensure_national_site()
    assert Site.objects.get(is_default_site=True).root_url == "http://skoletjenesten.test:8000"


def test_share_by_email_links_to_the_public_address(configured, environment, client):
    offer = make_offer(environment)
    page = client.get(offer.url).content.decode()
    [href] = re.findall(r'href="(mailto:[^"]*)"[^>]*>Del via e-mail', page)
    body = unquote(html.unescape(href).split("body=", 1)[1])
    assert body == offer.full_url
    assert body.startswith(ADDRESS + "/laeringsmiljoer/")


def test_catalogue_qr_codes_web_addresses_csv_and_xlsx_use_the_public_address(configured, environment_index):
    offers = build_offers(environment_index, 6)
    edition = CatalogueEdition.objects.create(school_year=2027, title="Katalog")
    export = catalogue.start_export(edition=edition, enqueue=False)
    catalogue.run_export_in_process(export_id=export.pk)
    export = CatalogueExport.objects.get(pk=export.pk)

    with open(file_path(export, "csv"), encoding="utf-8-sig", newline="") as handle:
        urls = [row["Webadresse"] for row in csv.DictReader(handle, delimiter=";")]
    assert len(urls) == 6
    assert all(url.startswith(ADDRESS + "/laeringsmiljoer/") for url in urls), urls
    sheet = load_workbook(file_path(export, "xlsx")).active
    header = [cell.value for cell in sheet[1]]
    column = header.index("Webadresse")
    assert sorted(row[column] for row in sheet.iter_rows(min_row=2, values_only=True)) == sorted(urls)

    text = "\n".join(page_texts(file_path(export, "pdf")))
    assert "localhost" not in text and "testserver" not in text
    assert "på skoletjenesten.example" in text  # the welcome page's "find all offers at …"
    entry = catalogue.entry_context(offers[0])
    assert entry["url"] == offers[0].full_url and entry["qr"] == qr_data_uri(offers[0].full_url)


@pytest.fixture
def production_without_address(settings, national_site):
    """The production settings' view of an unset PUBLIC_BASE_URL: the local default, not configured."""
    settings.PUBLIC_BASE_URL_REQUIRED = True
    settings.PUBLIC_BASE_URL_CONFIGURED = False
    settings.PUBLIC_BASE_URL = "http://127.0.0.1:8000"
    Site.objects.filter(is_default_site=True).update(hostname="skoletjenesten.example", port=443)


def test_migrate_in_production_without_an_address_keeps_the_live_site_and_says_why(production_without_address):
    out = io.StringIO()
    call_command("migrate", "--noinput", stdout=out)
    site = Site.objects.get(is_default_site=True)
    assert site.root_url == ADDRESS, "the live site must not be pointed at 127.0.0.1:8000"
    assert "PUBLIC_BASE_URL is not set: the national site keeps its address https://skoletjenesten.example" in (
        out.getvalue()
    )
    assert not sync_national_site()


def test_check_deploy_warns_in_production_without_an_address(production_without_address, settings):
    assert "home.W001" in {message.id for message in run_checks(include_deployment_checks=True)}
    settings.PUBLIC_BASE_URL_CONFIGURED = True
    assert "home.W001" not in {message.id for message in run_checks(include_deployment_checks=True)}


def test_outside_production_the_site_follows_the_local_default(production_without_address, settings):
    settings.PUBLIC_BASE_URL_REQUIRED = False  # dev and test: 127.0.0.1:8000 is the right address there
    call_command("migrate", "--noinput", stdout=io.StringIO())
    assert Site.objects.get(is_default_site=True).root_url == "http://127.0.0.1:8000"


def test_the_production_settings_require_the_address_and_know_whether_it_is_set():
    code = (
        "from django.conf import settings as s; "
        "print(s.PUBLIC_BASE_URL_REQUIRED, s.PUBLIC_BASE_URL_CONFIGURED, s.PUBLIC_BASE_URL)"
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PUBLIC_BASE_URL", "WAGTAILADMIN_BASE_URL", "PYTEST_XDIST_WORKER")
    }
    env.update(DJANGO_SETTINGS_MODULE="skoletjenesten.settings.production", SECRET_KEY="k" * 20 + "x1y2z3" * 5)
    run = functools.partial(
        subprocess.run,
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        capture_output=True,
        text=True,
        check=True,
    )
    assert run(env=env).stdout.split() == ["True", "False", "http://127.0.0.1:8000"]
    env["PUBLIC_BASE_URL"] = ADDRESS
    assert run(env=env).stdout.split() == ["True", "True", ADDRESS]
