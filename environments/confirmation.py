"""The yearly confirmation round and offers' freshness: e-mails once per environment and kind, the
deadline's consequences, confirming and withdrawing offers, and scheduled expiry after an offer's last date."""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from wagtail import hooks
from wagtail.actions.unpublish_page import UnpublishPageAction

from offers.models import LearningEnvironmentPage, OfferPage
from operations.pagecache import bump_after_commit

from .models import ConfirmationNotice, ConfirmationRound, ExpiryWarning

logger = logging.getLogger(__name__)

START = "start"


class ConfirmationError(ValueError):
    """The round cannot be started or used as asked; the message (Danish) says why."""


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def editor_emails(environment: LearningEnvironmentPage) -> list[str]:
    if not environment.editors_group_id:
        return []
    return sorted(
        set(environment.editors_group.user_set.filter(is_active=True).exclude(email="").values_list("email", flat=True))
    )


# A rule across two apps on the same floor: a round's deadline lies before the catalogue's deadline. The
# catalogue app (which this app may not import) fills this Wagtail hook in its wagtail_hooks.py: each
# registered function takes a school year (its start year) and returns (title, deadline) pairs of the
# catalogue editions for that year that have a deadline. See docs/architecture.md, "Rules between apps".
CATALOGUE_DEADLINES_HOOK = "environments_catalogue_deadlines"


def catalogue_deadlines(school_year: int) -> list[tuple[str, datetime.date]]:
    """The catalogue editions' deadlines for a school year, earliest first (from the hook's functions)."""
    found: list[tuple[str, datetime.date]] = []
    for deadlines_for in hooks.get_hooks(CATALOGUE_DEADLINES_HOOK):
        found.extend(deadlines_for(school_year))
    return sorted(found, key=lambda pair: (pair[1], pair[0]))


def current_round() -> ConfirmationRound | None:
    return ConfirmationRound.objects.filter(started_at__isnull=False).order_by("-school_year").first()


def offers_in_round(environment: LearningEnvironmentPage) -> QuerySet[OfferPage]:
    """The offers an environment confirms: its live offers (withdrawn ones need no confirmation)."""
    return OfferPage.objects.child_of(environment).live().order_by("title")


def is_confirmed(offer: OfferPage, round: ConfirmationRound) -> bool:
    since = round.confirmed_since
    return bool(since and offer.last_verified and offer.last_verified >= since)


def pending_offers(round: ConfirmationRound) -> QuerySet[OfferPage]:
    since = round.confirmed_since
    return OfferPage.objects.live().filter(Q(last_verified__isnull=True) | Q(last_verified__lt=since))


def environments_in_round(round: ConfirmationRound) -> QuerySet[LearningEnvironmentPage]:
    """Environments with live offers and an editors' group."""
    return (
        LearningEnvironmentPage.objects.filter(editors_group__isnull=False, offers__live=True).distinct().order_by("pk")
    )


# --- E-mails ---------------------------------------------------------------------------------------------


def send_notice(*, round: ConfirmationRound, environment: LearningEnvironmentPage, kind: str) -> bool:
    """Send one e-mail of the round to the environment's editors unless it was sent before.

    The notice row is inserted before the e-mail goes out, in one transaction: a concurrent run blocks
    on the unique constraint until this one commits and then finds the row; if sending fails, the row
    is rolled back so the next run tries again. Returns True if this call sent it.
    """
    recipients = editor_emails(environment)
    if not recipients:
        return False
    with transaction.atomic():
        _, created = ConfirmationNotice.objects.get_or_create(
            round=round, environment=environment, kind=kind, defaults={"recipients": ", ".join(recipients)}
        )
        if not created:
            return False
        offers = list(offers_in_round(environment))
        with translation.override(settings.LANGUAGE_CODE):
            context = {
                "round": round,
                "environment": environment,
                "offers": offers,
                "pending": [offer for offer in offers if not is_confirmed(offer, round)],
                "is_reminder": kind != START,
                "url": _absolute(reverse("environments_confirm", args=[round.pk, environment.pk])),
            }
            subject = render_to_string("environments/email/confirmation_subject.txt", context).strip()
            body = render_to_string("environments/email/confirmation.txt", context)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    logger.info("Confirmation %s for environment %s (round %s) sent to %s", kind, environment.pk, round.pk, recipients)
    return True


def send_round_emails(*, round_id: int) -> int:
    round = ConfirmationRound.objects.get(pk=round_id)
    sent = 0
    for environment in environments_in_round(round).select_related("editors_group"):
        sent += send_notice(round=round, environment=environment, kind=START)
    return sent


def send_due_reminders(*, today: datetime.date | None = None) -> int:
    """Reminders a set number of days before each open round's deadline, to environments with offers
    still to confirm; at most once per environment and reminder. A day the task did not run is caught up."""
    today = today or timezone.localdate()
    sent = 0
    for round in ConfirmationRound.objects.filter(
        started_at__isnull=False, closed_at__isnull=True, deadline__gte=today
    ):
        due = [
            days
            for days in sorted(set(round.reminder_days), reverse=True)
            if today >= round.deadline - datetime.timedelta(days=days)
        ]
        if not due:
            continue
        days = min(due)  # the latest reminder due; earlier ones missed are not sent late
        pending_environment_ids = pending_offers(round).values("environment_id")
        environments = environments_in_round(round).filter(pk__in=pending_environment_ids)
        for environment in environments.select_related("editors_group"):
            sent += send_notice(round=round, environment=environment, kind=f"paamindelse-{days}")
    return sent


@transaction.atomic
def close_due_rounds(*, today: datetime.date | None = None) -> int:
    """After the deadline: unconfirmed offers are marked "Ikke bekræftet" (and unpublished if
    CONFIRMATION_UNPUBLISH_UNCONFIRMED). Returns how many offers were marked."""
    today = today or timezone.localdate()
    marked = 0
    for round in ConfirmationRound.objects.select_for_update().filter(
        started_at__isnull=False, closed_at__isnull=True, deadline__lt=today
    ):
        overdue = pending_offers(round).filter(environment__editors_group__isnull=False)
        if settings.CONFIRMATION_UNPUBLISH_UNCONFIRMED:
            for offer in overdue:
                offer.unpublish(log_action=True)
        marked += OfferPage.objects.filter(pk__in=overdue.values("pk")).update(confirmation_overdue=True)
        bump_after_commit()  # queryset updates send no signals: cached pages and cards show the mark at once
        round.closed_at = timezone.now()
        round.save(update_fields=["closed_at"])
    return marked


# --- Editors' actions ------------------------------------------------------------------------------------


def _own_offers(environment: LearningEnvironmentPage, offer_ids) -> QuerySet[OfferPage]:
    return OfferPage.objects.child_of(environment).filter(pk__in=offer_ids)


@transaction.atomic
def confirm_offers(*, environment: LearningEnvironmentPage, offer_ids, user: AbstractBaseUser) -> int:
    """Confirm the environment's offers current today (other environments' offers are ignored)."""
    confirmed = _own_offers(environment, offer_ids).update(
        last_verified=timezone.localdate(), confirmation_overdue=False
    )
    if confirmed:
        bump_after_commit()  # the new date on cached pages and result cards at once
    return confirmed


@transaction.atomic
def withdraw_offer(*, environment: LearningEnvironmentPage, offer_id: int, user: AbstractBaseUser) -> OfferPage | None:
    """Take an offer off the site (unpublish) on the environment's own word."""
    offer = _own_offers(environment, [offer_id]).live().first()
    if offer is None:
        return None
    # The caller checked that the user edits this environment; untrusted editors have no Wagtail
    # publish right, yet may take their own offer off the site.
    UnpublishPageAction(offer, user=user, log_action=True).execute(skip_permission_checks=True)
    return offer


def mark_published_offer_current(*, offer_id: int) -> None:
    """Publishing an offer (directly or by approval) confirms it current, and its last date (if any)
    becomes its scheduled expiry."""
    offer = OfferPage.objects.filter(pk=offer_id).only("pk", "period_end").first()
    if offer is None:
        return
    changes = {"last_verified": timezone.localdate(), "confirmation_overdue": False}
    if offer.period_end:
        changes["expire_at"] = expiry_moment(offer.period_end)
    OfferPage.objects.filter(pk=offer_id).update(**changes)
    bump_after_commit()


# --- Scheduled expiry ------------------------------------------------------------------------------------


def expiry_moment(period_end: datetime.date) -> datetime.datetime:
    """The first moment after an offer's last day (midnight, local time)."""
    return timezone.make_aware(datetime.datetime.combine(period_end + datetime.timedelta(days=1), datetime.time()))


def schedule_expiry(*, today: datetime.date | None = None) -> int:
    """Give every live offer with a last date Wagtail's expire_at (the day after), so Wagtail's
    publish_scheduled takes it off the site on its own. Returns how many were scheduled."""
    scheduled = 0
    for offer in (
        OfferPage.objects.live().filter(period_end__isnull=False, expire_at__isnull=True).only("pk", "period_end")
    ):
        scheduled += OfferPage.objects.filter(pk=offer.pk).update(expire_at=expiry_moment(offer.period_end))
    return scheduled


def send_expiry_warnings(*, now: datetime.datetime | None = None) -> int:
    """Tell the environment's editors, once per offer and expiry, that an offer will expire soon."""
    now = now or timezone.now()
    horizon = now + datetime.timedelta(days=settings.OFFER_EXPIRY_WARNING_DAYS)
    sent = 0
    offers = OfferPage.objects.live().filter(expire_at__gt=now, expire_at__lte=horizon, environment__isnull=False)
    for offer in offers.select_related("environment", "environment__editors_group"):
        recipients = editor_emails(offer.environment)
        if not recipients:
            continue
        with transaction.atomic():
            _, created = ExpiryWarning.objects.get_or_create(offer=offer, expire_at=offer.expire_at)
            if not created:
                continue
            with translation.override(settings.LANGUAGE_CODE):
                context = {
                    "offer": offer,
                    "edit_url": _absolute(reverse("wagtailadmin_pages:edit", args=[offer.pk])),
                }
                subject = render_to_string("environments/email/expiry_subject.txt", context).strip()
                body = render_to_string("environments/email/expiry.txt", context)
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
        sent += 1
    return sent


# --- Staff overview --------------------------------------------------------------------------------------


@dataclass
class ProgressRow:
    label: str
    confirmed: int = 0
    pending: int = 0
    overdue: int = 0

    @property
    def total(self) -> int:
        return self.confirmed + self.pending + self.overdue


@dataclass
class RoundProgress:
    round: ConfirmationRound
    total: ProgressRow
    by_environment: list[ProgressRow] = field(default_factory=list)
    by_municipality: list[ProgressRow] = field(default_factory=list)


def round_progress(round: ConfirmationRound, *, today: datetime.date | None = None) -> RoundProgress:
    """Offers confirmed, pending (deadline not passed) and overdue, per environment and per kommune."""
    today = today or timezone.localdate()
    since = round.confirmed_since or today
    late = round.deadline < today
    confirmed_q = Q(last_verified__gte=since)
    offers = OfferPage.objects.live().filter(environment__editors_group__isnull=False)

    def rows(key: str, label_key: str) -> list[ProgressRow]:
        result = []
        for row in (
            offers.values(key, label_key)
            .annotate(confirmed=Count("pk", filter=confirmed_q), total=Count("pk"))
            .order_by(label_key)
        ):
            unconfirmed = row["total"] - row["confirmed"]
            result.append(
                ProgressRow(
                    label=row[label_key] or "–",
                    confirmed=row["confirmed"],
                    pending=0 if late else unconfirmed,
                    overdue=unconfirmed if late else 0,
                )
            )
        return result

    by_environment = rows("environment_id", "environment__title")
    by_municipality = rows("municipality_id", "municipality__name")
    total = ProgressRow(
        label="I alt",
        confirmed=sum(row.confirmed for row in by_environment),
        pending=sum(row.pending for row in by_environment),
        overdue=sum(row.overdue for row in by_environment),
    )
    return RoundProgress(round=round, total=total, by_environment=by_environment, by_municipality=by_municipality)
