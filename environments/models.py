"""The environments' own editorial setup: who edits an environment, who reviews, and why changes are asked for.

An environment's editors are one Wagtail group (``LearningEnvironmentPage.editors_group``) with page
permissions on that environment's page only and rights on its own collection; ``EnvironmentEditorial``
keeps the collection and whether staff trust the environment to publish without review.
Review goes through Wagtail workflows with ``ReviewTask``: a group approval task whose "request
changes" action records one or more ``ChangeReason`` rows on its task state.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, TaskState

from .review_forms import RequestChangesForm, ReviewCommentForm


class ChangeReason(models.Model):
    """A reason reviewers give when they ask for changes (maintained by staff as a snippet)."""

    title = models.CharField(_("årsag"), max_length=120, unique=True)
    explanation = models.TextField(
        _("forklaring"), blank=True, help_text=_("Vises for redaktøren i e-mailen: hvad der mangler, og hvordan.")
    )
    sort_order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)
    active = models.BooleanField(_("i brug"), default=True)

    class Meta:
        ordering = ["sort_order", "title"]
        verbose_name = _("årsag til ændringsønske")
        verbose_name_plural = _("årsager til ændringsønsker")

    def __str__(self) -> str:
        return self.title


class EnvironmentEditorial(models.Model):
    """An environment's editorial setup: its own collection and whether it publishes without review."""

    environment = models.OneToOneField(
        "offers.LearningEnvironmentPage",
        verbose_name=_("læringsmiljø"),
        on_delete=models.CASCADE,
        related_name="editorial",
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection",
        verbose_name=_("samling"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="learning_environment_editorial",
    )
    trusted = models.BooleanField(
        _("betroet"),
        default=False,
        help_text=_("Et betroet læringsmiljø udgiver selv sine tilbud uden redaktionel godkendelse."),
    )
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)

    class Meta:
        verbose_name = _("læringsmiljøets redaktion")
        verbose_name_plural = _("læringsmiljøernes redaktioner")

    def __str__(self) -> str:
        return str(self.environment)


class ReviewTaskState(TaskState):
    """A review's state, with the reasons given when changes were requested."""

    reasons = models.ManyToManyField(ChangeReason, verbose_name=_("årsager"), blank=True, related_name="+")

    class Meta:
        verbose_name = _("redaktionel gennemgang")
        verbose_name_plural = _("redaktionelle gennemgange")


class ReviewTask(AbstractGroupApprovalTask):
    """Review by a group (the national editorial team, or a kommune's consultants): approve or request
    changes with reasons from the staff-maintained list and a comment."""

    task_state_class = ReviewTaskState

    def _user_in_groups(self, user):
        """Wagtail asks this once per task (18 tasks: a query each on every admin page that lists what the
        user may moderate); answer it for all review tasks in one query, in Wagtail's per-user cache."""
        checks = getattr(user, "_group_approval_task_checks", None)
        if checks is None:
            checks = {}
            user._group_approval_task_checks = checks
        if self.pk not in checks:
            member = ReviewTask.groups.through.objects.filter(reviewtask_id=models.OuterRef("pk"), group__user=user)
            checks.update(
                ReviewTask.objects.annotate(member=models.Exists(member)).values_list("pk", "member").iterator()
            )
            checks.setdefault(self.pk, self.groups.filter(user=user).exists())
        return checks[self.pk]

    def get_actions(self, obj, user):
        if user.is_superuser or self._user_in_groups(user):
            return [
                ("reject", _("Anmod om ændringer"), True),
                ("approve", _("Godkend og udgiv"), False),
                ("approve", _("Godkend med kommentar"), True),
            ]
        return []

    def get_form_for_action(self, action):
        return RequestChangesForm if action == "reject" else ReviewCommentForm

    @transaction.atomic
    def on_action(self, task_state, user, action_name, reasons=(), comment="", **kwargs):
        """Approve, or request changes with reasons. The reasons are stored before the rejection, so
        Wagtail's notification to the editor (sent as the task state is rejected) lists them."""
        task_state = task_state.specific
        if action_name == "reject":
            if isinstance(task_state, ReviewTaskState):
                task_state.reasons.set(ChangeReason.objects.filter(pk__in=[int(pk) for pk in reasons]))
            task_state.reject(user=user, comment=comment)
        elif action_name == "approve":
            task_state.approve(user=user, comment=comment)

    @classmethod
    def get_description(cls):
        return _("Medlemmer af de valgte grupper godkender eller anmoder om ændringer med årsager.")

    class Meta:
        verbose_name = _("redaktionel godkendelse")
        verbose_name_plural = _("redaktionelle godkendelser")


class EditorInvitation(models.Model):
    """An invitation to become an editor of an environment, e-mailed with a single-use, expiring link.

    Only a hash of the token is stored; the link carries the token itself.
    """

    environment = models.ForeignKey(
        "offers.LearningEnvironmentPage", on_delete=models.CASCADE, related_name="editor_invitations"
    )
    email = models.EmailField(_("e-mail"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitationer")

    def __str__(self) -> str:
        return f"{self.email} → {self.environment}"

    @property
    def is_usable(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()


class ApplicationStatus(models.TextChoices):
    UNCONFIRMED = "ubekraeftet", _("E-mail ikke bekræftet")
    NEW = "ny", _("Ny")
    APPROVED = "godkendt", _("Godkendt")
    REJECTED = "afvist", _("Afvist")


class EnvironmentApplication(models.Model):
    """A new learning environment's application to join, from the public sign-up form.

    Staff see it once the applicant has confirmed their e-mail address (status "ny").
    """

    organisation_name = models.CharField(_("organisationens navn"), max_length=200)
    environment_type = models.ForeignKey(
        "offers.EnvironmentType", verbose_name=_("type"), on_delete=models.PROTECT, related_name="+"
    )
    street_address = models.CharField(_("adresse"), max_length=200)
    postcode = models.ForeignKey(
        "geography.Postcode", verbose_name=_("postnummer"), on_delete=models.PROTECT, related_name="+"
    )
    website = models.URLField(_("hjemmeside"), blank=True)
    cvr = models.CharField(_("CVR-nummer"), max_length=8, blank=True)
    contact_name = models.CharField(_("kontaktperson"), max_length=120)
    contact_email = models.EmailField(_("e-mail"))
    contact_phone = models.CharField(_("telefon"), max_length=30)
    description = models.TextField(_("kort beskrivelse"), max_length=1000)
    accepted_terms_at = models.DateTimeField(_("vilkår accepteret"))
    status = models.CharField(
        _("status"), max_length=12, choices=ApplicationStatus.choices, default=ApplicationStatus.UNCONFIRMED
    )
    email_token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("modtaget"), default=timezone.now)
    email_confirmed_at = models.DateTimeField(_("e-mail bekræftet"), null=True, blank=True)
    decided_at = models.DateTimeField(_("afgjort"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rejection_reason = models.TextField(_("begrundelse for afvisning"), blank=True)
    environment = models.OneToOneField(
        "offers.LearningEnvironmentPage",
        verbose_name=_("læringsmiljø"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="application",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("tilmelding")
        verbose_name_plural = _("tilmeldinger")
        permissions = [("review_environmentapplication", _("Kan godkende og afvise tilmeldinger"))]

    def __str__(self) -> str:
        return self.organisation_name


def default_reminder_days() -> list[int]:
    return [14, 3]


class ConfirmationRound(models.Model):
    """A school year's round in which every environment confirms its offers are current, by a deadline."""

    school_year = models.PositiveSmallIntegerField(
        _("skoleår"), unique=True, help_text=_("Året skoleåret begynder, f.eks. 2027 for 2027/28.")
    )
    deadline = models.DateField(_("frist"))
    reminder_days = ArrayField(
        models.PositiveSmallIntegerField(),
        verbose_name=_("påmindelser (dage før fristen)"),
        default=default_reminder_days,
        blank=True,
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(_("startet"), null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(_("afsluttet"), null=True, blank=True)

    class Meta:
        ordering = ["-school_year"]
        verbose_name = _("bekræftelsesrunde")
        verbose_name_plural = _("bekræftelsesrunder")

    def __str__(self) -> str:
        return f"Bekræftelsesrunde {self.school_year_label}"

    @property
    def school_year_label(self) -> str:
        return f"{self.school_year}/{(self.school_year + 1) % 100:02d}"

    @property
    def confirmed_since(self):
        """An offer counts as confirmed in this round if confirmed on or after the round's start."""
        return timezone.localdate(self.started_at) if self.started_at else None


class ConfirmationNotice(models.Model):
    """One e-mail of a round to one environment (its start, or a reminder so many days before the deadline).

    Inserted before the e-mail is sent, in the same transaction: the unique constraint makes a second
    (or concurrent) run of the task skip it instead of sending again.
    """

    round = models.ForeignKey(ConfirmationRound, on_delete=models.CASCADE, related_name="notices")
    environment = models.ForeignKey(
        "offers.LearningEnvironmentPage", on_delete=models.CASCADE, related_name="confirmation_notices"
    )
    kind = models.CharField(max_length=32)
    recipients = models.TextField(blank=True)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("e-mail om bekræftelse")
        verbose_name_plural = _("e-mails om bekræftelse")
        constraints = [
            models.UniqueConstraint(fields=["round", "environment", "kind"], name="confirmation_notice_once")
        ]

    def __str__(self) -> str:
        return f"{self.round} – {self.environment} – {self.kind}"


class ExpiryWarning(models.Model):
    """The one warning e-mail to an environment's editors before an offer expires (its last date passed)."""

    offer = models.ForeignKey("offers.OfferPage", on_delete=models.CASCADE, related_name="expiry_warnings")
    expire_at = models.DateTimeField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["offer", "expire_at"], name="expiry_warning_once")]

    def __str__(self) -> str:
        return f"{self.offer} – {self.expire_at:%d.%m.%Y}"
