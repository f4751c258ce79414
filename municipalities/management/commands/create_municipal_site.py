"""python manage.py create_municipal_site <kommunekode> [--hostname aarhus.skoletjenesten.dk]"""

from django.core.management.base import BaseCommand, CommandError

from geography.models import Municipality
from municipalities.services import MunicipalSiteError, create_municipal_site


class Command(BaseCommand):
    help = "Create a kommune's municipal site: its Wagtail Site, home page, settings, editors' group and collection."

    def add_arguments(self, parser):
        parser.add_argument("code", help="The four-digit kommunekode, e.g. 0751 for Aarhus.")
        parser.add_argument("--hostname", help="Hostname of the site (default: <slug>.MUNICIPAL_SITE_DOMAIN).")

    def handle(self, *args, code: str, hostname: str | None = None, **options):
        code = code.strip().zfill(4)
        municipality = Municipality.objects.filter(code=code).first()
        if municipality is None:
            raise CommandError(f"Ingen kommune har kommunekoden {code!r}.")
        try:
            municipal_site = create_municipal_site(municipality=municipality, hostname=hostname)
        except MunicipalSiteError as error:
            raise CommandError(str(error)) from error
        site = municipal_site.site
        self.stdout.write(
            self.style.SUCCESS(
                f"Oprettede kommunesite for {municipality}: http://{site.hostname}/ "
                f"(redaktørgruppe “{municipal_site.editors_group}”, samling “{municipal_site.collection}”)."
            )
        )
