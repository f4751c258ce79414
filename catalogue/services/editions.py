"""Editions and starting a run."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from geography.models import Municipality

from ..models import (
    CatalogueEdition,
    CatalogueExport,
    ExportStatus,
    school_year_label,
)
from ..queueing import enqueue_export


class CatalogueError(Exception):
    """A reason the export cannot be built, shown to staff as it is."""


# --- editions and starting a run ------------------------------------------------------------


def default_title(*, school_year: int, municipality: Municipality | None) -> str:
    label = school_year_label(school_year)
    if municipality:
        return _("Skoletjenestens katalog %(year)s – %(kommune)s") % {"year": label, "kommune": municipality.name}
    return _("Skoletjenestens katalog %(year)s") % {"year": label}


def ensure_edition(*, school_year: int, municipality: Municipality | None = None) -> CatalogueEdition:
    """The edition for the year and scope, created with default settings when missing."""
    edition, _created = CatalogueEdition.objects.get_or_create(
        school_year=school_year,
        municipality=municipality,
        defaults={"title": default_title(school_year=school_year, municipality=municipality)},
    )
    return edition


class ExportAlreadyRunning(CatalogueError):
    """The edition already has a queued or running build: one at a time."""

    def __init__(self, export: CatalogueExport):
        self.export = export
        super().__init__(
            _("Der er allerede en kørsel af dette katalog i gang (version %(version)s). Vent, til den er færdig.")
            % {"version": export.version}
        )


def start_export(*, edition: CatalogueEdition, requested_by=None, enqueue: bool = True) -> CatalogueExport:
    """Create the next versioned run of the edition and queue the job once the transaction commits.

    One build per edition at a time (raises ExportAlreadyRunning). If the broker cannot take the job,
    the run is marked failed at once with the reason (catalogue.queueing), never left queued.
    """
    with transaction.atomic():
        # Lock the edition so two simultaneous starts get different versions (and see each other's run).
        CatalogueEdition.objects.select_for_update().get(pk=edition.pk)
        active = edition.exports.filter(status__in=[ExportStatus.QUEUED, ExportStatus.RUNNING]).first()
        if active is not None:
            raise ExportAlreadyRunning(active)
        version = (edition.exports.aggregate(latest=Max("version"))["latest"] or 0) + 1
        export = CatalogueExport.objects.create(
            edition=edition,
            version=version,
            requested_by=requested_by,
            stage=_("Venter på en ledig proces"),
            heartbeat_at=timezone.now(),
        )
        if enqueue:
            transaction.on_commit(lambda: enqueue_export(export_id=export.pk))
    export.refresh_from_db()
    return export


def next_school_year(today: datetime.date | None = None) -> int:
    """The school year that starts next 1 August (or this one, before August)."""
    today = today or timezone.localdate()
    return today.year if today.month < 8 else today.year + 1


def build_next_national_catalogue() -> CatalogueExport:
    """The yearly job: start a run of next school year's national edition."""
    edition = ensure_edition(school_year=next_school_year())
    return start_export(edition=edition)
