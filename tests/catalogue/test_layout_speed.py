"""What makes the catalogue fast must not change it: one layout pass for filled columns, a forked step."""

from __future__ import annotations

import os

import pytest

from catalogue import rendering
from catalogue.services.editions import CatalogueError
from catalogue.services.forking import in_child
from catalogue.services.plan import render_order

ENTRY = (
    '<article class="entry" id="e-{n}"><img class="qr" src="{qr}" alt="QR">'
    "<h4>Tilbud nummer {n} med en titel, der godt kan løbe over to linjer</h4>"
    "<p>{text}</p><p><b>Klassetrin:</b> 3.–6. klasse · <b>Pris:</b> Gratis · <b>Booking:</b> tlf. 12 34 56 78</p>"
    "</article>"
)
CSS = """
@page { size: A4; margin: 20mm 15mm; }
html { font: 9pt/1.4 sans-serif; }
.body { columns: 2; column-gap: 7mm; column-fill: %s; }
.entry { break-inside: avoid; margin: 0 0 3mm; border-bottom: 0.5pt solid #999; }
.qr { float: right; width: 15mm; height: 15mm; margin: 0 0 1mm 2mm; }
"""


def columns_html(fill: str, entries: int = 90) -> str:
    qr = rendering.qr_data_uri("https://skoletjenesten.dk/tilbud/1/")
    text = "Eleverne undersøger, måler og tegner, og de fortæller bagefter om det, de fandt. " * 3
    body = "".join(ENTRY.format(n=n, qr=qr, text=text[: 80 + (n * 37) % 160]) for n in range(entries))
    head = f"<head><style>{CSS % fill}</style></head>"
    return f'<html lang="da">{head}<body><h1>Del</h1><div class="body">{body}</div></body></html>'


def laid_out(html: str) -> list[dict]:
    """Every page's anchors with their positions: where each entry landed, to the point."""
    with rendering.fewer_collections():
        document = rendering._html(html).render()
    return [
        {name: tuple(round(value, 3) for value in place) for name, place in page.anchors.items()}
        for page in document.pages
    ]


def count_column_layouts(monkeypatch) -> list[int]:
    calls = [0]
    real = rendering._weasyprint_block.block_box_layout

    def counting(*arguments, **options):
        calls[0] += 1
        return real(*arguments, **options)

    monkeypatch.setattr(rendering._weasyprint_block, "block_box_layout", counting)
    return calls


@pytest.mark.parametrize("fill", ["auto", "balance"])
def test_filled_columns_are_laid_out_once_per_page_with_the_same_result(monkeypatch, fill):
    html = columns_html(fill)
    ours = laid_out(html)
    assert len(ours) > 3  # several pages of two columns

    monkeypatch.setattr(rendering._weasyprint_block, "columns_layout", rendering._weasyprint_columns_layout)
    weasyprints = laid_out(html)
    assert ours == weasyprints


def test_the_trial_pass_is_skipped_only_for_filled_columns(monkeypatch):
    html = columns_html("auto")
    calls = count_column_layouts(monkeypatch)
    laid_out(html)
    ours = calls[0]

    monkeypatch.setattr(rendering._weasyprint_block, "columns_layout", rendering._weasyprint_columns_layout)
    calls[0] = 0
    laid_out(html)
    assert ours < 0.75 * calls[0]


def test_a_forked_step_writes_beside_the_parent_and_reports_its_failure(tmp_path):
    target = tmp_path / "data.txt"
    step = in_child(lambda: target.write_text(f"fra {os.getpid()}"), name="Datafiler")
    step.wait()
    assert target.read_text() != f"fra {os.getpid()}" and target.read_text().startswith("fra ")

    def failing() -> None:
        raise ValueError("disken er fuld")

    with pytest.raises(CatalogueError, match="Datafiler fejlede: disken er fuld"):
        in_child(failing, name="Datafiler").wait()


def test_parts_are_rendered_largest_first_so_the_processes_finish_together():
    plan = {
        "chunks": [
            {"groups": [{"offer_ids": [1, 2]}]},
            {"groups": [{"offer_ids": [3, 4, 5]}, {"offer_ids": [6, 7]}]},
            {"groups": [{"offer_ids": [8]}]},
            {"groups": [{"offer_ids": [9, 10, 11, 12]}]},
        ]
    }
    assert render_order(plan) == [1, 3, 0, 2]
