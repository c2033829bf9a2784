"""Reader-facing URLs of the distribution app (mounted at "" in akhbar/urls.py).

Everything sits under /feeds/ or at a file-like name (sitemap.xml, robots.txt) so no
path collides with a Wagtail page URL (page slugs never end in .xml/.rss/.atom/.txt).
"""

from django.urls import path, re_path

from akhbar.distribution import views

app_name = "distribution"

SLUG = r"[-\w]+"

urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", views.sitemap_index, name="sitemap-index"),
    re_path(rf"^sitemap-(?P<section>{SLUG})\.xml$", views.sitemap_section, name="sitemap"),
    re_path(r"^feeds/(?P<language>[a-z]{2,3})\.rss$", views.edition_rss, name="edition-rss"),
    re_path(r"^feeds/(?P<language>[a-z]{2,3})\.atom$", views.edition_atom, name="edition-atom"),
    re_path(
        rf"^feeds/(?P<language>[a-z]{{2,3}})/(?P<section>{SLUG})\.rss$",
        views.edition_rss,
        name="section-rss",
    ),
    re_path(
        rf"^feeds/(?P<language>[a-z]{{2,3}})/(?P<section>{SLUG})\.atom$",
        views.edition_atom,
        name="section-atom",
    ),
]
