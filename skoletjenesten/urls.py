from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home.views import AccessibilityStatementView
from operations.health import health
from operations.views import favicon
from operations.visibility import ScopedPageTypesUsageReportView, ScopedSetPrivacyView

urlpatterns = [
    path("django-admin/", admin.site.urls),
    # Wagtail's page privacy dialog and page-types report, limited to what the editor may see.
    path("admin/pages/<int:page_id>/privacy/", ScopedSetPrivacyView.as_view()),
    path("admin/reports/page-types-usage/", ScopedPageTypesUsageReportView.as_view(results_only=False)),
    path("admin/reports/page-types-usage/results/", ScopedPageTypesUsageReportView.as_view(results_only=True)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap),
    path("tilgaengelighedserklaering/", AccessibilityStatementView.as_view(), name="accessibility_statement"),
    path("", include("opendata.urls")),
    path("", include("usage.urls")),
    path("healthz/", health, name="health"),
    path("", include("offers.urls")),  # suggestions as you type (/soegeforslag/)
    path("favicon.ico", favicon),
    # Learning environments' sign-up and editor invitations (the rest of /for-laeringsmiljoeer/ is a page).
    path("for-laeringsmiljoeer/", include("environments.urls")),
]

if settings.DEBUG:
    # Only the public media (images and their renditions); documents go through Wagtail's permission-checked
    # view and catalogue files through the catalogue's, never a public URL (as behind the proxy in production).
    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>(?:original_images|images)/.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

# Public views of the apps, before Wagtail's catch-all (the request form lives under an offer's URL).
urlpatterns += [path("", include("bookings.urls")), path("", include("lists.urls"))]

# Wagtail serves every other URL from the page tree of the request's site.
urlpatterns += [path("", include(wagtail_urls))]

handler500 = "operations.views.server_error"
