"""Reader-facing URLs of the listen app (mounted in akhbar/urls.py at "listen/")."""

from django.urls import path

from akhbar.listen import feeds, views

app_name = "listen"

urlpatterns = [
    path("feed.xml", feeds.EditionPodcast(), name="feed"),
    path("<slug:language>/feed.xml", feeds.EditionPodcast(), name="edition-feed"),
    path("<int:article_id>.<slug:ext>", views.audio, name="audio"),
]
