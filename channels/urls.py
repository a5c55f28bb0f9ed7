"""Feeds, under /<language>/feeds/."""

from django.urls import path

from .feeds import NewsAtomFeed, NewsFeed, WorksAtomFeed, WorksFeed

app_name = "channels"
urlpatterns = [
    path("works.rss", WorksFeed(), name="works_rss"),
    path("works.atom", WorksAtomFeed(), name="works_atom"),
    path("<str:kind>/<str:code>.rss", WorksFeed(), name="filtered_rss"),
    path("<str:kind>/<str:code>.atom", WorksAtomFeed(), name="filtered_atom"),
    path("news.rss", NewsFeed(), name="news_rss"),
    path("news.atom", NewsAtomFeed(), name="news_atom"),
]
