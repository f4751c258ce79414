from django.urls import path

from . import widget_views

app_name = "opendata_admin"

urlpatterns = [
    path("", widget_views.widget_index, name="widget-index"),
    path("ny/", widget_views.widget_edit, name="widget-add"),
    path("<int:pk>/", widget_views.widget_edit, name="widget-edit"),
    path("<int:pk>/slet/", widget_views.widget_delete, name="widget-delete"),
    path("forhaandsvisning/", widget_views.widget_preview, name="widget-preview"),
]
