"""The offer search page and the tables the search reads (rows, vocabulary, suggestions)."""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Func, Value
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from .environments import EnvironmentType, LearningEnvironmentPage
from .offer import OfferPage


class OfferSearchPage(Page):
    """The search page for offers (/tilbud/ on the national site)."""

    intro = RichTextField(_("introduktion"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("søgeside for tilbud")

    def serve(self, request, *args, **kwargs):
        from ..views import render_offer_search  # a page's serve() hands over to its view; views import models

        return render_offer_search(request, page=self)


class SearchTerm(models.Model):
    """A word that occurs in the offers' text: the vocabulary for "did you mean" suggestions."""

    word = models.CharField(max_length=60, unique=True)
    frequency = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("søgeord")
        verbose_name_plural = _("søgeord")

    def __str__(self) -> str:
        return self.word


def title_words() -> Func:
    """``ts_filter(search_vector, '{a}')``: the words of the title (weight A), as the search ranks and indexes them."""
    return Func(F("search_vector"), Value("{a}"), function="ts_filter", output_field=SearchVectorField())


class OfferSearchRow(models.Model):
    """An offer's narrow row for the search: what filters, facet counts and sorting read.

    ``offers_offerpage`` rows are wide (texts and the tsvector, over 1 kB each); scanning them for
    facet counts over tens of thousands of offers costs more than the whole request may. This row
    (about 200 bytes) carries the page's live flag, title and dates, the filter columns under the
    same names as on OfferPage (so one FilterSet filters either), and the facts as bit sets (layout by
    the facet registry, offers.search.facets), so that one pass counts every facet option with integer
    masks. Maintained only by ``offers.search.index.refresh_offer_search()``.
    """

    offer = models.OneToOneField(OfferPage, primary_key=True, on_delete=models.CASCADE, related_name="search_row")
    live = models.BooleanField(default=False)
    title = models.CharField(max_length=255)
    first_published_at = models.DateTimeField(null=True)
    grade_min = models.SmallIntegerField(default=0)
    grade_max = models.SmallIntegerField(default=0)
    is_free = models.BooleanField(default=False)
    price_amount = models.DecimalField(max_digits=9, decimal_places=2, null=True)
    step_free_access = models.BooleanField(default=False)
    special_needs_adapted = models.BooleanField(default=False)
    formats = ArrayField(models.CharField(max_length=12), default=list)
    months = ArrayField(models.SmallIntegerField(), default=list)
    languages = ArrayField(models.CharField(max_length=5), default=list)
    subject_ids = ArrayField(models.IntegerField(), default=list)
    subject_area_ids = ArrayField(models.IntegerField(), default=list)
    sdg_ids = ArrayField(models.IntegerField(), default=list)
    # One bit per facet option (layout: offers.search.facets.bit_layout), 63 to a word, as many words as needed.
    facet_words = ArrayField(models.BigIntegerField(), default=list)
    environment = models.ForeignKey(
        LearningEnvironmentPage, null=True, on_delete=models.SET_NULL, related_name="+", db_constraint=False
    )
    environment_type = models.ForeignKey(
        EnvironmentType, null=True, on_delete=models.SET_NULL, related_name="+", db_constraint=False
    )
    municipality = models.ForeignKey(
        "geography.Municipality", null=True, on_delete=models.SET_NULL, related_name="+", db_constraint=False
    )
    region = models.ForeignKey(
        "geography.Region", null=True, on_delete=models.SET_NULL, related_name="+", db_constraint=False
    )
    latitude = models.FloatField(null=True)
    longitude = models.FloatField(null=True)
    # A copy of OfferPage.search_vector: text matches then read these rows only (no join, no wide heap).
    search_vector = SearchVectorField(null=True)

    class Meta:
        verbose_name = _("søgerække for tilbud")
        verbose_name_plural = _("søgerækker for tilbud")
        indexes = [
            models.Index(fields=["live", "-first_published_at"], name="offer_row_live_published"),
            # The search's default order, "Nyeste" (offers.search.ranking: newest first, undated last, then id):
            # the index above keeps undated rows first (DESC's default), so that order sorted every row.
            models.Index(
                F("live"),
                F("first_published_at").desc(nulls_last=True),
                F("offer").desc(),
                name="offer_row_live_newest",
            ),
            models.Index(fields=["latitude", "longitude"], name="offer_row_lat_lon"),
            GinIndex(fields=["subject_ids"], name="offer_row_subject_ids_gin"),
            GinIndex(fields=["subject_area_ids"], name="offer_row_area_ids_gin"),
            GinIndex(fields=["sdg_ids"], name="offer_row_sdg_ids_gin"),
            GinIndex(fields=["search_vector"], name="offer_row_search_vector_gin"),
            # Relevance puts title matches first: a word found in 33,000 offers but in 3,000 titles ranks only
            # those 3,000 for the first pages (offers.search.ranking.title_first), found through this index.
            GinIndex(title_words(), name="offer_row_title_words_gin"),
            models.Index(fields=["title"], name="offer_row_title"),  # the suggestions' title groups
            # The facet counts (offers.search.counting) as an index-only scan: every column a filter or a count
            # reads but the text and the title, ~330 bytes a row against the heap's ~1 kB (the search vector is
            # 700 of it). At 100,034 offers: 32 MB, kept in shared buffers, against a 209 MB heap read from the
            # disk cache on every count; the unfiltered counts 188 -> 130 ms, three facets' four bases 240 -> 90.
            # The region as the second key: a region's bases read their part of the index (7 ms, not 17 ms for
            # all of it; with the region only included the planner preferred that whole scan to the region's
            # bitmap heap scan).
            models.Index(
                fields=["live", "region"],
                include=[
                    "municipality",
                    "environment_type",
                    "environment",
                    "grade_min",
                    "grade_max",
                    "is_free",
                    "price_amount",
                    "step_free_access",
                    "special_needs_adapted",
                    "formats",
                    "months",
                    "languages",
                    "subject_ids",
                    "subject_area_ids",
                    "sdg_ids",
                    "latitude",
                    "longitude",
                    "facet_words",
                ],
                name="offer_row_counting_region",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class SearchSuggestion(models.Model):
    """What the search box suggests as a teacher types: one row per word start of a suggestion's label.

    "Skovtur med naturvejleder" has the keys "skovtur med naturvejleder", "med naturvejleder" and
    "naturvejleder", so typing the start of any of its words finds it with one prefix scan of a B-tree
    (``text_pattern_ops``, per kind) that carries everything the answer needs. Offer titles are grouped (several
    offers may share a title: ``page`` is set only for a title of one offer); environments, subjects and
    kommuner are one suggestion each. Only live content with live offers (``weight``: the live offers it
    leads to). Maintained by ``offers.search.suggestions.refresh_suggestions()``, which
    ``refresh_offer_search()`` calls.
    """

    OFFER, ENVIRONMENT, SUBJECT, MUNICIPALITY = "tilbud", "miljoe", "fag", "kommune"
    KIND_CHOICES = [
        (OFFER, _("Tilbud")),
        (ENVIRONMENT, _("Læringsmiljø")),
        (SUBJECT, _("Fag")),
        (MUNICIPALITY, _("Kommune")),
    ]

    kind = models.CharField(max_length=8, choices=KIND_CHOICES)
    key = models.CharField(max_length=255)  # normalised (lower case, "aa" as "å"), from one word of the label on
    starts = models.BooleanField(default=False)  # the key is the beginning of the label
    label = models.CharField(max_length=255)
    detail = models.CharField(max_length=255, blank=True)
    weight = models.PositiveIntegerField(default=0)
    page = models.ForeignKey(Page, null=True, on_delete=models.CASCADE, related_name="+", db_constraint=False)
    value = models.CharField(max_length=100, blank=True)  # the filter value of a subject or kommune (its slug)

    class Meta:
        verbose_name = _("søgeforslag")
        verbose_name_plural = _("søgeforslag")
        indexes = [
            models.Index(
                fields=["kind", "key"],
                opclasses=["text_ops", "text_pattern_ops"],
                include=["starts", "weight", "page", "label", "detail", "value"],
                name="offer_suggestion_key",
            ),
            models.Index(fields=["kind", "label"], name="offer_suggestion_kind_label"),
        ]

    def __str__(self) -> str:
        return self.label
