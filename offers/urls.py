from django.urls import path

from .views import search_suggestions

urlpatterns = [path("soegeforslag/", search_suggestions, name="search_suggestions")]
