"""Reader-facing URLs of the discover app (mounted in akhbar/urls.py)."""

urlpatterns: list = []
