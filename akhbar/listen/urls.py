"""Reader-facing URLs of the listen app (mounted in akhbar/urls.py)."""

urlpatterns: list = []
