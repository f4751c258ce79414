"""Moderation with Wagtail workflows: submit, request changes with reasons, fix, resubmit, approve;
only the page's reviewers are notified; the queue lists what waits, oldest first."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import WorkflowState

from environments.models import ChangeReason, ReviewTaskState
from environments.services import reviewers_of
from offers.models import OfferPage

from .conftest import edit_form, is_denied

pytestmark = pytest.mark.django_db


def submit(client, page, **changes):
    url, data = edit_form(client, page)
    for name, value in changes.items():
        data[name] = value
    data["action-submit"] = "1"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return OfferPage.objects.get(pk=page.pk)


def recipients() -> set[str]:
    return {address for message in mail.outbox for address in message.to}


def request_changes(client, page, reasons, comment="", xhr=True):
    state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "reject", state.pk])
    headers = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"} if xhr else {}
    return client.post(url, {"reasons": [reason.pk for reason in reasons], "comment": comment}, **headers)


def test_reviewers_are_routed_by_place_in_the_tree(world):
    assert [group.name for group in reviewers_of(world["offer_a"])] == ["Skoletjenestens redaktion"]
    assert reviewers_of(world["offer_k"]) == [world["kommune_site"].editors_group]


def test_submission_notifies_only_the_national_team(client, world):
    client.force_login(world["editor_a"])
    mail.outbox.clear()
    offer = submit(client, world["offer_a"], title="Tilbud A – ny udgave")
    assert offer.workflow_in_progress
    assert offer.title == "Tilbud A"  # the live version stays public until approved
    assert offer.live
    assert recipients() == {"redaktion@example.dk"}


def test_kommune_organised_offer_is_reviewed_by_its_consultants(client, world):
    client.force_login(world["editor_k"])
    mail.outbox.clear()
    submit(client, world["offer_k"], title="Besøg på vindmøllefabrikken i Aarhus")
    assert recipients() == {"aarhus-konsulent@example.dk"}
    # The national team has no say on it, and the consultant none on a national offer.
    client.force_login(world["reviewer"])
    state = OfferPage.objects.get(pk=world["offer_k"].pk).current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[world["offer_k"].pk, "approve", state.pk])
    assert client.post(url).status_code in (302, 403, 404)
    assert OfferPage.objects.get(pk=world["offer_k"].pk).title == "Besøg på vindmøllefabrikken"


def test_request_changes_with_reasons_then_fix_and_approve(client, world):
    client.force_login(world["editor_a"])
    offer = submit(client, world["offer_a"], title="Tilbud A – ny udgave")

    client.force_login(world["reviewer"])
    mail.outbox.clear()
    reasons = list(ChangeReason.objects.filter(title__in=["Prisen er uklar", "Målgruppen mangler"]))
    response = request_changes(client, offer, reasons, comment="Skriv prisen pr. klasse <b>tak</b>")
    assert response.status_code == 200
    offer = OfferPage.objects.get(pk=offer.pk)
    assert offer.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert offer.title == "Tilbud A"
    (message,) = mail.outbox
    assert message.to == ["redaktoer-a@example.dk"]
    assert "Ændringer ønsket" in message.subject
    assert "Prisen er uklar" in message.body and "Målgruppen mangler" in message.body
    assert "Skriv prisen pr. klasse" in message.body
    edit_url = reverse("wagtailadmin_pages:edit", args=[offer.pk])
    assert edit_url in message.body
    assert not message.alternatives  # plain text: nothing the reviewer wrote can become markup
    state = ReviewTaskState.objects.get(workflow_state__object_id=str(offer.pk))
    assert {reason.title for reason in state.reasons.all()} == {"Prisen er uklar", "Målgruppen mangler"}

    # The editor fixes the page and resubmits; the reviewer approves; it goes live; the editor is told.
    client.force_login(world["editor_a"])
    offer = submit(client, offer, title="Tilbud A – rettet", price_note="pr. klasse")
    assert offer.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    client.force_login(world["reviewer"])
    mail.outbox.clear()
    state = offer.current_workflow_task_state
    response = client.post(reverse("wagtailadmin_pages:workflow_action", args=[offer.pk, "approve", state.pk]))
    assert response.status_code == 302
    offer = OfferPage.objects.get(pk=offer.pk)
    assert offer.live and offer.title == "Tilbud A – rettet"
    assert not offer.workflow_in_progress
    assert recipients() == {"redaktoer-a@example.dk"}


def test_request_changes_needs_a_reason(client, world):
    client.force_login(world["editor_a"])
    offer = submit(client, world["offer_a"], title="Tilbud A – ny udgave")
    client.force_login(world["reviewer"])
    response = request_changes(client, offer, [], comment="Ret det")
    assert "Vælg mindst én årsag." in response.json()["html"]
    offer = OfferPage.objects.get(pk=offer.pk)
    assert offer.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_the_modal_offers_the_staff_reasons(client, world):
    client.force_login(world["editor_a"])
    offer = submit(client, world["offer_a"], title="Tilbud A – ny udgave")
    ChangeReason.objects.filter(title="Booking mangler").update(active=False)
    client.force_login(world["reviewer"])
    state = offer.current_workflow_task_state
    response = client.get(reverse("wagtailadmin_pages:workflow_action", args=[offer.pk, "reject", state.pk]))
    html = response.json()["html"]
    assert "Prisen er uklar" in html and "Beskrivelsen er for kort" in html
    assert "Booking mangler" not in html


def test_editor_cannot_edit_or_approve_while_in_review(client, world):
    client.force_login(world["editor_a"])
    offer = submit(client, world["offer_a"], title="Tilbud A – ny udgave")
    state = offer.current_workflow_task_state
    response = client.post(reverse("wagtailadmin_pages:workflow_action", args=[offer.pk, "approve", state.pk]))
    assert response.status_code in (302, 403)
    assert OfferPage.objects.get(pk=offer.pk).title == "Tilbud A"


def test_queue_lists_the_reviewers_items_oldest_first(client, world):
    client.force_login(world["editor_a"])
    submit(client, world["offer_a"], title="Tilbud A – ny udgave")
    submit(client, world["draft_a"], title="Hemmelig kladde A – klar")
    client.force_login(world["editor_k"])
    submit(client, world["offer_k"], title="Vindmøller")
    older = ReviewTaskState.objects.get(workflow_state__object_id=str(world["draft_a"].pk))
    older.started_at = timezone.now() - datetime.timedelta(days=9)
    older.save(update_fields=["started_at"])

    def queue_table() -> str:
        html = client.get(reverse("environments_moderation_queue")).content.decode()
        return html[html.index('<table class="listing">') :]

    client.force_login(world["reviewer"])
    html = queue_table()
    assert html.index("Hemmelig kladde A – klar") < html.index("Tilbud A – ny udgave")
    assert "9 dage" in html
    assert "Vindmøller" not in html

    client.force_login(world["consultant"])
    html = queue_table()
    assert "Vindmøller" in html and "Tilbud A" not in html

    client.force_login(world["editor_a"])
    assert is_denied(client.get(reverse("environments_moderation_queue")))


def test_a_reviewer_in_two_of_a_tasks_groups_sees_each_item_once(client, world):
    client.force_login(world["editor_a"])
    submit(client, world["offer_a"], title="Tilbud A – ny udgave")
    task = ReviewTaskState.objects.get(workflow_state__object_id=str(world["offer_a"].pk)).task.specific
    second = Group.objects.create(name="Redaktionens vikarer")
    task.groups.add(second)
    world["reviewer"].groups.add(second)

    client.force_login(world["reviewer"])
    html = client.get(reverse("environments_moderation_queue")).content.decode()
    assert "1 side venter på din godkendelse" in html
    assert html.count("Tilbud A – ny udgave</a>") == 1
