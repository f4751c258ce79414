"""Requests and lists in real headless Chromium: a teacher asks, the editor accepts in the admin, the
teacher sees it and gets the calendar file; a list made from favourites opens in a fresh browser."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import Site

from bookings.models import BookingRequest, RequestStatus
from demo.site import ensure_national_site
from offers.models import LearningEnvironmentIndexPage
from skoletjenesten.celery import app as celery_app
from tests.bookings.conftest import make_editors, platform_environment
from tests.browser.conftest import assert_no_serious_violations, new_browser_page
from tests.conftest import make_offer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def setup(live_server, django_user_model):
    Site.clear_site_root_paths_cache()
    ensure_national_site(hostname="localhost", port=int(live_server.url.rsplit(":", 1)[1]))
    environment = platform_environment(
        LearningEnvironmentIndexPage.objects.get(), title="Amager Naturcenter", postcode="2300"
    )
    offer = make_offer(environment, title="Liv i vandhullet", group_size_max=30)
    other = make_offer(environment, title="Fugle om vinteren")
    editor = make_editors(django_user_model, environment, "redaktoer")
    yield {"offer": offer, "other": other, "editor": editor}
    Site.clear_site_root_paths_cache()


@pytest.fixture
def eager():
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = False


def test_teacher_asks_editor_accepts_teacher_sees_it_and_gets_the_calendar_file(
    live_server, browser, axe, setup, eager
):
    teacher_context, teacher = new_browser_page(browser)
    teacher.goto(live_server.url + setup["offer"].url)
    teacher.get_by_role("link", name="Send en forespørgsel").click()
    assert teacher.url.endswith("/foresporgsel/")
    assert_no_serious_violations(axe, teacher)

    # A mistake first: the form explains it in Danish and keeps what was typed.
    teacher.get_by_label("Skolens navn").fill("Sundby Skole")
    teacher.get_by_label("Skolens postnummer").fill("0001")
    teacher.get_by_label("Dit navn").fill("Mette Hansen")
    teacher.get_by_label("Din e-mail").fill("mette@sundby-skole.dk")
    teacher.get_by_label("Klassetrin").select_option(label="5. klasse")
    teacher.get_by_label("Antal elever").fill("24")
    wanted = timezone.localdate() + timedelta(days=40)
    teacher.get_by_label("1. ønskede dato").fill(wanted.isoformat())
    teacher.get_by_role("button", name="Send forespørgslen").click()
    assert "0001 er ikke et dansk postnummer." in teacher.content()
    assert teacher.get_by_label("Skolens navn").input_value() == "Sundby Skole"
    assert_no_serious_violations(axe, teacher)
    teacher.get_by_label("Skolens postnummer").fill("2300")
    teacher.get_by_role("button", name="Send forespørgslen").click()
    teacher.get_by_text("Tak, forespørgslen er sendt").wait_for()
    assert teacher.locator("[data-status]").inner_text() == "Afventer svar"
    assert_no_serious_violations(axe, teacher)
    status_url = teacher.url.split("?")[0]
    assert sorted(m.to[0] for m in mail.outbox) == ["mette@sundby-skole.dk", "redaktoer@x.dk"]

    # The editor answers from the inbox in the admin.
    editor_context, editor = new_browser_page(browser)
    editor.goto(live_server.url + "/admin/login/")
    editor.locator("#id_username").fill("redaktoer")
    editor.locator("#id_password").fill("hemmelig-kode-1")
    editor.locator("form button[type=submit]").first.click()
    editor.goto(live_server.url + "/admin/foresporgsler/")
    editor.get_by_role("link", name="Liv i vandhullet").click()
    visit = timezone.localdate() + timedelta(days=41)
    editor.get_by_label("Dato").fill(visit.isoformat())
    editor.get_by_label("Klokkeslæt").fill("09:30")
    editor.get_by_role("button", name="Acceptér", exact=True).click()
    editor.get_by_text("Forespørgslen er accepteret").wait_for()
    booking = BookingRequest.objects.get()
    assert booking.status == RequestStatus.ACCEPTED
    accepted_mail = mail.outbox[-1]
    assert accepted_mail.to == ["mette@sundby-skole.dk"] and accepted_mail.attachments[0][0] == "besoeg.ics"

    # The teacher sees it on the private page and downloads the calendar file.
    teacher.goto(status_url)
    assert teacher.locator("[data-status]").inner_text() == "Accepteret"
    with teacher.expect_download() as download_info:
        teacher.get_by_role("link", name="Hent kalenderfil (.ics)").click()
    ics = Path(download_info.value.path()).read_text(encoding="utf-8")
    assert "BEGIN:VEVENT" in ics and "SUMMARY:Liv i vandhullet" in ics
    assert f"DTSTART;TZID=Europe/Copenhagen:{visit:%Y%m%d}T093000" in ics
    assert_no_serious_violations(axe, teacher)
    teacher_context.close()
    editor_context.close()


def test_a_list_made_from_favourites_opens_in_a_fresh_browser(live_server, browser, axe, setup):
    context, page = new_browser_page(browser)
    for offer in (setup["offer"], setup["other"]):
        page.goto(live_server.url + offer.url)
        heart = page.locator(f'[data-favourite="{offer.pk}"]').first
        heart.click()
        assert heart.get_attribute("aria-pressed") == "true"
    assert_no_serious_violations(axe, page)
    page.get_by_role("link", name="Favoritter").first.click()
    page.wait_for_url("**/favoritter/?tilbud=*")
    assert page.get_by_text("Liv i vandhullet").count() and page.get_by_text("Fugle om vinteren").count()
    assert_no_serious_violations(axe, page)
    page.get_by_label("Listens titel").fill("7. årgang 2027/28")
    page.get_by_role("button", name="Lav listen").click()
    page.get_by_text("Listen er oprettet").wait_for()
    note = page.get_by_label("Note til »Liv i vandhullet«")
    note.fill("Uge 38, før efterårsferien")
    page.get_by_role("button", name="Gem listen").click()
    page.get_by_text("Listen er gemt.").wait_for()
    assert_no_serious_violations(axe, page)
    share_url = page.locator("[data-share-link]").get_attribute("href")
    edit_url = page.locator("[data-edit-link]").get_attribute("href")
    context.close()

    colleague_context, colleague = new_browser_page(browser)  # a colleague's browser: nothing stored
    colleague.goto(share_url)
    assert colleague.get_by_role("heading", level=1).inner_text() == "7. årgang 2027/28"
    assert colleague.get_by_text("Uge 38, før efterårsferien").count() == 1
    assert colleague.get_by_role("heading", name="Fugle om vinteren").count() == 1
    assert edit_url not in colleague.content() and colleague.locator("input[name^=note-]").count() == 0
    assert_no_serious_violations(axe, colleague)
    colleague_context.close()
