"""Admin views: start an export, watch its progress, download its files."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import storages
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from geography.models import Municipality
from municipalities.access import municipalities_for_user

from . import services
from .forms import NewEditionExportForm
from .models import CatalogueExport, CatalogueFile, ExportStatus
from .permissions import buildable_editions, can_use_catalogue, has_catalogue_permission


def _require_catalogue_user(request) -> None:
    if not can_use_catalogue(request.user):
        raise PermissionDenied


def _new_form(request, data=None) -> NewEditionExportForm:
    staff = has_catalogue_permission(request.user)
    municipalities = Municipality.objects.all() if staff else municipalities_for_user(request.user)
    return NewEditionExportForm(data, municipalities=municipalities.order_by("name"), allow_national=staff)


def index(request):
    _require_catalogue_user(request)
    form = _new_form(request)
    if request.method == "POST":
        form = _new_form(request, request.POST)
        if form.is_valid():
            edition = services.ensure_edition(
                school_year=form.cleaned_data["school_year"], municipality=form.cleaned_data["municipality"]
            )
            if not buildable_editions(request.user).filter(pk=edition.pk).exists():
                raise PermissionDenied
            _start(request, edition)
            return redirect("catalogue_admin:edition", edition.pk)
    editions = buildable_editions(request.user).prefetch_related("exports")
    return TemplateResponse(
        request,
        "catalogue/admin/index.html",
        {"editions": editions, "form": form, "can_edit": request.user.has_perm("catalogue.change_catalogueedition")},
    )


def edition_detail(request, edition_id: int):
    _require_catalogue_user(request)
    edition = get_object_or_404(buildable_editions(request.user), pk=edition_id)
    exports = edition.exports.prefetch_related("files")[:20]
    return TemplateResponse(
        request,
        "catalogue/admin/edition.html",
        {
            "edition": edition,
            "exports": exports,
            "status_url": reverse("catalogue_admin:status", args=[edition.pk]),
            "can_edit": request.user.has_perm("catalogue.change_catalogueedition"),
        },
    )


@require_POST
def start(request, edition_id: int):
    _require_catalogue_user(request)
    edition = get_object_or_404(buildable_editions(request.user), pk=edition_id)
    _start(request, edition)
    return redirect("catalogue_admin:edition", edition.pk)


def _start(request, edition) -> None:
    """Start a run and tell the editor what happened: queued, already running, or the queue is down."""
    try:
        export = services.start_export(edition=edition, requested_by=request.user)
    except services.ExportAlreadyRunning as exc:
        messages.warning(request, str(exc))
        return
    if export.status == ExportStatus.FAILED:
        messages.error(request, export.error)
    else:
        messages.success(request, _("Kataloget er sat i kø."))


def export_json(export: CatalogueExport) -> dict:
    return {
        "id": export.pk,
        "version": export.version,
        "status": export.status,
        "status_label": export.get_status_display(),
        "progress": export.progress,
        "stage": export.stage,
        "remaining_seconds": export.seconds_remaining,
        "remaining_label": export.remaining_label,
        "error": export.error,
        "offer_count": export.offer_count,
        "page_count": export.page_count,
        "files": [
            {
                "kind": file.kind,
                "label": file.get_kind_display(),
                "url": reverse("catalogue_admin:download", args=[file.pk]),
                "size": file.size,
                "sha256": file.sha256,
            }
            for file in export.files.all()
        ]
        if export.status == "done"
        else [],
    }


def status(request, edition_id: int):
    """JSON status of an edition's recent runs, polled by the admin page."""
    _require_catalogue_user(request)
    edition = get_object_or_404(buildable_editions(request.user), pk=edition_id)
    exports = edition.exports.prefetch_related("files")[:20]
    return JsonResponse({"exports": [export_json(export) for export in exports]})


def download(request, file_id: int):
    _require_catalogue_user(request)
    file = get_object_or_404(CatalogueFile.objects.select_related("export__edition"), pk=file_id)
    if not buildable_editions(request.user).filter(pk=file.export.edition_id).exists():
        raise PermissionDenied
    if not storages["catalogue"].exists(file.name):
        raise Http404(_("Filen findes ikke længere."))
    return FileResponse(storages["catalogue"].open(file.name, "rb"), as_attachment=True, filename=file.filename)
