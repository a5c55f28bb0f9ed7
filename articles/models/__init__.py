"""Science works, news and the taxonomies that classify them."""

from .pages import (
    ArticleIndexPage,
    ArticlePage,
    ArticlePageTag,
    CorrectionNotice,
    NewsIndexPage,
    NewsPage,
    NewsPageTag,
    TopicPage,
)
from .taxonomy import Audience, Campaign, Discipline, Region, WorkForm

__all__ = [
    "ArticleIndexPage",
    "ArticlePage",
    "ArticlePageTag",
    "Audience",
    "Campaign",
    "CorrectionNotice",
    "Discipline",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "Region",
    "TopicPage",
    "WorkForm",
]
