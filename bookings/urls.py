from django.urls import path, re_path

from . import views

app_name = "bookings"
urlpatterns = [
    path("foresporgsel/<str:token>/", views.request_status, name="status"),
    path("foresporgsel/<str:token>/besoeg.ics", views.request_calendar, name="calendar"),
    path("privatliv/foresporgsler/", views.privacy, name="privacy"),
    # The form lives under the offer's own address: /<path of the offer page>/foresporgsel/
    re_path(r"^(?P<offer_path>(?:[-\w]+/)+)foresporgsel/$", views.request_form, name="form"),
]
