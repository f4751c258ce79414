"""Wagtail, the maps, the search's caches and the kommune sites (see base)."""

from __future__ import annotations

from skoletjenesten.env import env_base_url, env_int, env_str

# Wagtail
WAGTAIL_SITE_NAME = "Skoletjenesten"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# The public site's address: every absolute link made outside a request (the catalogue's QR codes and web
# addresses, CSV/XLSX exports, "Del via e-mail", e-mails, open data files) starts with it. The national
# Wagtail Site follows it (hostname and port, after every migrate: home.site_address).
PUBLIC_BASE_URL = env_base_url("PUBLIC_BASE_URL", WAGTAILADMIN_BASE_URL)
# Whether the address was given (PUBLIC_BASE_URL, or the WAGTAILADMIN_BASE_URL it defaults to) rather than the
# local default. Production requires it: without it, migrate leaves the national Site alone and says why, and
# `check --deploy` warns (home.W001), instead of pointing the live site at 127.0.0.1:8000.
PUBLIC_BASE_URL_CONFIGURED = env_str("PUBLIC_BASE_URL") is not None or env_str("WAGTAILADMIN_BASE_URL") is not None
PUBLIC_BASE_URL_REQUIRED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("da", "Dansk"), ("en", "English")]
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": "danish",
    }
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# Upload limits with Danish messages (operations.forms; Wagtail's own checks have no Danish text).
IMAGE_MAX_UPLOAD_SIZE = env_int("IMAGE_MAX_UPLOAD_MB", 10) * 1024 * 1024
DOCUMENT_MAX_UPLOAD_SIZE = env_int("DOCUMENT_MAX_UPLOAD_MB", 20) * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = None
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = "operations.forms.LimitedImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "operations.forms.LimitedDocumentForm"
# Documents are served by Wagtail's view, which checks the collection's privacy and the document's
# own rules before sending the file (never a public /media/ URL).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Admin avatars without Gravatar: the admin asks no third party for anything (a blank default avatar).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_MODERATION_ENABLED = True
# Moderation e-mails go to the reviewers of the page only (its workflow task's groups), not every superuser.
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Map tiles for the offer and environment maps; the scripts are served by the site itself.
MAP_TILE_URL = env_str("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env_str("MAP_TILE_ATTRIBUTION", "© OpenStreetMap-bidragydere")
# The offer search caches its facet counts this long (any change to an offer invalidates them); 0 = off.
OFFER_SEARCH_CACHE_SECONDS = env_int("OFFER_SEARCH_CACHE_SECONDS", 300)
# Whole public pages for anonymous visitors, kept this long (any published change shows at once anyway:
# the keys carry a content version replaced on every content write); 0 = off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
# The search's reference data (grades, subjects, kommuner …) kept per process, whatever the facet cache.
OFFER_SEARCH_REFERENCE_CACHE_SECONDS = env_int("OFFER_SEARCH_REFERENCE_CACHE_SECONDS", 60)
# The Danish word list the search splits compounds with (Debian/Ubuntu: the hunspell-da package).
SEARCH_DICTIONARY_PATH = env_str("SEARCH_DICTIONARY_PATH", "/usr/share/hunspell/da_DK.dic")

# Municipal sites: each kommune's site is served at <slug>.<MUNICIPAL_SITE_DOMAIN> (and /kommuner/<slug>/).
MUNICIPAL_SITE_DOMAIN = env_str("MUNICIPAL_SITE_DOMAIN", "localhost")
MUNICIPAL_SITE_PORT = env_int("MUNICIPAL_SITE_PORT", 80)
# "Neighbouring kommuner" in a municipal site's search: kommuner whose point lies within this distance.
MUNICIPAL_NEIGHBOUR_RADIUS_KM = env_int("MUNICIPAL_NEIGHBOUR_RADIUS_KM", 35)
