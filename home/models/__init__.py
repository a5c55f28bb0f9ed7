"""The site's front door: the home page, standard pages and site settings."""

from .pages import HomeFeaturedWork, HomePage, StandardPage
from .settings import SiteSettings

__all__ = ["HomeFeaturedWork", "HomePage", "SiteSettings", "StandardPage"]
