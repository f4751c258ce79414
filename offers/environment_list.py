"""The public list of learning environments (``/laeringsmiljoer/``): searchable by name, kommune and type.

``environment_list(params, index=...)`` validates the query string with a django-filter FilterSet (unknown
values are dropped with a Danish notice, never an error page) and returns one page of environments with
their live offer counts, the total and the choices for the form.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

import django_filters
from django import forms
from django.conf import settings
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, QueryDict
from django.template import Context
from django.template.backends.django import Template as BackendTemplate
from django.template.loader import get_template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from geography.models import Municipality
from skoletjenesten.cache_versions import cached_fragments
from skoletjenesten.collation import danish
from skoletjenesten.pagination import Pagination
from skoletjenesten.process_cache import kept_in_process

from .models import EnvironmentType, LearningEnvironmentIndexPage, LearningEnvironmentPage, OfferSearchRow

PAGE_SIZE = 48
CARD_TEMPLATE = "offers/components/environment_card.html"
CARD_KEY = "offers:environment-card"
MAX_QUERY_LENGTH = 100


def _attributes(attrs: dict) -> str:
    """A widget's attributes as django/forms/widgets/attrs.html writes them."""
    return mark_safe(  # noqa: S308  every part escaped by format_html
        "".join(
            format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
            for name, value in attrs.items()
            if value is not False
        )
    )


class PlainSelect(forms.Select):
    """Django's select, written in Python with the same bytes as its templates: the templates include one
    template per option, ~40 ms for the 98 kommuner on every view of the list."""

    def render(self, name, value, attrs=None, renderer=None):
        """The HTML, kept per process like the search's reference data (OFFER_SEARCH_REFERENCE_CACHE_SECONDS, a
        minute): the kommuner and types are read and built into options on every view of the list otherwise."""
        seconds = getattr(settings, "OFFER_SEARCH_REFERENCE_CACHE_SECONDS", 60)
        key = ("plain-select", name, str(value), repr(attrs), repr(self.attrs), get_language())
        return kept_in_process(key, lambda: self._render(name, value, attrs, renderer), seconds=seconds)

    def _render(self, name, value, attrs, renderer):
        widget = self.get_context(name, value, attrs)["widget"]
        if any(group_name for group_name, _options, _index in widget["optgroups"]):
            return super().render(name, value, attrs, renderer)
        options = "".join(
            format_html(
                '\n  <option value="{}"{}>{}</option>\n',
                str(option["value"]),
                _attributes(option["attrs"]),
                option["label"],
            )
            for _group_name, group, _index in widget["optgroups"]
            for option in group
        )
        select = format_html('<select name="{}"{}>', widget["name"], _attributes(widget["attrs"]))
        return mark_safe(select + options + "\n</select>")  # noqa: S308  every part escaped by format_html


class LearningEnvironmentFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=gettext_lazy("Navn"), method="filter_name", max_length=MAX_QUERY_LENGTH)
    kommune = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Kommune"),
        field_name="municipality",
        to_field_name="slug",
        queryset=Municipality.objects.order_by(danish("name")),
        empty_label=gettext_lazy("Alle kommuner"),
        widget=PlainSelect(attrs={"id": "environment-kommune", "class": "form-select"}),
    )
    type = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Type"),
        field_name="environment_type",
        to_field_name="slug",
        queryset=EnvironmentType.objects.order_by("sort_order"),
        empty_label=gettext_lazy("Alle typer"),
        widget=PlainSelect(attrs={"id": "environment-type", "class": "form-select"}),
    )

    class Meta:
        model = LearningEnvironmentPage
        fields: list[str] = []

    def filter_name(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        words = value.split()
        for word in words[:8]:
            queryset = queryset.filter(Q(title__icontains=word) | Q(postcode__name__icontains=word))
        return queryset


@dataclass
class EnvironmentList:
    page: PaginatorPage
    total: int
    form: object
    notices: list[str] = field(default_factory=list)
    query_string: str = ""
    cards: list[SafeString] = field(default_factory=list)  # the page's environments, in order

    def page_url(self, number: int) -> str:
        query = QueryDict(self.query_string, mutable=True)
        if number > 1:
            query["side"] = str(number)
        return f"?{query.urlencode()}" if query else "?"

    @property
    def pagination(self) -> Pagination:
        return Pagination(self.page, url_for=self.page_url)


def _with_offer_counts(environments: list) -> list:
    """Each environment's number of live offers, counted for this page's environments only (one grouped
    query; counting in the list's own query joined every offer of every environment: 1.3 s at 100,000)."""
    counts = dict(
        OfferSearchRow.objects.filter(live=True, environment_id__in=[environment.pk for environment in environments])
        .values_list("environment_id")
        .annotate(count=Count("offer_id"))
        .order_by()
    )
    for environment in environments:
        environment.live_offer_count = counts.get(environment.pk, 0)
    return environments


def environment_list(
    params: QueryDict, *, index: LearningEnvironmentIndexPage, request: HttpRequest | None = None
) -> EnvironmentList:
    """One page of the index's live environments matching ``params`` (``q``, ``kommune``, ``type``, ``side``), with
    their cards (``offers/components/environment_card.html``, each kept under the content token)."""
    base = (
        LearningEnvironmentPage.objects.child_of(index)
        .live()
        .public()
        .select_related("environment_type", "municipality", "postcode", "image")
        .prefetch_related("image__renditions")  # the cards' renditions in one query, not six per card
        .order_by(danish("title"), "pk")
    )
    cleaned = params.copy()
    notices: list[str] = []
    filterset = LearningEnvironmentFilterSet(cleaned, queryset=base)
    if not filterset.is_valid():
        for name in filterset.errors:
            value = params.get(name, "")[:40]
            notices.append(_("»%(value)s« er ikke en gyldig værdi og blev ignoreret.") % {"value": value})
            cleaned.pop(name, None)
        filterset = LearningEnvironmentFilterSet(cleaned, queryset=base)
        filterset.is_valid()
    # The page's ids first, ordered over the narrow rows, then its 48 environments with what their cards show:
    # sorting every environment's joined row by Danish title took ~0.4 s at 5,000 environments.
    paginator = Paginator(filterset.qs.values_list("pk", flat=True), PAGE_SIZE)
    page = paginator.get_page(params.get("side"))
    ids = list(page.object_list)

    def render(missing: list[int]) -> dict[int, str]:
        by_id = base.in_bulk(missing)
        environments = _with_offer_counts([by_id[pk] for pk in missing if pk in by_id])
        template = cast(BackendTemplate, get_template(CARD_TEMPLATE)).template  # no context processors per card
        context = Context({"request": request}, autoescape=True)
        cards = {}
        for environment in environments:
            with context.push(environment=environment):
                cards[environment.pk] = template.render(context)
        return cards

    # Each card kept on its own (its page's joined rows, renditions, offer counts and template: ~40 % of a view).
    host = request.get_host() if request is not None else ""
    seconds = getattr(settings, "OFFER_SEARCH_CACHE_SECONDS", 300)
    cards = cached_fragments(CARD_KEY, ids, render, host, get_language(), seconds=seconds)
    keep = QueryDict(mutable=True)
    for name in ("q", "kommune", "type"):
        if cleaned.get(name):
            keep[name] = cleaned[name]
    return EnvironmentList(
        page=page,
        total=paginator.count,
        form=filterset.form,
        notices=notices,
        query_string=keep.urlencode(),
        cards=[cards[pk] for pk in ids if pk in cards],
    )
