from django.core.management.base import BaseCommand

from offers.search.index import refresh_offer_search


class Command(BaseCommand):
    help = "Rebuild every offer's search document (tsvector and facet columns) and the search vocabulary."

    def handle(self, *args, **options):
        updated = refresh_offer_search()
        self.stdout.write(f"Refreshed the search document of {updated} offers.")
