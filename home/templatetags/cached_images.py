"""``{% picture %}`` as Wagtail's, with its filters built once per template node instead of on every render.

Wagtail's picture tag parses its filter specs into new ``Filter`` objects each time it renders, and each
``Filter`` works its operations out again (``inspect.getcallargs`` per operation): for a page of 20
cards with six renditions each that was about a tenth of the search page's time. The templates are
cached (production's cached loader), so a node's filters can be kept on the node. The HTML of an image
is kept too, per process, under everything it depends on (the image's file and focal point, the tag's
specs and attributes); a new file or focal point is a new key.

    {% load cached_images %}{% picture image format-{avif,webp,jpeg} fill-{360x203,720x405} alt="" %}
"""

from __future__ import annotations

from collections import OrderedDict
from threading import Lock

from django import template
from wagtail.images.models import Filter
from wagtail.images.templatetags.wagtailimages_tags import PictureNode
from wagtail.images.templatetags.wagtailimages_tags import image as parse_image_tag

register = template.Library()


HTML_CACHE_SIZE = 5000
_html: OrderedDict[tuple, str] = OrderedDict()
_lock = Lock()


class CachedFiltersPictureNode(PictureNode):
    _filters: list[Filter] | None = None

    def get_filters(self) -> list[Filter]:
        if self._filters is None:
            self._filters = super().get_filters()
        return self._filters

    def render(self, context) -> str:
        image = self.validate_image(context) if not self.output_var_name else None
        if image is None:
            return super().render(context)
        attrs = tuple((name, str(value.resolve(context))) for name, value in sorted(self.attrs.items()))
        key = (
            image.pk,
            image.file.name,
            image.focal_point_x,
            image.focal_point_y,
            image.focal_point_width,
            image.focal_point_height,
            tuple(self.filter_specs),
            attrs,
        )
        with _lock:
            html = _html.get(key)
            if html is not None:
                _html.move_to_end(key)
                return html
        html = super().render(context)
        with _lock:
            _html[key] = html
            while len(_html) > HTML_CACHE_SIZE:
                _html.popitem(last=False)
        return html


@register.tag("picture")
def picture(parser, token):
    node = parse_image_tag(parser, token)
    node.__class__ = CachedFiltersPictureNode
    return node
