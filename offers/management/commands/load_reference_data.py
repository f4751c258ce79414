from django.core.management.base import BaseCommand

from offers.services import load_reference_data


class Command(BaseCommand):
    help = "Load regions, municipalities, postcodes, grades, subjects, SDGs and environment types (idempotent)."

    def handle(self, *args, **options):
        load_reference_data()
        self.stdout.write(self.style.SUCCESS("Reference data loaded."))
