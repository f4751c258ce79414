"""Getting catalogue runs onto the queue and keeping them moving.

- enqueue_export: hand a run to the broker with a short retry; if the broker is down, the run fails at once
  with a Danish reason instead of answering after a long wait and staying "queued" for ever.
- requeue_stalled_exports (a beat task every few minutes): a queued or running run that has shown no sign
  of life for CATALOGUE_STALL_MINUTES (its worker was killed, its message lost) is sent again. The job
  resumes where it stopped (the frozen plan and the finished parts are kept; files are published whole).
  After CATALOGUE_MAX_REQUEUES tries it is failed with the reason.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as BrokerError

from .models import CatalogueExport, ExportStatus

logger = logging.getLogger(__name__)

# A few quick tries, then give up: an editor waits for this answer.
BROKER_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5, "interval_max": 1}
BROKER_DOWN = _("Køen til baggrundsjob svarer ikke lige nu, så kataloget blev ikke sat i gang. Prøv igen om lidt.")


def enqueue_export(*, export_id: int) -> bool:
    """Send the run to the catalogue queue; on a broker failure mark it failed with the reason."""
    from .tasks import run_export  # tasks import services, which import this module

    try:
        run_export.apply_async((export_id,), retry=True, retry_policy=BROKER_RETRY_POLICY)
    except (BrokerError, ConnectionError, OSError):
        logger.exception("Catalogue run %s could not be queued", export_id)
        CatalogueExport.objects.filter(pk=export_id, status=ExportStatus.QUEUED).update(
            status=ExportStatus.FAILED, error=str(BROKER_DOWN), stage=_("Fejlet"), finished_at=timezone.now()
        )
        return False
    return True


def stalled_exports(now: datetime.datetime | None = None):
    now = now or timezone.now()
    limit = now - datetime.timedelta(minutes=settings.CATALOGUE_STALL_MINUTES)
    return CatalogueExport.objects.annotate(last_sign=Coalesce("heartbeat_at", "started_at", "created_at")).filter(
        Q(status=ExportStatus.QUEUED) | Q(status=ExportStatus.RUNNING), last_sign__lt=limit
    )


def requeue_stalled_exports(now: datetime.datetime | None = None) -> list[int]:
    """Send every stalled run again (or fail it after too many tries); returns the ids sent again."""
    now = now or timezone.now()
    sent = []
    for export in stalled_exports(now):
        if export.requeues >= settings.CATALOGUE_MAX_REQUEUES:
            CatalogueExport.objects.filter(pk=export.pk).update(
                status=ExportStatus.FAILED,
                error=_("Kørslen gik i stå %(count)s gange og er stoppet. Start en ny kørsel.")
                % {"count": export.requeues},
                stage=_("Fejlet"),
                finished_at=now,
            )
            continue
        updated = CatalogueExport.objects.filter(pk=export.pk, heartbeat_at=export.heartbeat_at).update(
            heartbeat_at=now, requeues=export.requeues + 1, stage=_("Genoptaget efter stop")
        )
        if updated and enqueue_export(export_id=export.pk):
            sent.append(export.pk)
    return sent
