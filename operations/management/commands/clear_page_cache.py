from django.core.management.base import BaseCommand

from operations.pagecache import bump_content_version


class Command(BaseCommand):
    help = "Gør alle gemte offentlige sider forældede (efter en ny udgivelse af koden eller skabelonerne)."

    def handle(self, *args, **options):
        bump_content_version()
        self.stdout.write("Sidecachen er tømt.")
