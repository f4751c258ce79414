"""Step 1: select the offers and plan the chunks."""

from __future__ import annotations

import math

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    CatalogueExport,
    ExportStatus,
)
from ..selectors import offers_for_edition, section_scheme
from .files import export_lock, fail_export

# --- step 1: select and plan ----------------------------------------------------------------


def plan_chunks(sections, chunk_size: int) -> list[dict]:
    """Split each section into near-equal chunks of at most ``chunk_size`` offers.

    A chunk never spans two sections (each section starts on a new page anyway).
    """
    chunks: list[dict] = []
    for section_index, section in enumerate(sections):
        count = section.offer_count
        parts = max(1, math.ceil(count / chunk_size))
        per_chunk = math.ceil(count / parts)
        current: dict | None = None
        filled = 0
        for group_index, group in enumerate(section.groups):
            for position, offer_id in enumerate(group.offer_ids):
                if current is None or filled >= per_chunk:
                    current = {
                        "section": section_index,
                        "starts_section": not chunks_started(chunks, section_index),
                        "groups": [],
                    }
                    chunks.append(current)
                    filled = 0
                if not current["groups"] or current["groups"][-1]["group"] != group_index:
                    current["groups"].append({"group": group_index, "starts_group": position == 0, "offer_ids": []})
                current["groups"][-1]["offer_ids"].append(offer_id)
                filled += 1
    return chunks


def render_order(plan: dict) -> list[int]:
    """The parts' indexes, largest first (by offers), for the workers to take in turn.

    Each process takes the next part when it is free, so a large part taken last keeps one process busy while
    the others wait for the assembly; largest first, the processes finish close together.
    """
    sizes = [sum(len(group["offer_ids"]) for group in chunk["groups"]) for chunk in plan["chunks"]]
    return sorted(range(len(sizes)), key=lambda index: -sizes[index])


def parts_in_render_order(*, export_id: int) -> list[int]:
    return render_order(CatalogueExport.objects.values_list("plan", flat=True).get(pk=export_id))


def chunks_started(chunks: list[dict], section_index: int) -> bool:
    return any(chunk["section"] == section_index for chunk in chunks)


def prepare_export(*, export_id: int) -> int:
    """Mark the run started and freeze its selection and plan; return how many chunks to render.

    Returns 0 when there is nothing to do (the run is finished, or it failed here).
    """
    with export_lock(export_id):
        export = CatalogueExport.objects.select_related("edition").get(pk=export_id)
        if export.is_finished:
            return 0
        if export.plan.get("chunks"):  # a redelivered task: keep the frozen plan
            return len(export.plan["chunks"])
        CatalogueExport.objects.filter(pk=export_id).update(
            status=ExportStatus.RUNNING,
            started_at=timezone.now(),
            heartbeat_at=timezone.now(),
            progress=2,
            stage=_("Udvælger tilbud"),
        )
        offer_ids = list(offers_for_edition(export.edition).values_list("pk", flat=True))
        if not offer_ids:
            fail_export(
                export_id=export_id,
                reason=_(
                    "Udgaven udvælger ingen tilbud: ingen publicerede tilbud kører i skoleåret %(year)s og "
                    "passer til udgavens regler. Ret udvælgelsen (målgrupper, fagområder, regioner, kommune "
                    "eller “tag altid med”) og byg igen."
                )
                % {"year": export.edition.school_year_label},
            )
            return 0
        sections = section_scheme(offer_ids)
        chunks = plan_chunks(sections, settings.CATALOGUE_CHUNK_SIZE)
        ordered_ids = [pk for s in sections for g in s.groups for pk in g.offer_ids]  # in catalogue order
        plan = {
            "sections": [
                {
                    "key": s.key,
                    "title": str(s.title),
                    "groups": [{"key": g.key, "title": str(g.title)} for g in s.groups],
                }
                for s in sections
            ],
            "chunks": chunks,
            "offer_ids": ordered_ids,
        }
        CatalogueExport.objects.filter(pk=export_id).update(
            plan=plan,
            offer_count=len(ordered_ids),
            chunks_total=len(chunks),
            progress=5,
            stage=_("Sætter tilbud op"),
        )
        return len(chunks)
