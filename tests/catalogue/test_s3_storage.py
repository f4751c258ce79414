"""The catalogue's parts and files in S3-compatible object storage (a real S3 API: moto's server over HTTP).

Nothing of a run is on a shared disk: the parts go to the bucket as they are rendered, the assembling worker
downloads them to its own temporary folder, and the published files are uploaded whole before their rows exist.
"""

from __future__ import annotations

import hashlib
import io

from django.urls import reverse
from pypdf import PdfReader

from catalogue import services
from catalogue.models import ExportStatus

from .conftest import S3_BUCKET, bucket_keys, build_offers
from .test_admin import aarhus_consultant, denied, editions, finished_file, staff  # noqa: F401 (fixtures)


def read(client, key: str) -> bytes:
    return client.get_object(Bucket=S3_BUCKET, Key=key)["Body"].read()


def test_a_run_builds_into_the_bucket_resumes_there_and_leaves_only_whole_files(
    s3, environment_index, edition, small_chunks, catalogue_media
):
    build_offers(environment_index, 4)  # four sections: four parts, one rendered before the kill, three after
    export = services.start_export(edition=edition, enqueue=False)
    chunks = services.prepare_export(export_id=export.pk)
    services.render_chunk(export_id=export.pk, chunk_index=0)  # then the worker is killed
    export.refresh_from_db()
    work = f"{export.folder}/.work/"
    assert bucket_keys(s3, work) == [work + "chunk-0000.json", work + "chunk-0000.pdf"]
    # Killed between the upload of a file and its row: the object is there, the run has no file yet.
    stale = services.published_name(export, "csv")
    s3.put_object(Bucket=S3_BUCKET, Key=stale, Body=b"stale")
    assert not export.files.exists()

    files = services.run_export_in_process(export_id=export.pk)  # the retry, on any machine
    export.refresh_from_db()
    assert export.status == ExportStatus.DONE and export.chunks_total == chunks > 1
    assert bucket_keys(s3) == sorted(file.name for file in files)  # the parts are gone, nothing else is there
    for file in files:
        body = read(s3, file.name)
        assert (len(body), hashlib.sha256(body).hexdigest()) == (file.size, file.sha256)
    assert read(s3, stale) != b"stale"
    assert len(PdfReader(io.BytesIO(read(s3, services.published_name(export, "pdf")))).pages) == export.page_count
    assert not (catalogue_media / "catalogue").exists(), "nothing of the run on the local disk"


def test_files_in_the_bucket_are_served_only_to_who_may_see_them(s3, client, staff, aarhus_consultant, editions):  # noqa: F811
    national = finished_file(editions["national"])
    aarhus = finished_file(editions["aarhus"])
    assert bucket_keys(s3) == sorted([national.name, aarhus.name])

    client.force_login(staff)
    response = client.get(reverse("catalogue_admin:download", args=[national.pk]))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == b"ID;Titel\n1;Test\n" == read(s3, national.name)

    client.force_login(aarhus_consultant)
    assert denied(client.get(reverse("catalogue_admin:download", args=[national.pk])))
    own = client.get(reverse("catalogue_admin:download", args=[aarhus.pk]))
    assert own.status_code == 200 and b"".join(own.streaming_content) == b"ID;Titel\n1;Test\n"

    s3.delete_object(Bucket=S3_BUCKET, Key=aarhus.name)
    assert client.get(reverse("catalogue_admin:download", args=[aarhus.pk])).status_code == 404
