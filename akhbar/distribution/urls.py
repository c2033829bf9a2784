"""Reader-facing URLs of the distribution app (mounted in akhbar/urls.py)."""

urlpatterns: list = []
