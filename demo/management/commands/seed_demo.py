from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.offers import DEFAULT_ENVIRONMENTS, DEFAULT_OFFERS, DEFAULT_SEED, seed_demo


class Command(BaseCommand):
    help = (
        "Build the demo dataset: learning environments in every kommune with published offers, the national "
        "site and the demo admin (admin / skoletjenesten). Deterministic for a seed; running it again adds nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"Random seed (default {DEFAULT_SEED}).")
        parser.add_argument(
            "--offers", type=int, default=DEFAULT_OFFERS, help=f"Number of offers (default {DEFAULT_OFFERS})."
        )
        parser.add_argument(
            "--environments",
            type=int,
            default=DEFAULT_ENVIRONMENTS,
            help=f"Number of learning environments (default {DEFAULT_ENVIRONMENTS}).",
        )
        parser.add_argument("--if-empty", action="store_true", help="Do nothing if any offers exist.")

    def handle(self, *args, seed, offers, environments, if_empty, **options):
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError(
                "Demo data (with demo accounts and published passwords) is not made with these settings. "
                "Set DEMO_DATA_ALLOWED=true only on a demo or development installation."
            )
        if environments < 1:
            raise CommandError("--environments must be at least 1.")
        if offers < 0:
            raise CommandError("--offers cannot be negative.")
        result = seed_demo(seed=seed, offers=offers, environments=environments, if_empty=if_empty, stdout=self.stdout)
        if result.skipped_reason:
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {result.environments_created} environments and {result.offers_created} offers "
                f"created, {result.environments_skipped} environments already there ({result.seconds:.1f} s)."
            )
        )
