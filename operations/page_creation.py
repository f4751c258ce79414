"""One add form makes one page, however often it is posted.

Wagtail 8's autosave posts a new page's add form in the background and, once that post has made the
page, points the form at the page's edit view. A click on "Send til godkendelse" or "Udgiv" while the
background post is still under way posts the same add form a second time: Wagtail would make a second
page, refuse the slug, or (when both posts passed validation before either saved) fail with a 500.

Every add form carries a random token (``templates/wagtailadmin/pages/create.html``). Posts of one token
are taken one at a time (a PostgreSQL advisory lock held in the post's transaction); the first records
which page it made (``PageCreation``, by the ``after_create_page`` hook), and every later post of the same
form by the same user is handed to Wagtail's edit view of that page, so its action (save, submit,
publish) applies to the page the form already made; a second "Send til godkendelse" of a page the first
post already sent for review (a double click) just lands where the first did.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.admin.views.pages.edit import EditView
from wagtail.models import Page

from .models import PageCreation

TOKEN_FIELD = "page_creation_token"
ADD_VIEW = "wagtailadmin_pages:add"


def new_token() -> str:
    return uuid.uuid4().hex


def posted_token(request: HttpRequest) -> uuid.UUID | None:
    try:
        return uuid.UUID(request.POST.get(TOKEN_FIELD, ""))
    except ValueError:
        return None


def remember_created_page(request: HttpRequest, page: Page) -> None:
    """``after_create_page``: the page this add form made."""
    token = posted_token(request) if request.method == "POST" else None
    if token is not None:
        PageCreation.objects.get_or_create(token=token, defaults={"page": page, "user": request.user})


def forget_page_creations(*, older_than: timedelta) -> int:
    """Drop the records of add forms posted longer ago than ``older_than`` (the nightly beat task): a form's
    second post comes seconds after its first, so old records only take room. Returns how many went."""
    deleted, _by_model = PageCreation.objects.filter(created_at__lt=timezone.now() - older_than).delete()
    return deleted


def _with_child_ids(data, page: Page) -> None:
    """The children (InlinePanel rows) the first post made, given to the forms they came from, in
    order, as Wagtail's autosave does in the browser after its own post (``get_field_updates_for_resave``);
    without their ids the edit would add them a second time."""
    for relation in getattr(page.specific_class.get_edit_handler().get_form_class(), "formsets", {}):
        total = data.get(f"{relation}-TOTAL_FORMS")
        if total is None or not total.isdigit() or data.get(f"{relation}-INITIAL_FORMS") != "0":
            continue
        manager = getattr(page.specific, relation, None)
        if manager is None or not hasattr(manager, "values_list"):
            continue
        children = iter(manager.order_by("pk").values_list("pk", flat=True))
        for index in range(int(total)):
            prefix = f"{relation}-{index}"
            if data.get(f"{prefix}-DELETE") or data.get(f"{prefix}-id"):
                continue
            child = next(children, None)
            if child is None:
                break
            data[f"{prefix}-id"] = str(child)
        data[f"{relation}-INITIAL_FORMS"] = total


class SinglePageCreationMiddleware:
    """Posts of one add form, one at a time; the second and later ones edit the page the first made."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs) -> HttpResponse | None:
        match = request.resolver_match
        if request.method != "POST" or match is None or match.view_name != ADD_VIEW:
            return None
        token = posted_token(request)
        if token is None or not request.user.is_authenticated:
            return None
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(hashtext('page-creation'), hashtext(%s))", [token.hex])
            created = PageCreation.objects.filter(token=token, user=request.user).select_related("page").first()
            if created is None:
                return view_func(request, *view_args, **view_kwargs)
            page = created.page
            if request.POST.get("action-submit") and page.workflow_in_progress:
                # The same submission twice (a double click): the first has sent the page for review.
                messages.success(
                    request,
                    _("Siden '%(title)s' er sendt til godkendelse.") % {"title": page.get_admin_display_title()},
                )
                return redirect("wagtailadmin_explore", page.get_parent().pk)
            data = request.POST.copy()
            _with_child_ids(data, page)
            request.POST = data
            return EditView.as_view()(request, page_id=created.page_id)
