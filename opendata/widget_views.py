"""The embeddable widget: the public embed page (/widget/<key>/) and the admin builder."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from django.views.decorators.clickjacking import xframe_options_exempt

from municipalities.access import municipalities_for_user

from .models import EmbedWidget
from .widgets import can_make_widgets, environments_for_user, widget_content, widgets_for_user

EMBED_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors *; base-uri 'none'"
EMBED_HEIGHT = 640


@xframe_options_exempt
def widget_embed(request: HttpRequest, key) -> HttpResponse:
    """The embed itself: a small, self-contained page (inline CSS, no script, nothing from elsewhere)."""
    widget = EmbedWidget.objects.select_related("municipality", "environment", "target_group", "subject_area")
    widget = widget.filter(key=key).first()
    if widget is None:
        raise Http404
    response = _render_embed(request, widget)
    patch_cache_control(response, public=True, max_age=300)
    return response


def _render_embed(request: HttpRequest, widget: EmbedWidget) -> TemplateResponse:
    content = widget_content(widget, request=request)
    response = TemplateResponse(request, "opendata/widget/embed.html", {"content": content, "widget": widget})
    response["Content-Security-Policy"] = EMBED_CSP
    return response


def embed_snippet(request: HttpRequest, widget: EmbedWidget) -> str:
    url = request.build_absolute_uri(reverse("opendata:widget-embed", args=[widget.key]))
    title = f"{widget.heading} – Skoletjenesten"
    return (
        f'<iframe src="{url}" title="{title}" loading="lazy" '
        f'style="width:100%;max-width:100%;height:{EMBED_HEIGHT}px;border:0"></iframe>'
    )


# Admin builder --------------------------------------------------------------------------------------------


class EmbedWidgetForm(forms.ModelForm):
    class Meta:
        model = EmbedWidget
        fields = [
            "name",
            "heading",
            "municipality",
            "environment",
            "target_group",
            "subject_area",
            "free_only",
            "limit",
            "accent_colour",
        ]
        widgets = {"accent_colour": forms.TextInput(attrs={"type": "color"})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities_for_user(user).order_by("name")
        self.fields["environment"].queryset = environments_for_user(user).order_by("title")
        self.fields["municipality"].help_text = _("Kommunens tilbud, som på kommunesitets søgning.")
        self.fields["environment"].help_text = _("Eller ét læringsmiljøs tilbud.")
        if not self.fields["municipality"].queryset.exists():
            del self.fields["municipality"]
        if not self.fields["environment"].queryset.exists():
            del self.fields["environment"]
        # Most builders have one scope (their kommune or their environment): it is chosen for them.
        # (One kommune *or* one environment is checked by EmbedWidget.clean.)
        scopes = [self.fields[name] for name in ("municipality", "environment") if name in self.fields]
        if len(scopes) == 1 and self.instance.pk is None:
            choices = list(scopes[0].queryset[:2])
            if len(choices) == 1:
                scopes[0].initial, scopes[0].empty_label = choices[0].pk, None


def _require_builder(request: HttpRequest) -> None:
    if not can_make_widgets(request.user):
        raise PermissionDenied


def widget_index(request: HttpRequest) -> TemplateResponse:
    _require_builder(request)
    widgets = widgets_for_user(request.user).select_related("municipality", "environment")
    return TemplateResponse(request, "opendata/admin/widget_index.html", {"widgets": widgets})


def widget_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _require_builder(request)
    widget = get_object_or_404(widgets_for_user(request.user), pk=pk) if pk else None
    form = EmbedWidgetForm(request.POST or None, instance=widget, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        if saved.created_by_id is None:
            saved.created_by = request.user
        saved.save()
        messages.success(request, _("Indlejringen er gemt. Kopiér koden, og sæt den ind på jeres hjemmeside."))
        return redirect("opendata_admin:widget-edit", pk=saved.pk)
    context = {
        "form": form,
        "widget": widget,
        "snippet": embed_snippet(request, widget) if widget else "",
        "preview_url": reverse("opendata_admin:widget-preview"),
    }
    return TemplateResponse(request, "opendata/admin/widget_edit.html", context)


@xframe_options_exempt
def widget_preview(request: HttpRequest) -> HttpResponse:
    """The embed for the builder's unsaved settings (the live preview); same permission as the builder."""
    _require_builder(request)
    form = EmbedWidgetForm(request.GET or None, user=request.user)
    if not form.is_valid():
        return HttpResponse(
            '<!DOCTYPE html><html lang="da"><meta charset="utf-8"><title>Forhåndsvisning</title>'
            "<p>Vælg en kommune eller et læringsmiljø for at se forhåndsvisningen.</p></html>",
            content_type="text/html; charset=utf-8",
        )
    widget = form.save(commit=False)
    return _render_embed(request, widget)


def widget_delete(request: HttpRequest, pk: int) -> HttpResponse:
    _require_builder(request)
    widget = get_object_or_404(widgets_for_user(request.user), pk=pk)
    if request.method == "POST":
        widget.delete()
        messages.success(request, _("Indlejringen er slettet; den vises ikke længere på andre sider."))
        return redirect("opendata_admin:widget-index")
    return TemplateResponse(request, "opendata/admin/widget_delete.html", {"widget": widget})
