"""/api/v1/: the public read API, its OpenAPI schema and documentation (Swagger UI from our own static files)."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import pages, views, widget_views
from .problems import api_not_found

app_name = "opendata"

urlpatterns = [
    path("api/v1/", views.ApiRootView.as_view(), name="root"),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/v1/docs/", SpectacularSwaggerSplitView.as_view(url_name="opendata:schema"), name="docs"),
    path("api/v1/offers/", views.OfferListView.as_view(), name="offer-list"),
    path("api/v1/offers/<int:pk>/", views.OfferDetailView.as_view(), name="offer-detail"),
    path("api/v1/environments/", views.EnvironmentListView.as_view(), name="environment-list"),
    path("api/v1/environments/<int:pk>/", views.EnvironmentDetailView.as_view(), name="environment-detail"),
    path("api/v1/municipal-sites/", views.MunicipalSiteListView.as_view(), name="municipal-site-list"),
    path("api/v1/target-groups/", views.target_groups, name="target-group-list"),
    path("api/v1/grades/", views.grades, name="grade-list"),
    path("api/v1/subjects/", views.subjects, name="subject-list"),
    path("api/v1/subject-areas/", views.subject_areas, name="subject-area-list"),
    path("api/v1/sdgs/", views.sdgs, name="sdg-list"),
    path("api/v1/formats/", views.formats, name="format-list"),
    path("api/v1/environment-types/", views.environment_types, name="environment-type-list"),
    path("api/v1/kommuner/", views.municipalities, name="municipality-list"),
    path("api/v1/regions/", views.regions, name="region-list"),
    re_path(r"^api/.*$", api_not_found),
    path("aabne-data/", pages.open_data_page, name="open-data"),
    path("widget/<uuid:key>/", widget_views.widget_embed, name="widget-embed"),
    path("aabne-data/filer/<str:day>/<str:name>", pages.dataset_file, name="open-data-file"),
]
