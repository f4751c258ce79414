"""The export job, in process, against the real PDF, CSV and XLSX it writes."""

from __future__ import annotations

import datetime
import hashlib
from pathlib import Path

import pytest
from celery.schedules import crontab
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from catalogue import services
from catalogue.models import CatalogueEdition, CatalogueExport, CatalogueFile, ExportStatus
from catalogue.selectors import offers_for_edition
from catalogue.tasks import build_next_national_catalogue
from curriculum.models import SubjectArea, TargetGroup
from demo.factories import make_environment, make_offer
from geography.models import Municipality, Region
from operations.pagecache import bump_content_version

from .conftest import build_offers
from .pdfcheck import file_path, page_texts


@pytest.fixture
def offers(environment_index):
    """Four offers, one per kommune (each in its own section, so four parts with ``small_chunks``): all that the
    tests here need, where conftest's 36 cost seconds of layout per build to no more effect."""
    return build_offers(environment_index, 4)


def build(edition: CatalogueEdition) -> CatalogueExport:
    export = services.start_export(edition=edition, enqueue=False)
    services.run_export_in_process(export_id=export.pk)
    return CatalogueExport.objects.get(pk=export.pk)


def test_selection_rules(environment_index, edition):
    aarhus = make_environment(environment_index, title="Aarhus Museum", postcode="8000")
    copenhagen = make_environment(environment_index, title="Københavns Naturcenter", postcode="2300")
    runs = make_offer(aarhus, title="Kører hele året", months=[])
    autumn = make_offer(copenhagen, title="Kører i efteråret", months=[9, 10], grades=("stx", "hf"))
    ended = make_offer(aarhus, title="Sluttede sidste år", period_end=datetime.date(2027, 6, 30))
    wrong_months = make_offer(
        aarhus, title="Kun maj, men slutter i september", months=[5], period_end=datetime.date(2027, 9, 30)
    )
    draft = make_offer(aarhus, title="Kladde")
    draft.unpublish()

    def titles() -> set[str]:
        return set(offers_for_edition(edition).values_list("title", flat=True))

    assert titles() == {runs.title, autumn.title}

    edition.target_groups.set(TargetGroup.objects.filter(slug="ungdomsuddannelse"))
    assert titles() == {autumn.title}
    edition.target_groups.clear()

    edition.regions.set(Region.objects.filter(municipalities__code="0751"))
    assert titles() == {runs.title}
    edition.regions.clear()

    edition.subject_areas.set(SubjectArea.objects.filter(slug="kunst-design-og-arkitektur"))
    assert titles() == set()
    edition.included_offers.add(wrong_months, draft)
    assert titles() == {wrong_months.title}  # an unpublished offer is never printed
    edition.subject_areas.clear()
    edition.excluded_offers.add(runs)
    assert titles() == {autumn.title, wrong_months.title}
    assert ended.title not in titles()


def test_kommune_edition_selects_offers_schools_there_can_use(environment_index):
    aarhus = make_environment(environment_index, title="Aarhus Museum", postcode="8000")
    odense = make_environment(environment_index, title="Odense Zoo", postcode="5000")
    local = make_offer(aarhus, title="I Aarhus")
    make_offer(odense, title="I Odense")
    edition = CatalogueEdition.objects.create(
        school_year=2027, title="Aarhus", municipality=Municipality.objects.get(code="0751")
    )
    assert list(offers_for_edition(edition).values_list("title", flat=True)) == [local.title]


def test_an_edition_that_selects_nothing_fails_with_a_clear_reason(national_site, edition):
    export = services.start_export(edition=edition, enqueue=False)
    with pytest.raises(services.CatalogueError, match="udvælger ingen tilbud"):
        services.run_export_in_process(export_id=export.pk)
    export.refresh_from_db()
    assert export.status == ExportStatus.FAILED
    assert "udvælger ingen tilbud" in export.error and "2027/28" in export.error
    assert not export.files.exists()


def test_offer_with_empty_optional_fields_and_very_long_text_lays_out(environment_index, edition):
    environment = make_environment(environment_index, title="Et læringsmiljø med et " + "meget " * 30 + "langt navn")
    long_title = "Overordentligt" * 15 + " " + "lang titel " * 12
    bare = make_offer(environment, title=long_title[:255], teaser="x" * 300, subjects=[], duration="", is_free=False)
    wordy = make_offer(environment, title="Ordrig", teaser=("Rigtig mange ord. " * 16)[:300])
    export = build(edition)
    assert export.status == ExportStatus.DONE, export.error
    flat = "".join(page_texts(file_path(export, "pdf"))).replace("\n", "").replace(" ", "")
    assert bare.title.replace(" ", "")[:100] in flat
    assert wordy.title in flat


def test_runs_are_versioned_and_never_overwrite_a_finished_file(offers, edition):
    first = build(edition)
    first_pdf = file_path(first, "pdf")
    checksum = hashlib.sha256(first_pdf.read_bytes()).hexdigest()
    second = build(edition)
    assert (first.version, second.version) == (1, 2)
    assert file_path(second, "pdf") != first_pdf
    assert hashlib.sha256(first_pdf.read_bytes()).hexdigest() == checksum
    assert CatalogueFile.objects.filter(export__edition=edition).count() == 6


def test_a_run_killed_midway_resumes_and_publishes_no_half_file(offers, edition, small_chunks):
    export = services.start_export(edition=edition, enqueue=False)
    chunks = services.prepare_export(export_id=export.pk)
    services.render_chunk(export_id=export.pk, chunk_index=0)
    export.refresh_from_db()
    storage = services.storage()
    work = Path(storage.path(services.work_name(export, "")))
    first_chunk = (work / "chunk-0000.pdf").read_bytes()
    # What a worker killed while writing leaves behind: a temp file, and a part with no record.
    (work / ".tmp-deadbeef-chunk-0001.pdf").write_bytes(b"%PDF-1.7 half")
    run_dir = Path(storage.path(export.folder))
    (run_dir / f".tmp-cafe-skoletjenesten-katalog-{edition.slug}-v1.pdf").write_bytes(b"%PDF half")
    # … and a published file with no row yet (killed between the upload and the record): written again.
    (run_dir / f"skoletjenesten-katalog-{edition.slug}-v1.csv").write_bytes(b"stale")
    assert not export.files.exists()

    files = services.run_export_in_process(export_id=export.pk)  # the retry
    export.refresh_from_db()
    assert export.status == ExportStatus.DONE
    assert export.chunks_total == chunks == 4
    assert {file.kind for file in files} == {"pdf", "csv", "xlsx"}
    published = sorted(path.name for path in run_dir.iterdir() if not path.name.startswith(".tmp-"))
    assert published == sorted(file.filename for file in files)  # the parts (.work) are gone
    for file in files:
        assert hashlib.sha256((run_dir / file.filename).read_bytes()).hexdigest() == file.sha256
    assert len(PdfReader(file_path(export, "pdf")).pages) == export.page_count
    assert first_chunk  # the chunk rendered before the kill was reused, not redone
    # Running the finished job again changes nothing.
    assert services.run_export_in_process(export_id=export.pk) == []
    assert CatalogueFile.objects.filter(export=export).count() == 3


def test_progress_is_recorded_per_part(offers, edition, small_chunks):
    export = services.start_export(edition=edition, enqueue=False)
    assert export.status == ExportStatus.QUEUED and export.progress == 0
    chunks = services.prepare_export(export_id=export.pk)
    services.render_chunk(export_id=export.pk, chunk_index=0)
    export.refresh_from_db()
    assert export.status == ExportStatus.RUNNING
    assert 5 < export.progress < 90
    assert f"1 af {chunks}" in export.stage
    meta = services.read_json(services.chunk_meta(export, 0))
    assert meta["page_count"] >= 1


def test_build_catalogue_command_prints_the_files_it_wrote(offers, capsys):
    call_command("build_catalogue", "2027/28")
    out = capsys.readouterr().out.split()
    assert [Path(path).suffix for path in out] == [".pdf", ".csv", ".xlsx"]
    assert all(Path(path).is_file() for path in out)
    edition = CatalogueEdition.objects.get(school_year=2027, municipality=None)
    assert edition.exports.get().status == ExportStatus.DONE


def test_build_catalogue_command_for_a_kommune(offers, capsys):
    call_command("build_catalogue", "2027-28", kommune="751")
    edition = CatalogueEdition.objects.get(school_year=2027, municipality__code="0751")
    export = edition.exports.get()
    assert export.status == ExportStatus.DONE
    assert 0 < export.offer_count < len(offers)  # the Aarhus offer, not the other kommuners'


@pytest.mark.parametrize(
    ("args", "message"),
    [(["2027"], "2027/28"), (["2027/29"], "næste"), (["2027/28", "--kommune", "9999"], "kommunekoden")],
)
def test_build_catalogue_command_rejects_bad_input(db, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("build_catalogue", *args)


def test_yearly_job_builds_next_school_years_national_edition(db, django_capture_on_commit_callbacks, settings):
    schedule = settings.CELERY_BEAT_SCHEDULE["catalogue-build-next-national"]
    assert schedule["task"] == build_next_national_catalogue.name
    assert isinstance(schedule["schedule"], crontab)
    assert settings.CELERY_TASK_ROUTES["catalogue.tasks.*"]["queue"] == "catalogue"

    with django_capture_on_commit_callbacks() as callbacks:
        export = services.build_next_national_catalogue()
    assert export.edition.municipality is None
    assert export.edition.school_year == services.next_school_year()
    assert export.status == ExportStatus.QUEUED
    # The job is queued once the transaction commits (the public page cache's version bump may commit beside it).
    assert len([callback for callback in callbacks if callback is not bump_content_version]) == 1
    assert services.next_school_year(datetime.date(2027, 3, 1)) == 2027
    assert services.next_school_year(datetime.date(2027, 8, 1)) == 2028
