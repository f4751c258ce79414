from django.urls import path

from . import views

app_name = "usage"

urlpatterns = [
    path("statistik/klik/", views.click, name="click"),
    path("privatliv/", views.privacy, name="privacy"),
]
