from django.urls import path

from . import views

app_name = "catalogue_admin"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:edition_id>/", views.edition_detail, name="edition"),
    path("<int:edition_id>/start/", views.start, name="start"),
    path("<int:edition_id>/status/", views.status, name="status"),
    path("files/<int:file_id>/", views.download, name="download"),
]
