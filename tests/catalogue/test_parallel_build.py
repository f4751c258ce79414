"""`manage.py build_catalogue` takes the workers' parallel path: the parts in forked children (one part per
child, as many children as asked, by default one per core), the assembly in the command's process."""

from __future__ import annotations

import os

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from catalogue import services
from catalogue.models import CatalogueEdition, ExportStatus

from .conftest import build_offers
from .pdfcheck import file_path


# Committed data (a transactional test): the children read the offers through their own connections.
@pytest.mark.django_db(transaction=True)
def test_build_catalogue_renders_the_parts_in_parallel_children(
    environment_index, settings, monkeypatch, tmp_path, capsys
):
    settings.CATALOGUE_CHUNK_SIZE = 8
    offers = build_offers(environment_index, 5)  # five sections: five parts for two processes, one child each
    seen = tmp_path / "renders"
    seen.mkdir()
    render = services.render_chunk

    def recording(*, export_id: int, chunk_index: int) -> None:
        (seen / f"{chunk_index}-{os.getpid()}").touch()
        render(export_id=export_id, chunk_index=chunk_index)

    # The name the in-process job calls; the forked children inherit the patch.
    monkeypatch.setattr(services.in_process, "render_chunk", recording)
    call_command("build_catalogue", "2027/28", "--processes", "2")

    export = CatalogueEdition.objects.get(school_year=2027, municipality=None).exports.get()
    assert export.status == ExportStatus.DONE and export.offer_count == len(offers)
    renders = [name.split("-") for name in os.listdir(seen)]
    assert sorted(int(index) for index, _pid in renders) == list(range(export.chunks_total))
    pids = {int(pid) for _index, pid in renders}
    assert os.getpid() not in pids, "the parts are rendered by children, not the command's process"
    assert len(pids) >= 2, "in parallel, one part per child"

    text = "\n".join(page.extract_text() or "" for page in PdfReader(file_path(export, "pdf")).pages)
    for offer in offers:
        assert offer.title in text
    printed = capsys.readouterr().out.split()
    assert [path.rsplit(".", 1)[-1] for path in printed] == ["pdf", "csv", "xlsx"]
