from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


def _load_reference_data(sender, using="default", **kwargs):
    from offers.services import load_reference_data  # apps.py loads before models exist

    load_reference_data()


class OffersConfig(AppConfig):
    name = "offers"
    verbose_name = _("Undervisningstilbud")

    def ready(self):
        # Reference data is part of the schema's meaning: every migrate (and every test
        # database) gets it, idempotently.
        post_migrate.connect(_load_reference_data, sender=self, dispatch_uid="offers.load_reference_data")
        # A deleted offer leaves the search's cached facet counts stale; publishing refreshes them (signals).
        from . import signals  # noqa: F401  ready(): connects the publishing signals once models are loaded
        from .search.index import (  # ready(): models are loaded only now
            bump_search_version,
            bump_search_version_after_commit,
        )

        post_delete.connect(bump_search_version, sender="offers.OfferPage", dispatch_uid="offers.search_version")
        # The cached figures count live, public environments, and the search only public offers: an environment
        # deleted or a page's privacy changed (a restriction on any ancestor hides its offers) changes them.
        post_delete.connect(
            bump_search_version_after_commit,
            sender="offers.LearningEnvironmentPage",
            dispatch_uid="offers.search_version.environment",
        )
        for signal in (post_save, post_delete):
            signal.connect(
                bump_search_version_after_commit,
                sender="wagtailcore.PageViewRestriction",
                dispatch_uid=f"offers.search_version.restriction.{signal is post_save}",
            )
