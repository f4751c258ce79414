from django.urls import path

from . import public_views

app_name = "environments"
urlpatterns = [
    path("tilmeld/", public_views.apply, name="apply"),
    path("tilmeld/sendt/", public_views.application_sent, name="application_sent"),
    path("tilmeld/bekraeft/<str:token>/", public_views.confirm_application, name="confirm_application"),
    path("invitation/<str:token>/", public_views.accept, name="accept_invitation"),
]
