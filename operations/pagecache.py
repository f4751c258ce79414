"""Whole-page cache for anonymous visitors of the public Wagtail pages.

A page served to a visitor without a session (home, search with its query string, offers, environments,
kommune pages) is kept in the cache (Redis) and the next anonymous request for the same address gets it
without touching the database. Any change that can show on a public page is visible at once, because
every key carries the **content version**: a random token replaced after the commit of any write to a
model that pages show (a publish, an unpublish, a move, a deletion, a snippet, a setting, an image …;
``NOT_CONTENT`` lists the models that never show, e.g. sessions, revisions, log entries) and the search
version of the offers (bumped by their set-based refreshes). A new token is random, so a token lost from
Redis can never bring back old pages.

Never cached: requests that are not GET/HEAD, requests carrying a session or messages cookie (signed-in
editors, anyone with a message waiting), responses other than 200, responses that set a cookie or used the
CSRF token (the booking request form, any other form), that say ``private``/``no-store``/``no-cache``,
that vary on anything but ``Cookie`` and the search's ``X-Search-Partial``, and anything not served by
Wagtail's page view (the admin, the API, documents, the booking and list views). With Redis down every
read is a miss and every write is dropped (django-redis ignores the errors): pages are served uncached.

Responses say ``Vary: Cookie`` (a shared cache must not give an editor's page to a visitor or back) and
``Cache-Control: no-cache`` with an ``ETag``, so a browser revalidates every time (a publish shows at once)
and gets a 304 when nothing changed. ``X-Page-Cache`` says hit, miss or bypass.

Work that must happen per view even on a hit (the usage statistics) attaches its data to the response as
``response.page_cache_replay`` (a dict); a hit sends ``served_from_page_cache`` with it.
"""

from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import Signal
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import cc_delim_re, patch_cache_control, patch_vary_headers
from wagtail import signals as wagtail_signals

from skoletjenesten.cache_versions import bump_content_version, current_versions

logger = logging.getLogger(__name__)

KEY_PREFIX = "pagecache:page"
CACHEABLE_ATTRIBUTE = "_page_cacheable"
REPLAY_ATTRIBUTE = "page_cache_replay"
STATUS_HEADER = "X-Page-Cache"
# Request headers a cached page may vary on besides Cookie (never cached with a session cookie): the
# search's own script asks for the results fragment only.
VARY_HEADERS = ("X-Search-Partial",)
ALLOWED_VARY = {"cookie", *(name.lower() for name in VARY_HEADERS)}
MAX_QUERY_STRING = 1000  # longer addresses are served uncached (no cache flooding by odd URLs)
# Never Wagtail pages: not even looked up (saves the cache round trip).
SKIP_PREFIXES = ("/admin/", "/api/", "/documents/", "/healthz/", "/django-admin/", "/static/", "/media/")

# Sent on a hit with the data attached on the miss (``response.page_cache_replay``).
served_from_page_cache = Signal()

# Models whose rows never show on a public page: writing them leaves the cached pages valid. Everything
# else (pages, snippets, settings, images, documents, reference data …) replaces the content version.
NOT_CONTENT = {
    "sessions.session",
    "admin.logentry",
    "auth.user",  # last_login on every sign-in
    "auth.permission",
    "contenttypes.contenttype",
    "axes.accessattempt",
    "axes.accessfailurelog",
    "axes.accesslog",
    "axes.accessattemptexpiration",
    "otp_totp.totpdevice",
    "django_celery_results.taskresult",
    "django_celery_results.chordcounter",
    "django_celery_results.groupresult",
    "wagtailadmin.editingsession",  # pinged every few seconds while an editor has a page open
    "wagtailadmin.formstate",
    "wagtailusers.userprofile",
    "wagtailcore.revision",  # drafts; a publish writes the page itself
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailcore.workflowstate",
    "wagtailcore.taskstate",
    "wagtailcore.comment",
    "wagtailcore.commentreply",
    "wagtailcore.pagesubscription",
    "wagtailcore.referenceindex",
    "wagtailcore.uploadedfile",
    "wagtailcore.apitoken",
    "wagtailsearch.indexentry",
    "wagtailimages.rendition",  # made while rendering a page
    "wagtailembeds.embed",  # fetched while rendering a page
    "catalogue.catalogueexport",  # a run's progress; its published files are CatalogueFile rows
    "bookings.bookingrequest",
    "bookings.bookingevent",
    "bookings.outgoingmail",
    "lists.offerlist",
    "lists.offerlistitem",
    "usage.dailyusage",
    "environments.editorinvitation",
    "environments.environmentapplication",
    "environments.confirmationnotice",
    "environments.expirywarning",
    "environments.reviewtaskstate",
    "partnerships.partnershipreminder",
}


def enabled() -> bool:
    return getattr(settings, "PAGE_CACHE_SECONDS", 0) > 0


# --- The content version --------------------------------------------------------------------------


def bump_after_commit() -> None:
    """Replace the token once the writing transaction commits (a Redis SET per content row written).

    Before the commit a concurrent request could read the old rows and store them under the new token.
    """
    transaction.on_commit(bump_content_version)


def _label(sender) -> str:
    meta = getattr(sender, "_meta", None)
    return meta.label_lower if meta is not None else ""


def content_changed(sender, **kwargs) -> None:
    """post_save / post_delete / m2m_changed of any model: a content write unless the model never shows."""
    if kwargs.get("raw"):  # loaddata
        return
    if _label(sender) in NOT_CONTENT:
        return
    bump_after_commit()


def page_tree_changed(**kwargs) -> None:
    """Wagtail's publish/unpublish/move/slug signals (moves are written with queryset updates)."""
    bump_after_commit()


def connect_signals() -> None:
    post_save.connect(content_changed, dispatch_uid="operations.pagecache.save")
    post_delete.connect(content_changed, dispatch_uid="operations.pagecache.delete")
    m2m_changed.connect(content_changed, dispatch_uid="operations.pagecache.m2m")
    for signal in (
        wagtail_signals.page_published,
        wagtail_signals.page_unpublished,
        wagtail_signals.post_page_move,
        wagtail_signals.page_slug_changed,
        wagtail_signals.published,
        wagtail_signals.unpublished,
    ):
        signal.connect(page_tree_changed, dispatch_uid=f"operations.pagecache.{id(signal)}")


# --- The middleware -------------------------------------------------------------------------------


def mark_cacheable(page, request, serve_args, serve_kwargs) -> None:
    """Wagtail's before_serve_page hook, after the view-restriction check: a public page is being served."""
    setattr(request, CACHEABLE_ATTRIBUTE, True)


def _may_use_cache(request) -> bool:
    if request.method not in ("GET", "HEAD") or request.path_info.startswith(SKIP_PREFIXES):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    return len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY_STRING


def _key(request, versions: str) -> str:
    varying = "|".join(request.headers.get(name, "") for name in VARY_HEADERS)
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}|{varying}"
    return f"{KEY_PREFIX}:{versions}:{hashlib.sha256(address.encode()).hexdigest()}"


def _may_store(request, response) -> bool:
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if not getattr(request, CACHEABLE_ATTRIBUTE, False):
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    messages = getattr(request, "_messages", None)
    if messages is not None and len(messages):  # shown or added while rendering
        return False
    directives = cc_delim_re.split(response.get("Cache-Control", ""))
    cache_control = {part.split("=")[0].strip().lower() for part in directives}
    if cache_control & {"private", "no-store", "no-cache"}:
        return False
    vary = {part.strip().lower() for part in cc_delim_re.split(response.get("Vary", "")) if part.strip()}
    return vary <= ALLOWED_VARY


def _finish(response, etag: str, status: str) -> None:
    response["ETag"] = etag
    patch_vary_headers(response, ["Cookie"])
    patch_cache_control(response, no_cache=True)
    response[STATUS_HEADER] = status


class PageCacheMiddleware:
    """Serves and stores anonymous visitors' public pages (placed before the session middleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not enabled() or not _may_use_cache(request):
            return self.get_response(request)
        versions = current_versions()
        if versions is None:  # the cache does not answer: serve uncached
            response = self.get_response(request)
            response[STATUS_HEADER] = "bypass"
            return response
        key = _key(request, versions)
        entry = cache.get(key)
        if entry is not None:
            return self._hit(request, entry)
        response = self.get_response(request)
        if _may_store(request, response):
            content = response.content
            etag = '"' + hashlib.sha256(content).hexdigest()[:32] + '"'
            _finish(response, etag, "miss")
            headers = [(name, value) for name, value in response.items() if name != STATUS_HEADER]
            replay = getattr(response, REPLAY_ATTRIBUTE, None) or {}
            cache.set(key, (headers, content, replay), settings.PAGE_CACHE_SECONDS)
        return response

    def _hit(self, request, entry) -> HttpResponse:
        headers, content, replay = entry
        if replay:
            try:
                served_from_page_cache.send(sender=PageCacheMiddleware, request=request, replay=replay)
            except Exception:  # statistics never cost a page view
                logger.exception("A receiver of served_from_page_cache failed")
        etag = dict(headers).get("ETag")
        if etag and etag in {tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")}:
            response = HttpResponseNotModified()
            for name, value in headers:
                if name in ("ETag", "Vary", "Cache-Control"):
                    response[name] = value
        else:
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
        response[STATUS_HEADER] = "hit"
        return response
