"""Build an edition's catalogue now: the same job the admin queues, on the same parallel path (the parts in
one forked process per core, as the catalogue worker renders them; the assembly here)."""

from __future__ import annotations

from django.core.files.storage import FileSystemStorage, storages
from django.core.management.base import BaseCommand, CommandError

from catalogue import services
from catalogue.models import parse_school_year
from geography.models import Municipality


class Command(BaseCommand):
    help = "Byg årskataloget (PDF, CSV og XLSX) for et skoleår, f.eks. 2027/28, og udskriv filernes stier."

    def add_arguments(self, parser):
        parser.add_argument("school_year", help="Skoleåret, f.eks. 2027/28.")
        parser.add_argument("--kommune", help="Kommunekode (f.eks. 0751) for en kommunes udgave.")
        parser.add_argument(
            "--processes",
            type=int,
            default=None,
            help="Processer, der sætter delene op samtidig (standard: én pr. CPU-kerne, som katalog-workeren).",
        )

    def handle(self, *args, school_year: str, kommune: str | None = None, processes: int | None = None, **options):
        if processes is not None and processes < 1:
            raise CommandError("--processes skal være mindst 1.")
        try:
            year = parse_school_year(school_year)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        municipality = None
        if kommune:
            municipality = Municipality.objects.filter(code=kommune.strip().zfill(4)).first()
            if municipality is None:
                raise CommandError(f"Ingen kommune har kommunekoden {kommune!r}.")
        edition = services.ensure_edition(school_year=year, municipality=municipality)
        export = services.start_export(edition=edition, enqueue=False)
        self.stderr.write(f"Bygger {edition} (version {export.version}) …")
        try:
            files = services.run_export_in_process(export_id=export.pk, processes=processes)
        except services.CatalogueError as exc:
            raise CommandError(str(exc)) from exc
        storage = storages["catalogue"]
        for file in files:  # the local path, or the name in the bucket
            self.stdout.write(storage.path(file.name) if isinstance(storage, FileSystemStorage) else file.name)
