from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone

from operations.backup import backup


class Command(BaseCommand):
    help = "Tag en sikkerhedskopi: databasen (pg_dump) og filerne (medier og katalogkørsler) i en ny mappe."

    def add_arguments(self, parser):
        parser.add_argument("--folder", help="mappen kopien skrives i (standard: backups/<tidspunkt>)")

    def handle(self, *args, folder=None, **options):
        target = Path(folder or Path("backups") / timezone.now().strftime("%Y-%m-%d-%H%M%S"))
        backup(folder=target)
        self.stdout.write(f"Sikkerhedskopi gemt i {target}")
