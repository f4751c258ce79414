"""The catalogue's admin page in headless Chromium: axe-core (WCAG 2.1 A/AA) and live progress without reloading."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from catalogue import services
from catalogue.models import CatalogueEdition, CatalogueExport, ExportStatus
from demo.site import ensure_national_site

from .conftest import new_browser_page

WCAG_A_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.mark.browser
def test_staff_watch_a_run_progress_and_fail_without_reloading(live_server, browser, axe, django_user_model):
    ensure_national_site(hostname="localhost")
    staff = django_user_model.objects.create_superuser(username="katalog", password="hemmelig-kode-1")
    client = Client()
    client.force_login(staff)
    edition = CatalogueEdition.objects.create(school_year=2027, title="Skoletjenestens katalog")
    export = services.start_export(edition=edition, enqueue=False)
    CatalogueExport.objects.filter(pk=export.pk).update(status=ExportStatus.RUNNING, progress=12, stage="Udvælger")

    context, page = new_browser_page(browser)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    assert page.goto(f"{live_server.url}/admin/catalogue/{edition.pk}/").status == 200
    row = page.locator(f'tr[data-export-id="{export.pk}"]')
    assert row.locator(".catalogue-runs__percent").inner_text() == "12 %"
    results = axe.run(page, context="main", options=WCAG_A_AA)
    assert [v["id"] for v in results.response["violations"]] == []

    CatalogueExport.objects.filter(pk=export.pk).update(progress=64, stage="Samler PDF")
    page.wait_for_function("document.querySelector('.catalogue-runs__percent').textContent === '64 %'", timeout=15_000)
    assert row.locator(".catalogue-runs__stage").inner_text() == "Samler PDF"

    services.fail_export(export_id=export.pk, reason="Del 3 af kataloget mangler <b>nu</b>.")
    row.locator(".catalogue-runs__error").wait_for(timeout=15_000)
    assert row.locator(".catalogue-runs__status").inner_text() == "Fejlet"
    assert row.locator(".catalogue-runs__error").inner_text() == "Del 3 af kataloget mangler <b>nu</b>."
    assert page.locator(".catalogue-runs__error b").count() == 0  # shown as text, never as markup
    context.close()
