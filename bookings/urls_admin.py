from django.urls import path

from . import views_admin

app_name = "bookings_admin"
urlpatterns = [
    path("", views_admin.inbox, name="inbox"),
    path("<int:pk>/", views_admin.detail, name="detail"),
    path("efterspoergsel/", views_admin.demand_overview, name="demand"),
]
