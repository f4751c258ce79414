"""Sign-up of new learning environments and invitations of their editors (writes and their e-mails)."""

from __future__ import annotations

import datetime
import difflib
import logging
import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from home.site_address import public_url
from offers.models import LearningEnvironmentContact, LearningEnvironmentIndexPage, LearningEnvironmentPage

from .models import ApplicationStatus, EditorInvitation, EnvironmentApplication
from .services import ensure_national_review_workflow, provision_environment_editors
from .tokens import hash_token, new_token

logger = logging.getLogger(__name__)


class SignupError(ValueError):
    """The action cannot be done as asked; the message (Danish) says why, for the user."""


def absolute_url(path: str) -> str:
    """A public link in an e-mail: the site's configured address (the admin's may differ)."""
    return public_url(path)


def _send(*, template: str, context: dict, recipient: str) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"environments/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"environments/email/{template}.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient])


# --- Rate limit --------------------------------------------------------------------------------------


def rate_limited(*, key: str, limit: int, seconds: int) -> bool:
    """Count one attempt for ``key`` (in the cache: Redis in production); True once over ``limit``."""
    cache_key = f"environments:rate:{hash_token(key)}"
    cache.add(cache_key, 0, seconds)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, seconds)
        count = 1
    return count > limit


# --- Applications ------------------------------------------------------------------------------------


@transaction.atomic
def submit_application(*, data: dict) -> EnvironmentApplication:
    """Save an application (unconfirmed) and e-mail the applicant a link to confirm their address."""
    token, token_hash = new_token()
    application = EnvironmentApplication.objects.create(
        **data, accepted_terms_at=timezone.now(), email_token_hash=token_hash
    )
    context = {
        "application": application,
        "confirm_url": absolute_url(reverse("environments:confirm_application", args=[token])),
        "valid_days": settings.ENVIRONMENT_APPLICATION_CONFIRM_DAYS,
    }
    transaction.on_commit(
        lambda: _send(template="application_confirm", context=context, recipient=application.contact_email)
    )
    return application


@transaction.atomic
def confirm_application_email(*, token: str) -> EnvironmentApplication:
    """The applicant's click on the link: the application goes to staff. Raises SignupError."""
    application = EnvironmentApplication.objects.select_for_update().filter(email_token_hash=hash_token(token)).first()
    if application is None:
        raise SignupError("Linket er ugyldigt. Kopiér hele linket fra e-mailen, eller send tilmeldingen igen.")
    if application.status != ApplicationStatus.UNCONFIRMED:
        return application  # a second click changes nothing
    deadline = application.created_at + datetime.timedelta(days=settings.ENVIRONMENT_APPLICATION_CONFIRM_DAYS)
    if timezone.now() > deadline:
        raise SignupError("Linket er udløbet. Send tilmeldingen igen, så får du et nyt link.")
    application.status = ApplicationStatus.NEW
    application.email_confirmed_at = timezone.now()
    application.save(update_fields=["status", "email_confirmed_at"])
    return application


def _normalised(name: str) -> str:
    name = name.lower()
    for word in ("museum", "museet", "naturskole", "naturcenter", "a/s", "aps", "forening", "foreningen"):
        name = name.replace(word, " ")
    return re.sub(r"[^\wæøå]+", " ", name).strip()


@dataclass
class PossibleDuplicate:
    title: str
    postcode: str
    similarity: float
    page_id: int | None = None


def possible_duplicates(application: EnvironmentApplication) -> list[PossibleDuplicate]:
    """Existing environments (and other applications) in the same postcode with a similar name."""
    wanted = _normalised(application.organisation_name)
    found: list[PossibleDuplicate] = []
    candidates = LearningEnvironmentPage.objects.filter(postcode=application.postcode).only("pk", "title")
    for environment in candidates:
        ratio = difflib.SequenceMatcher(None, wanted, _normalised(environment.title)).ratio()
        if ratio >= 0.6 or (wanted and wanted in _normalised(environment.title)):
            found.append(PossibleDuplicate(environment.title, application.postcode.code, ratio, environment.pk))
    others = EnvironmentApplication.objects.filter(postcode=application.postcode).exclude(pk=application.pk)
    for other in others.exclude(status=ApplicationStatus.UNCONFIRMED).only("organisation_name"):
        ratio = difflib.SequenceMatcher(None, wanted, _normalised(other.organisation_name)).ratio()
        if ratio >= 0.6:
            found.append(PossibleDuplicate(f"Tilmelding: {other.organisation_name}", application.postcode.code, ratio))
    return sorted(found, key=lambda item: -item.similarity)


def applications_for_staff() -> QuerySet[EnvironmentApplication]:
    return EnvironmentApplication.objects.exclude(status=ApplicationStatus.UNCONFIRMED).select_related(
        "postcode", "environment_type", "environment"
    )


def _user_for_email(email: str) -> AbstractBaseUser:
    user_model = get_user_model()
    email = email.strip()
    user = user_model.objects.filter(email__iexact=email).order_by("pk").first()
    if user is None:
        username = email.lower()[:150]
        if user_model.objects.filter(username=username).exists():
            username = f"{username[:140]}-{user_model.objects.count()}"
        user = user_model.objects.create_user(username=username, email=email)
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def approve_application(*, application: EnvironmentApplication, user: AbstractBaseUser) -> LearningEnvironmentPage:
    """One transaction: the environment page (a draft), its group and collection, the contact's user
    account and an invitation e-mail with a single-use link to set a password."""
    application = EnvironmentApplication.objects.select_for_update().get(pk=application.pk)
    if application.status != ApplicationStatus.NEW:
        raise SignupError(
            "Tilmeldingen er allerede afgjort." if application.decided_at else "Tilmeldingen er ikke bekræftet."
        )
    index = LearningEnvironmentIndexPage.objects.first()
    if index is None:
        raise SignupError("Der er ingen side med læringsmiljøer at oprette miljøet under.")
    environment = LearningEnvironmentPage(
        title=application.organisation_name,
        environment_type=application.environment_type,
        street_address=application.street_address,
        postcode=application.postcode,
        website=application.website,
        description=f"<p>{escape(application.description)}</p>",
        live=False,
        owner=user,
    )
    environment.contacts = [
        LearningEnvironmentContact(
            name=application.contact_name, email=application.contact_email, phone=application.contact_phone
        )
    ]
    index.add_child(instance=environment)
    environment.save_revision(user=user, log_action=False)
    ensure_national_review_workflow()
    provision_environment_editors(environment=environment)
    contact_user = _user_for_email(application.contact_email)
    contact_user.groups.add(environment.editors_group)
    invite_editor(environment=environment, email=application.contact_email, invited_by=user)
    application.status = ApplicationStatus.APPROVED
    application.decided_at = timezone.now()
    application.decided_by = user
    application.environment = environment
    application.save(update_fields=["status", "decided_at", "decided_by", "environment"])
    return environment


@transaction.atomic
def reject_application(*, application: EnvironmentApplication, user: AbstractBaseUser, reason: str) -> None:
    application = EnvironmentApplication.objects.select_for_update().get(pk=application.pk)
    if application.status != ApplicationStatus.NEW:
        raise SignupError(
            "Tilmeldingen er allerede afgjort." if application.decided_at else "Tilmeldingen er ikke bekræftet."
        )
    application.status = ApplicationStatus.REJECTED
    application.decided_at = timezone.now()
    application.decided_by = user
    application.rejection_reason = reason
    application.save(update_fields=["status", "decided_at", "decided_by", "rejection_reason"])
    context = {"application": application, "reason": reason}
    transaction.on_commit(
        lambda: _send(template="application_rejected", context=context, recipient=application.contact_email)
    )


# --- Invitations -------------------------------------------------------------------------------------


@transaction.atomic
def invite_editor(
    *, environment: LearningEnvironmentPage, email: str, invited_by: AbstractBaseUser | None
) -> EditorInvitation:
    """Invite someone to edit the environment: an e-mail with a single-use link that expires."""
    token, token_hash = new_token()
    invitation = EditorInvitation.objects.create(
        environment=environment,
        email=email.strip(),
        token_hash=token_hash,
        invited_by=invited_by,
        expires_at=timezone.now() + datetime.timedelta(days=settings.EDITOR_INVITATION_VALID_DAYS),
    )
    context = {
        "invitation": invitation,
        "environment": environment,
        "invited_by": invited_by,
        "accept_url": absolute_url(reverse("environments:accept_invitation", args=[token])),
        "valid_days": settings.EDITOR_INVITATION_VALID_DAYS,
    }
    transaction.on_commit(lambda: _send(template="invitation", context=context, recipient=invitation.email))
    return invitation


def usable_invitation(token: str) -> EditorInvitation:
    """The invitation of a link, if it can still be used. Raises SignupError with the reason."""
    invitation = (
        EditorInvitation.objects.select_related("environment").filter(token_hash=hash_token(token or "")).first()
    )
    if invitation is None:
        raise SignupError("Linket er ugyldigt. Kopiér hele linket fra e-mailen.")
    if invitation.accepted_at is not None:
        raise SignupError("Linket er allerede brugt. Log ind med din e-mail og din adgangskode.")
    if invitation.expires_at <= timezone.now():
        raise SignupError("Linket er udløbet. Bed læringsmiljøet eller Skoletjenesten om en ny invitation.")
    return invitation


def invitation_needs_password(invitation: EditorInvitation) -> bool:
    user = get_user_model().objects.filter(email__iexact=invitation.email).order_by("pk").first()
    return user is None or not user.has_usable_password()


@transaction.atomic
def accept_invitation(*, token: str, password: str | None) -> AbstractBaseUser:
    """Use the link once: the user (created if new) sets a password and joins the editors' group."""
    invitation = usable_invitation(token)
    invitation = EditorInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise SignupError("Linket er allerede brugt. Log ind med din e-mail og din adgangskode.")
    user = _user_for_email(invitation.email)
    if not user.has_usable_password():
        if not password:
            raise SignupError("Vælg en adgangskode.")
        user.set_password(password)
    user.is_active = True
    user.save()
    environment = invitation.environment
    provision_environment_editors(environment=environment)
    user.groups.add(environment.editors_group)
    invitation.accepted_at = timezone.now()
    invitation.user = user
    invitation.save(update_fields=["accepted_at", "user"])
    return user
