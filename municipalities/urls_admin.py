from django.urls import path

from . import views

app_name = "municipalities_admin"
urlpatterns = [
    path("", views.municipal_site_index, name="index"),
    path("lokalt-udbud/", views.supply_overview, name="supply"),
]
