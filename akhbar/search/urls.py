"""Reader-facing URLs of the search app (mounted in akhbar/urls.py)."""

urlpatterns: list = []
