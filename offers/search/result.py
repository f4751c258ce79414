"""The search's result: the facets with their options, "loosen" hints and ``OfferSearchResult``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from django.core.paginator import Page as PaginatorPage
from django.http import HttpRequest, QueryDict
from django.utils.functional import cached_property
from django.utils.safestring import SafeString

from offers.models import OfferPage
from skoletjenesten.pagination import Pagination

from .facets import FacetDefinition
from .filters import OfferFilterSet, Origin
from .params import build_query_string

if TYPE_CHECKING:
    from .rows import PageOffers

VIEW_LIST, VIEW_MAP = "liste", "kort"


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    html_id: str = ""


@dataclass
class Facet:
    name: str
    label: str
    options: list[FacetOption]
    definition: FacetDefinition | None = None

    @property
    def selected_count(self) -> int:
        return sum(option.selected for option in self.options)

    @property
    def is_active(self) -> bool:
        return self.selected_count > 0


@dataclass
class Loosen:
    """A filter the teacher can remove, with the number of offers they would then get."""

    name: str
    label: str
    count: int
    url: str


@dataclass
class OfferSearchResult:
    filterset: OfferFilterSet
    params: QueryDict  # the valid, normalised parameters (the URL state)
    page_obj: PaginatorPage
    total: int
    facets: list[Facet]
    notices: list[str]
    sort: str
    sort_choices: list[tuple[str, str, bool]]  # (form value, label, selected)
    page_size: int
    view: str
    origin: Origin | None
    text: str
    loosen: list[Loosen] = field(default_factory=list)
    did_you_mean: tuple[str, str] | None = None  # (suggested text, url)
    map_points: list[dict[str, Any]] = field(default_factory=list)
    preserved: dict[str, list[str]] = field(default_factory=dict)
    active_filters: list[tuple[str, str]] = field(default_factory=list)  # (label, url without it)
    understood: list[str] = field(default_factory=list)  # phrases of the text read as filters
    partial: bool = False  # too few offers had every word: these have the most of them
    missing_words: list[str] = field(default_factory=list)  # words no offer has
    corrected_from: str = ""  # the typed text, when these are the results of its spelling correction
    relaxed: list[str] = field(default_factory=list)  # phrases dropped because nothing matched with them
    request: HttpRequest | None = None

    @cached_property
    def cards(self) -> list[SafeString]:
        """The page's result cards as HTML, in order (offers.search.cards: cached per offer)."""
        from .cards import render_cards  # noqa: PLC0415 (cards imports the rows, which the result need not)

        return render_cards(cast("PageOffers", self.page_obj.object_list), self.request)

    @property
    def offers(self) -> list[OfferPage]:
        return list(self.page_obj.object_list)

    def url(self, *, drop: Iterable[str] = (), **overrides: str | list[str] | None) -> str:
        """A query string for this state with parameters dropped or replaced (``side`` resets)."""
        return build_query_string(self.params, self.preserved, drop=drop, overrides=overrides)

    def page_url(self, number: int) -> str:
        return self.url(side=str(number) if number > 1 else None)

    @property
    def list_url(self) -> str:
        return self.url(visning=None, side=self.params.get("side"))

    @property
    def map_url(self) -> str:
        return self.url(visning=VIEW_MAP, side=self.params.get("side"))

    @property
    def pagination(self) -> Pagination:
        return Pagination(self.page_obj, url_for=self.page_url)

    @property
    def previous_url(self) -> str | None:
        return self.pagination.previous_url

    @property
    def next_url(self) -> str | None:
        return self.pagination.next_url

    @property
    def first_index(self) -> int:
        return self.page_obj.start_index()

    @property
    def last_index(self) -> int:
        return self.page_obj.end_index()

    @property
    def active_facet_count(self) -> int:
        """Selected filter options (text and place not counted): the badge on the filter panel."""
        return sum(facet.selected_count for facet in self.facets) + (1 if self.cleaned.get("maks_pris") else 0)

    @property
    def cleaned(self) -> dict[str, Any]:
        return self.filterset.form.cleaned_data

    def hidden_params(self) -> list[tuple[str, str]]:
        """Parameters the search form must carry as hidden fields (the caller's own, e.g. a scope)."""
        return [(name, value) for name, values in self.preserved.items() for value in values]
