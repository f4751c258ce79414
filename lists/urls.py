from django.urls import path

from . import views

app_name = "lists"
urlpatterns = [
    path("favoritter/", views.favourites, name="favourites"),
    path("lister/ny/", views.create_list, name="create"),
    path("lister/rediger/<str:edit_token>/", views.list_edit, name="edit"),
    path("lister/<str:share_token>/", views.list_detail, name="detail"),
    path("lister/<str:share_token>/liste.csv", views.list_csv, name="csv"),
]
