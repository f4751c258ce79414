"""Pagination links for ``templates/components/pagination.html``, the one pagination component.

A list view builds ``Pagination(page_obj, url_for=...)`` with a function giving the address of page
*n* (its own query string with ``side``); the component renders previous/next and a window of page
numbers around the current one, with gaps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page


@dataclass
class Pagination:
    page_obj: Page
    url_for: Callable[[int], str]

    @property
    def has_other_pages(self) -> bool:
        return self.page_obj.has_other_pages()

    @property
    def links(self) -> list[dict[str, Any]]:
        """Links for the first and last page and two either side of the current one; a gap is ``number: None``."""
        current, last = self.page_obj.number, self.page_obj.paginator.num_pages
        wanted = sorted({1, last, *range(max(1, current - 2), min(last, current + 2) + 1)})
        links: list[dict[str, Any]] = []
        previous = 0
        for number in wanted:
            if number - previous > 1:
                links.append({"number": None})
            links.append({"number": number, "url": self.url_for(number), "current": number == current})
            previous = number
        return links

    @property
    def previous_url(self) -> str | None:
        return self.url_for(self.page_obj.number - 1) if self.page_obj.has_previous() else None

    @property
    def next_url(self) -> str | None:
        return self.url_for(self.page_obj.number + 1) if self.page_obj.has_next() else None
