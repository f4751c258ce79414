from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from operations.backup import restore


class Command(BaseCommand):
    help = "Genskab en sikkerhedskopi i en database (dens tabeller erstattes) og mediemappen."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="mappen med database.dump og files.tar.gz")
        parser.add_argument("--database", help="databasen der genskabes i (standard: DATABASE_URL's)")
        parser.add_argument("--media-root", help="mediemappen (standard: MEDIA_ROOT)")

    def handle(self, *args, folder, database=None, media_root=None, **options):
        source = Path(folder)
        if not (source / "database.dump").exists() or not (source / "files.tar.gz").exists():
            raise CommandError(f"{source} indeholder ikke database.dump og files.tar.gz.")
        restore(
            folder=source,
            database=database or settings.DATABASES["default"]["NAME"],
            media_root=Path(media_root) if media_root else None,
        )
        self.stdout.write(f"Sikkerhedskopien i {source} er genskabt.")
