"""The site's frame: the abstract base page, the home page, standard pages and site settings."""

from .base import BasePage, ListingFieldsMixin, SocialFieldsMixin
from .pages import HomeFeaturedWork, HomePage, StandardPage
from .settings import SiteSettings

__all__ = [
    "BasePage",
    "HomeFeaturedWork",
    "HomePage",
    "ListingFieldsMixin",
    "SiteSettings",
    "SocialFieldsMixin",
    "StandardPage",
]
