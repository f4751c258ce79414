"""The whole journey of a new learning environment in real headless Chromium: apply on the public form,
confirm the e-mail address, staff approve in the admin, the new editor sets a password through the
invitation and logs in, adds an offer and submits it; the reviewer requests changes with a reason, the
editor gets the e-mail, fixes and resubmits, the reviewer approves, and the offer is found in search.

Wagtail's workflow actions with a form (our "Anmod om ændringer": reasons and a comment) open a modal
(``workflow-action.js``) whose form posts to ``collect_workflow_action_data``; on success the script adds
``action-workflow-action``, ``workflow-action-name`` and ``workflow-action-extra-data`` to the page's
edit form and submits that, so the action takes effect with the edit form's post (a navigation), not
with the modal's. The modal's button carries the action's name too, so it is found inside the dialog.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache
from django.core.signals import got_request_exception
from django.urls import reverse
from wagtail.models import Site, WorkflowState

from demo.factories import make_environment
from demo.site import ensure_national_site
from environments.models import ApplicationStatus, EnvironmentApplication
from environments.services import (
    NATIONAL_REVIEWERS_GROUP,
    ensure_national_review_workflow,
    provision_environment_editors,
)
from offers.models import EnvironmentType, LearningEnvironmentIndexPage, LearningEnvironmentPage, OfferPage
from tests.browser.conftest import new_browser_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "hemmelig-kode-1"
EDITOR_PASSWORD = "Skovbund-og-mos-42"


@pytest.fixture
def setup(live_server, django_user_model):
    Site.clear_site_root_paths_cache()
    cache.clear()  # the sign-up's rate limit
    ensure_national_site(hostname="localhost", port=int(live_server.url.rsplit(":", 1)[1]))
    ensure_national_review_workflow()
    django_user_model.objects.create_superuser("admin", "admin@example.dk", PASSWORD)
    reviewer = django_user_model.objects.create_user("redaktion", "redaktion@example.dk", PASSWORD)
    reviewer.groups.add(Group.objects.get(name=NATIONAL_REVIEWERS_GROUP))
    yield
    Site.clear_site_root_paths_cache()
    cache.clear()


def link_in(message, live_server, pattern: str) -> str:
    """The link in an e-mail, on the live server."""
    url = re.search(rf"https?://\S+{pattern}\S*", message.body).group(0)
    return live_server.url + "/" + url.split("://", 1)[1].split("/", 1)[1]


def log_in(page, live_server, username: str, password: str) -> None:
    page.goto(live_server.url + "/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    with page.expect_navigation():
        page.locator("form button[type=submit]").first.click()


def action_button(page, selector: str):
    """A button of the editor's action menu, opening the menu's dropdown when the button is inside it."""
    button = page.locator(f"footer {selector}").first
    if not button.is_visible():
        page.locator("footer").get_by_role("button", name="Flere handlinger").click()
        button.wait_for(state="visible")
    return button


def choose(page, field_id: str, name: str) -> None:
    """Pick an item in a snippet chooser's modal."""
    page.locator(f"#{field_id}-chooser [data-chooser-action-choose]").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("link", name=name, exact=True).click()
    dialog.wait_for(state="hidden")
    assert page.locator(f"#{field_id}").input_value()


def test_a_new_environment_joins_and_gets_its_first_offer_approved(live_server, browser, setup):
    nature_centre = EnvironmentType.objects.get(slug="naturcenter")

    # 1. The applicant fills in the public form.
    applicant_context, applicant = new_browser_page(browser)
    applicant.goto(live_server.url + "/for-laeringsmiljoeer/tilmeld/")
    applicant.get_by_label("Organisationens navn").fill("Skovens Hus")
    applicant.get_by_label("Type").select_option(label=nature_centre.name)
    applicant.get_by_label("Adresse", exact=True).fill("Skovvej 4")
    applicant.get_by_label("Postnummer").fill("8600")
    applicant.get_by_label("Hjemmeside").fill("https://skovenshus.dk")
    applicant.get_by_label("Kontaktperson").fill("Mette Skov")
    applicant.get_by_label("E-mail").fill("mette@skovenshus.dk")
    applicant.get_by_label("Telefon").fill("12 34 56 78")
    applicant.get_by_label("Kort beskrivelse").fill("Vi viser skoleklasser skovens dyr og planter.")
    applicant.get_by_label("Jeg accepterer vilkårene").check()
    applicant.get_by_role("button", name="Send tilmelding").click()
    applicant.get_by_role("heading", name="Tjek din e-mail").wait_for()

    # 2. … and confirms the e-mail address through the link in the e-mail.
    (confirmation,) = mail.outbox
    assert confirmation.to == ["mette@skovenshus.dk"]
    applicant.goto(link_in(confirmation, live_server, "/tilmeld/bekraeft/"))
    application = EnvironmentApplication.objects.get()
    assert application.status == ApplicationStatus.NEW

    # 3. Staff approve the application in the admin.
    staff_context, staff = new_browser_page(browser)
    log_in(staff, live_server, "admin", PASSWORD)
    staff.goto(live_server.url + reverse("environments_application", args=[application.pk]))
    mail.outbox.clear()
    with staff.expect_navigation():
        staff.get_by_role("button", name="Godkend", exact=True).click()
    environment = LearningEnvironmentPage.objects.get(title="Skovens Hus")
    (invitation,) = mail.outbox
    assert invitation.to == ["mette@skovenshus.dk"]

    # 4. The new editor sets a password through the invitation and logs in.
    applicant.goto(link_in(invitation, live_server, "/invitation/"))
    applicant.get_by_label("Adgangskode", exact=True).fill(EDITOR_PASSWORD)
    applicant.get_by_label("Gentag adgangskoden").fill(EDITOR_PASSWORD)
    applicant.get_by_role("button", name="Gem adgangskode").click()
    applicant.get_by_text("Du er nu redaktør for Skovens Hus").wait_for()
    editor = applicant
    log_in(editor, live_server, "mette@skovenshus.dk", EDITOR_PASSWORD)

    # 5. … adds an offer from the dashboard and submits it for moderation.
    editor.get_by_role("link", name="Tilføj tilbud").click()
    editor.locator("#id_title").fill("Skovbundens små dyr")
    editor.locator("#id_teaser").fill("Eleverne finder og bestemmer dyrene i skovbunden.")
    description = editor.locator("[data-contentpath=description] [contenteditable=true]")
    description.click()
    editor.keyboard.type("Vi løfter blade og sten og ser, hvem der bor under dem.")
    editor.get_by_role("tab", name="Målgruppe og fag").click()
    choose(editor, "id_grade_from", "3. klasse")
    choose(editor, "id_grade_to", "6. klasse")
    editor.locator("#id_subject_areas").select_option(label="Naturfag og naturvidenskab")
    editor.get_by_role("tab", name="Praktisk").click()
    editor.locator("input[name=formats]").first.check()
    editor.locator("#id_use_environment_location").check()
    mail.outbox.clear()
    with editor.expect_navigation():
        action_button(editor, "button[name=action-submit]").click()
    offer = OfferPage.objects.child_of(environment).get()
    assert offer.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert {address for message in mail.outbox for address in message.to} == {"redaktion@example.dk"}

    # 6. The reviewer requests changes with a reason and a comment, in Wagtail's workflow modal.
    reviewer_context, reviewer = new_browser_page(browser)
    log_in(reviewer, live_server, "redaktion", PASSWORD)
    reviewer.goto(live_server.url + reverse("wagtailadmin_pages:edit", args=[offer.pk]))
    mail.outbox.clear()
    action_button(reviewer, "[data-workflow-action-name=reject]").click()
    dialog = reviewer.get_by_role("dialog")
    dialog.get_by_label("Prisen er uklar").check()
    dialog.get_by_label("Kommentar til redaktøren").fill("Skriv prisen pr. klasse.")
    with reviewer.expect_navigation():  # the script posts the edit form with the collected data
        dialog.locator("form button[type=submit]").click()
    offer = OfferPage.objects.get(pk=offer.pk)
    assert offer.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES

    # 7. The editor gets the e-mail with the reason, follows its link, fixes the offer and resubmits.
    (changes,) = mail.outbox
    assert changes.to == ["mette@skovenshus.dk"]
    assert "Prisen er uklar" in changes.body and "Skriv prisen pr. klasse." in changes.body
    editor.goto(link_in(changes, live_server, f"/admin/pages/{offer.pk}/edit/"))
    editor.get_by_role("tab", name="Praktisk").click()
    editor.locator("#id_price_amount").fill("600")
    editor.locator("#id_price_note").fill("pr. klasse")
    with editor.expect_navigation():
        action_button(editor, "button[name=action-submit]").click()
    offer = OfferPage.objects.get(pk=offer.pk)
    assert offer.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS

    # 8. The reviewer approves; the offer goes live.
    reviewer.goto(live_server.url + reverse("wagtailadmin_pages:edit", args=[offer.pk]))
    with reviewer.expect_navigation():
        action_button(reviewer, "[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])").click()
    offer = OfferPage.objects.get(pk=offer.pk)
    assert offer.live and not offer.workflow_in_progress
    assert offer.price_note == "pr. klasse"

    # 9. Teachers find it in the public search.
    teacher_context, teacher = new_browser_page(browser)
    teacher.goto(live_server.url + "/tilbud/?q=skovbundens")
    teacher.get_by_role("link", name="Skovbundens små dyr").first.wait_for()
    for context in (applicant_context, staff_context, reviewer_context, teacher_context):
        context.close()


def is_autosave(request) -> bool:
    return request.method == "POST" and "application/json" in request.headers.get("accept", "")


def test_a_click_on_submit_while_the_autosave_is_under_way_makes_one_page(
    live_server, browser, setup, django_user_model
):
    """Wagtail's autosave posts the add form in the background; the click on "Send til godkendelse" posts
    it again. The autosave's request is held in the browser until the click's post goes out, then both
    reach the server at once, the autosave carrying the complete form (as when the editor clicks right
    after the last keystroke): one page, submitted for moderation, and no server error."""
    environment = make_environment(LearningEnvironmentIndexPage.objects.get(), title="Skovens Hus", postcode="8600")
    provision_environment_editors(environment=environment)
    editor_user = django_user_model.objects.create_user("skov", "skov@example.dk", PASSWORD)
    editor_user.groups.add(environment.editors_group)
    errors = []

    def record(sender, request, **kwargs):
        errors.append(request.path)

    got_request_exception.connect(record)
    context, editor = new_browser_page(browser)
    held = []

    def hold_autosave(route, request):
        if request.method != "POST":
            route.continue_()
        elif is_autosave(request):
            held[:] = [route]  # the autosave waits
        else:
            # The click's post: the autosave goes first, with the form as it is now, and the click right after.
            # (The autosave's own request is multipart; the form's is urlencoded, with the clicked button.)
            assert request.headers["content-type"] == "application/x-www-form-urlencoded"
            form = [(name, value) for name, value in parse_qsl(request.post_data, keep_blank_values=True)]
            autosave = urlencode([(name, value) for name, value in form if name != "action-submit"])
            headers = {**held[0].request.headers, "content-type": request.headers["content-type"]}
            held[0].continue_(post_data=autosave, headers=headers)
            route.continue_()

    try:
        log_in(editor, live_server, "skov", PASSWORD)
        editor.route("**/admin/pages/add/**", hold_autosave)
        # Wagtail's unsaved-changes watcher takes the form's first state 2 s after it starts, and only later
        # changes trigger an autosave: a fill quicker than that (an idle machine) would never autosave.
        # An editor types for longer; the test waits for the watcher as the editor's slower hands would.
        editor.add_init_script(
            "document.addEventListener('w-unsaved:watch-edits', () => { window.watchingEdits = true; })"
        )
        editor.goto(live_server.url + reverse("wagtailadmin_pages:add", args=["offers", "offerpage", environment.pk]))
        editor.wait_for_function("window.watchingEdits === true")
        editor.locator("#id_title").fill("Skovbundens små dyr")
        editor.locator("#id_teaser").fill("Eleverne finder og bestemmer dyrene i skovbunden.")
        editor.locator("[data-contentpath=description] [contenteditable=true]").click()
        editor.keyboard.type("Vi løfter blade og sten.")
        editor.get_by_role("tab", name="Målgruppe og fag").click()
        choose(editor, "id_grade_from", "3. klasse")
        choose(editor, "id_grade_to", "6. klasse")
        editor.locator("#id_subject_areas").select_option(label="Naturfag og naturvidenskab")
        editor.get_by_role("tab", name="Praktisk").click()
        editor.locator("input[name=formats]").first.check()
        # The autosave may already have gone out during an earlier step (its delay runs from the last
        # change, and a loaded machine stretches the steps): then that one is held, and no other follows
        # while it waits. Either way the held post is sent with the form as it is at the click.
        for _ in range(1000):  # the route handler runs as Playwright dispatches the request's events
            if held:
                break
            editor.wait_for_timeout(20)
        assert held, "the autosave's post was not held"
        with editor.expect_navigation():
            action_button(editor, "button[name=action-submit]").click()
        # Whichever post got there first made the page; the editor is told it was sent for review.
        told = re.compile(r"Skovbundens små dyr.* (sendt til godkendelse|indsendt til moderation)")
        editor.locator(".messages").get_by_text(told).wait_for()
    finally:
        got_request_exception.disconnect(record)
        context.close()
    assert errors == [], errors
    (offer,) = OfferPage.objects.child_of(environment)
    assert offer.title == "Skovbundens små dyr"
    assert offer.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
