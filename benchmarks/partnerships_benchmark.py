"""Latency of the partnership registry at a portfolio far larger than Skoletjenesten's (~30 partnerships).

Inside one transaction that is rolled back at the end (nothing is left in the database), it adds
``--partnerships`` partnerships (each with co-financed staff, two contacts and subject areas; a third
of them due within the reminder window), then measures with the Django test client:

- the portfolio overview page and the admin listing (p50/p95 and SQL queries per request),
- the CSV and XLSX export of the whole list,
- the reminder service: the first run (one e-mail per due date, locmem backend) and a second run
  that must send nothing.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/dev_partner \\
        .venv/bin/python benchmarks/partnerships_benchmark.py --partnerships 2000 --rounds 10

The database needs ``manage.py migrate`` (reference data is loaded by it); nothing else.
"""

from __future__ import annotations

import argparse
import datetime
import logging
import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "skoletjenesten.settings.dev")
os.environ.setdefault("DEBUG", "false")


class Rollback(Exception):
    pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--partnerships", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()

    # Imported here, not at the top: Django's models load only after django.setup().
    import django

    django.setup()
    # after django.setup(): Django's models and settings load only now
    from django.contrib.auth import get_user_model
    from django.core import mail
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings, setup_test_environment
    from django.urls import reverse
    from django.utils import timezone

    from curriculum.models import SubjectArea
    from geography.models import Region
    from partnerships import services
    from partnerships.models import (
        CoFinancedStaff,
        PartnerOrganisation,
        Partnership,
        PartnershipContact,
        PartnershipModel,
        PartnershipReminder,
    )

    setup_test_environment()  # the locmem mail outbox
    logging.getLogger("partnerships").setLevel(logging.WARNING)  # one log line per reminder is noise here
    today = timezone.localdate()
    results: list[tuple[str, str]] = []

    def timed(label: str, url: str, client: Client) -> None:
        durations, queries = [], 0
        for _ in range(args.rounds):
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                response = client.get(url)
                if hasattr(response, "streaming_content"):
                    b"".join(response.streaming_content)
                durations.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
            queries = len(captured)
        durations.sort()
        p95 = durations[min(len(durations) - 1, round(0.95 * (len(durations) - 1)))]
        results.append((label, f"p50 {statistics.median(durations):7.1f} ms · p95 {p95:7.1f} ms · {queries} queries"))

    try:
        with transaction.atomic(), override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            user = get_user_model().objects.create_superuser(
                username="bench-partnerships", email="bench@skoletjenesten.dk", password="x"
            )
            areas = list(SubjectArea.objects.all())
            regions = list(Region.objects.all())
            models = list(PartnershipModel)
            start = time.perf_counter()
            organisations = PartnerOrganisation.objects.bulk_create(
                PartnerOrganisation(name=f"Bench-organisation {n}", kind="kultur", region=regions[n % len(regions)])
                for n in range(args.partnerships)
            )
            partnerships = Partnership.objects.bulk_create(
                Partnership(
                    title=f"Bench-partnerskab {n}",
                    slug=f"bench-partnerskab-{n}",
                    partner_organisation=organisations[n],
                    model=models[n % 3],
                    status="aktiv",
                    start_date=today - datetime.timedelta(days=400),
                    end_date=today + datetime.timedelta(days=200 + n % 500),
                    renegotiation_date=today + datetime.timedelta(days=n % 180),
                    skoletjenesten_contribution=100_000,
                    partner_contribution=150_000,
                    region=regions[n % len(regions)],
                    responsible=user,
                    is_public=True,
                )
                for n in range(args.partnerships)
            )
            CoFinancedStaff.objects.bulk_create(
                CoFinancedStaff(partnership=p, role="Formidler", people=1, fte=Decimal("0.5")) for p in partnerships
            )
            PartnershipContact.objects.bulk_create(
                PartnershipContact(partnership=p, name=f"Kontakt {side}", side=side)
                for p in partnerships
                for side in ("partner", "skoletjenesten")
            )
            through = Partnership.subject_areas.through
            through.objects.bulk_create(
                through(partnership=p, subjectarea=areas[n % len(areas)]) for n, p in enumerate(partnerships)
            )
            results.append(("setup", f"{args.partnerships} partnerships in {time.perf_counter() - start:.1f} s"))

            client = Client(HTTP_HOST="localhost")
            client.force_login(user)
            timed("portfolio overview page", reverse("partnership_portfolio:index"), client)
            listing = reverse("wagtailsnippets_partnerships_partnership:list")
            timed("admin listing (50 per page)", listing, client)
            timed("admin listing, filtered (model=intern)", listing + "?model=intern", client)
            timed(f"CSV export of all {args.partnerships}", listing + "?export=csv", client)
            timed(f"XLSX export of all {args.partnerships}", listing + "?export=xlsx", client)

            start = time.perf_counter()
            sent = services.send_due_reminders(today=today, days_before=60)
            first = time.perf_counter() - start
            start = time.perf_counter()
            again = services.send_due_reminders(today=today, days_before=60)
            second = time.perf_counter() - start
            assert again == 0 and len(mail.outbox) == sent == PartnershipReminder.objects.count()
            results.append(
                ("reminders, first run", f"{sent} e-mails in {first:.2f} s ({first / max(sent, 1) * 1000:.1f} ms each)")
            )
            results.append(("reminders, second run", f"{again} e-mails in {second:.2f} s"))
            raise Rollback
    except Rollback:
        pass

    width = max(len(label) for label, _ in results)
    for label, value in results:
        print(f"{label:<{width}}  {value}")


if __name__ == "__main__":
    main()
