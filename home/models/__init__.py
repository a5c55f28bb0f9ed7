"""The site's front door: the home page, standard pages and site settings."""

from .pages import HomeFeaturedWork, HomePage, StandardPage
from .policy import PolicyDocumentPage, PolicyIndexPage, PolicyLevel
from .settings import SiteSettings

__all__ = [
    "HomeFeaturedWork",
    "HomePage",
    "PolicyDocumentPage",
    "PolicyIndexPage",
    "PolicyLevel",
    "SiteSettings",
    "StandardPage",
]
