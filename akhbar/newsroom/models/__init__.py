"""Newsroom models, one module per newsroom concept; explicit exports only."""

from akhbar.newsroom.models.article import ArticlePage, ArticleTag
from akhbar.newsroom.models.edition import EditionPage
from akhbar.newsroom.models.image import NewsImage, NewsRendition
from akhbar.newsroom.models.people import Agency, Author
from akhbar.newsroom.models.section import SectionPage

__all__ = [
    "Agency",
    "ArticlePage",
    "ArticleTag",
    "Author",
    "EditionPage",
    "NewsImage",
    "NewsRendition",
    "SectionPage",
]
