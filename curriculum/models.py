"""Education reference data: target groups, grades, subjects, subject areas and SDGs.

Grades share one ordinal scale (``position``) so an offer's grade range is two integers and
"3. klasse" matches every offer whose range includes it. Youth-education programmes (stx,
hhx, ...) are parallel tracks at the same level, so they share one position.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class TargetGroup(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(_("navn"), max_length=100)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order"]
        verbose_name = _("målgruppe")
        verbose_name_plural = _("målgrupper")

    def __str__(self) -> str:
        return self.name


class GradeQuerySet(models.QuerySet):
    def in_range(self, position_from: int, position_to: int) -> GradeQuerySet:
        return self.filter(position__gte=position_from, position__lte=position_to)


class Grade(models.Model):
    POSITION_YOUTH_EDUCATION = 13

    slug = models.SlugField(unique=True)
    name = models.CharField(_("navn"), max_length=100)
    short_name = models.CharField(_("kort navn"), max_length=30)
    target_group = models.ForeignKey(TargetGroup, on_delete=models.PROTECT, related_name="grades")
    position = models.SmallIntegerField(
        _("niveau"), help_text=_("Klassetrin på én skala: vuggestue 0, børnehave 1, 0. klasse 2 … 10. klasse 12.")
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    objects = GradeQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order"]
        verbose_name = _("klassetrin")
        verbose_name_plural = _("klassetrin")

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def position_for_school_grade(school_grade: int) -> int:
        """0. klasse is position 2, 9. klasse position 11."""
        return school_grade + 2


class SubjectKind(models.TextChoices):
    SUBJECT = "fag", _("Fag")
    OBLIGATORY_TOPIC = "emne", _("Obligatorisk emne")
    ELECTIVE = "valgfag", _("Valgfag")


class Subject(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(_("navn"), max_length=120)
    kind = models.CharField(_("type"), max_length=10, choices=SubjectKind.choices, default=SubjectKind.SUBJECT)
    subject_block = models.CharField(_("fagblok"), max_length=60, blank=True)
    # The grade positions the subject is taught in; empty means every grade (obligatory topics).
    position_from = models.SmallIntegerField(_("fra niveau"), null=True, blank=True)
    position_to = models.SmallIntegerField(_("til niveau"), null=True, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("fag")
        verbose_name_plural = _("fag")

    def __str__(self) -> str:
        return self.name

    def is_taught_between(self, position_from: int, position_to: int) -> bool:
        """True if the subject is taught in at least one grade of the range."""
        if self.position_from is None or self.position_to is None:
            return True
        return self.position_from <= position_to and position_from <= self.position_to

    @property
    def grade_range_label(self) -> str:
        if self.position_from is None or self.position_to is None:
            return _("alle klassetrin")
        return f"{self.position_from - 2}.–{self.position_to - 2}. klasse"


class BroadArea(models.TextChoices):
    ART = "kunst", _("Kunst")
    CULTURE = "kultur", _("Kultur")
    NATURE = "natur", _("Natur")
    SCIENCE = "stem", _("Naturvidenskab og teknologi")
    BUSINESS = "erhverv", _("Erhverv")


class SubjectArea(models.Model):
    """A fagområde. ``catalogue_position`` orders the sections of the printed catalogue."""

    slug = models.SlugField(unique=True)
    name = models.CharField(_("navn"), max_length=120)
    broad_area = models.CharField(_("hovedområde"), max_length=10, choices=BroadArea.choices)
    catalogue_position = models.PositiveSmallIntegerField(_("placering i årskataloget"), null=True, blank=True)

    class Meta:
        ordering = ["catalogue_position", "name"]
        verbose_name = _("fagområde")
        verbose_name_plural = _("fagområder")

    def __str__(self) -> str:
        return self.name


class SustainableDevelopmentGoal(models.Model):
    number = models.PositiveSmallIntegerField(_("nummer"), unique=True)
    name = models.CharField(_("navn"), max_length=120)
    name_en = models.CharField(_("engelsk navn"), max_length=120)
    colour = models.CharField(_("farve"), max_length=7)

    class Meta:
        ordering = ["number"]
        verbose_name = _("verdensmål")
        verbose_name_plural = _("verdensmål")

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"
