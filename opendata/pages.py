"""The public "Åbne data" page and the download of the dataset's files."""

from __future__ import annotations

import datetime
import re

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.http import http_date

from .dataset import FILES, LICENCE_NAME, LICENCE_URL, dataset_root, published_versions

CONTENT_TYPES = {
    "tilbud.json": "application/json; charset=utf-8",
    "tilbud.csv": "text/csv; charset=utf-8",
    "LICENS.txt": "text/plain; charset=utf-8",
    "SHA256SUMS": "text/plain; charset=utf-8",
}


def open_data_page(request: HttpRequest) -> HttpResponse:
    versions = published_versions()
    return TemplateResponse(
        request,
        "opendata/open_data_page.html",
        {
            "latest": versions[0] if versions else None,
            "older": versions[1:],
            "licence_name": LICENCE_NAME,
            "licence_url": LICENCE_URL,
        },
    )


def dataset_file(request: HttpRequest, day: str, name: str) -> FileResponse:
    """One file of one day's dataset (only the known names of a finished version)."""
    if name not in FILES or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
        raise Http404
    try:
        datetime.date.fromisoformat(day)
    except ValueError as exc:
        raise Http404 from exc
    folder = dataset_root() / day
    path = folder / name
    if not (folder / "manifest.json").is_file() or not path.is_file():
        raise Http404
    response = FileResponse(path.open("rb"), content_type=CONTENT_TYPES[name], as_attachment=name != "LICENS.txt")
    if name in ("tilbud.json", "tilbud.csv"):
        response["Content-Disposition"] = (
            f'attachment; filename="skoletjenesten-{name.replace("tilbud", f"tilbud-{day}")}"'
        )
    response["Last-Modified"] = http_date(path.stat().st_mtime)
    patch_cache_control(response, public=True, max_age=3600)
    return response
