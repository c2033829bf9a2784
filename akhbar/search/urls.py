"""Reader-facing URLs of the search app (mounted in akhbar/urls.py)."""

from django.urls import path

from akhbar.search.views import search_page

urlpatterns = [path("search/", search_page, name="search")]
