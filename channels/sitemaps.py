"""sitemap.xml: every public page with the date it was last published, and the pictures of works
and news (Google's image sitemap extension).

Works and news are read through articles.listings' public gate — live, public, in a content
language — so drafts, works in review and retracted works (a retraction unpublishes) never appear.
The other public pages (home, the sections, audience columns, policy documents, standard pages)
are the live pages outside any view restriction, in the same languages, as Wagtail's own sitemap
would list them. The creator portal and search are Django views, not pages: they are not listed.

`<lastmod>` is the page's last publication, so a published correction moves it. Pictures are
listed as the renditions the page itself shows (cover 960×540, body pictures up to 960×720), which
its readers have usually created already.

/sitemap.xml lists everything while it fits in one sitemap (50,000 URLs, the protocol's limit);
past that it answers a sitemap index of the sections instead, /sitemap-<section>.xml?p=N. Each
section costs a fixed number of queries however many pages it holds.
"""

import functools
import operator

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.core.paginator import Paginator
from django.db.models import Max, Q
from django.http import Http404
from django.urls import path
from django.utils import translation
from django.utils.encoding import iri_to_uri
from django.utils.functional import cached_property

from wagtail.images import get_image_model
from wagtail.models import Page, Site

from articles import listings
from articles.models import ArticlePage, NewsPage
from media import renditions

TEMPLATE = "channels/sitemap.xml"
# The spec of each kind of picture, as the page shows it (so the rendition usually exists).
COVER_SPEC = renditions.COVER
BLOCK_SPECS = {"image": renditions.BODY, "poster": renditions.POSTER}


def content_languages():
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


def in_every_language(gate):
    """A public gate's pages in every content language (the gate itself reads the active one)."""
    querysets = []
    for code in content_languages():
        with translation.override(code):
            querysets.append(gate())
    return functools.reduce(operator.or_, querysets)


def other_public_pages():
    """Live pages that are not works or news, outside any view restriction, in a content language."""
    pages = (
        Page.objects.live()
        .filter(depth__gt=1, locale__language_code__in=content_languages())
        .not_type(ArticlePage, NewsPage)
    )
    for private in listings.private_paths():
        pages = pages.exclude(path__startswith=private)
    return pages


def _without_microseconds(moment):
    return moment.replace(microsecond=0) if moment else None


class PageSection(Sitemap):
    """One section of the sitemap: pages of the request's site, in tree order."""

    def __init__(self, request, site):
        self.request = request
        self.site = site

    def pages(self):
        raise NotImplementedError

    def items(self):
        # The site's home page in every language (Wagtail's cached site root paths: no query).
        roots = [root.root_path for root in Site.get_site_root_paths() if root.site_id == self.site.pk]
        if not roots:
            return self.pages().none()
        on_site = functools.reduce(operator.or_, (Q(url_path__startswith=root) for root in roots))
        return self.pages().filter(on_site).order_by("path")

    @cached_property
    def paginator(self):
        # Django builds a new paginator (and counts again) on every use; one count is enough.
        return Paginator(self.items(), self.limit)

    def location(self, page):
        return iri_to_uri(page.relative_url(self.site, self.request))

    def lastmod(self, page):
        return _without_microseconds(page.last_published_at or page.latest_revision_created_at)

    def get_latest_lastmod(self):
        # For the index: one aggregate instead of Django's reading of every item.
        latest = self.items().order_by().aggregate(latest=Max("last_published_at"))["latest"]
        return _without_microseconds(latest)

    def pictures(self, pages):
        """{page id: [absolute picture URLs]} for the image extension."""
        return {}

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        pictures = self.pictures([url["item"] for url in urls])
        for url in urls:
            url["images"] = pictures.get(url["item"].pk, [])
        return urls


class OtherPages(PageSection):
    def pages(self):
        return other_public_pages()


class Works(PageSection):
    """Works with their cover and the pictures (and video posters) of their body."""

    gate = staticmethod(listings.public_works)

    def pages(self):
        return in_every_language(self.gate)

    def pictures(self, pages):
        wanted = {page.pk: picture_specs(page) for page in pages}
        ids = {image_id for specs in wanted.values() for image_id, _spec in specs}
        images = {image.pk: image for image in get_image_model().objects.filter(pk__in=ids)}
        renditions.prefetch_renditions(images.values(), specs=(COVER_SPEC, *BLOCK_SPECS.values()))
        found = {}
        for pk, specs in wanted.items():
            found[pk] = [
                url for image_id, spec in specs if (url := self.picture_url(images.get(image_id), spec))
            ]
        return found

    def picture_url(self, image, spec):
        if image is None:
            return None
        # Only renditions made ahead: a missing one (not made yet, or its file is gone) is left out.
        rendition = renditions.existing(image, [spec]).get(spec)
        return None if rendition is None else self.request.build_absolute_uri(rendition.url)


class News(Works):
    gate = staticmethod(listings.public_news)


def picture_specs(page):
    """[(image id, rendition spec)] of a page's cover and body pictures, read from the body's raw
    data (no query), each once, in reading order."""
    found = [(page.cover_image_id, COVER_SPEC)] if page.cover_image_id else []
    for block in page.body.raw_data:
        value = block.get("value")
        if not isinstance(value, dict):
            continue
        for name, spec in BLOCK_SPECS.items():
            if isinstance(value.get(name), int) and (value[name], spec) not in found:
                found.append((value[name], spec))
    return found


SECTIONS = {"pages": OtherPages, "works": Works, "news": News}


def sections(request):
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("No site")
    return {name: section(request, site) for name, section in SECTIONS.items()}


def sitemap(request):
    """Every public page, or — past the protocol's 50,000 URLs — the index of the sections."""
    found = sections(request)
    if sum(section.paginator.count for section in found.values()) > PageSection.limit:
        return sitemap_views.index(request, found, sitemap_url_name="sitemap_section")
    return sitemap_views.sitemap(request, found, template_name=TEMPLATE)


def section_sitemap(request, section):
    return sitemap_views.sitemap(request, sections(request), section=section, template_name=TEMPLATE)


urlpatterns = [
    path("sitemap.xml", sitemap, name="sitemap"),
    path("sitemap-<slug:section>.xml", section_sitemap, name="sitemap_section"),
]
