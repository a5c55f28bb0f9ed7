"""What a page says about itself when it is shared: Open Graph for WeChat, Weibo and the rest,
schema.org microdata (WeChat's crawler reads itemprop name, description and image), and the
canonical link. base.html puts them in every page's <head>.

    {% load share %}
    {% capture as share_title %}{% block title %}…{% endblock %}{% endcapture %}
    {% share_meta share_title %}

Costs no query on most pages: the picture is the page's own share, cover or listing image (a work's
cover and its renditions are loaded with the page already), otherwise the site's logo.
"""

import re

from django import template
from django.templatetags.static import static
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from wagtail.models import Page

from articles.models import ArticlePage, NewsPage
from media import renditions

register = template.Library()

# WeChat shows a share picture only from 300×300 px; the share rendition is 1200×675 at most.
MIN_PICTURE_SIDE = 300
IMAGE_FIELDS = ("social_image", "cover_image", "listing_image")
LOGO = "img/share-logo.png"  # 600×600, drawn from favicon.svg (see docs/channels.md)
LOGO_SIDE = 600
DESCRIPTION_CHARS = 120
# Open Graph locales are language_TERRITORY.
OG_LOCALES = {"zh-hans": "zh_CN"}
_WHITESPACE = re.compile(r"\s+")


class CaptureNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist, self.name = nodelist, name

    def render(self, context):
        # Rendered (and so escaped) already: safe to print again.
        context[self.name] = mark_safe(self.nodelist.render(context).strip())  # noqa: S308
        return ""


@register.tag
def capture(parser, token):
    """{% capture as name %}…{% endcapture %}: render the enclosed template (blocks included) once
    into a variable, so base.html can print its title block in <title> and in the share tags."""
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Usage: {% capture as name %}…{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])


def _text(value):
    return _WHITESPACE.sub(" ", str(value or "")).strip()


def site_description():
    return _("内蒙古自治区科普平台：每篇科普作品都经过初审、专家科学性审核和终审后发布。")


def description(page):
    if page is None:
        return site_description()
    for value in (getattr(page, "share_text", ""), page.search_description, getattr(page, "intro", "")):
        if text := _text(value):
            return Truncator(text).chars(DESCRIPTION_CHARS)
    return site_description()


def canonical_url(request, page):
    """The page's own URL (a Wagtail page's, whatever the path it was reached by), absolute with the
    request's scheme and host. Of the query string only a search (?q=) and a listing's page number
    (?page=N) are kept: filters and tracking parameters are views of the same page."""
    url = request.build_absolute_uri(page.get_url(request) if page is not None else request.path)
    kept = {}
    if query := request.GET.get("q", "").strip()[:200]:
        kept["q"] = query
    number = request.GET.get("page", "")
    if number.isascii() and number.isdigit() and len(number) < 10 and int(number) > 1:
        kept["page"] = int(number)
    return f"{url}?{urlencode(kept)}" if kept else url


def picture(request, page):
    """(absolute URL, width, height, alt) of the share picture: the page's first image with a large
    enough share rendition, else the logo."""
    for field in IMAGE_FIELDS if page is not None else ():
        if getattr(page, f"{field}_id", None) is None:
            continue
        image = getattr(page, field)
        # Only a rendition made ahead (at upload): none is made inside a reader's request.
        rendition = renditions.existing(image, [renditions.SHARE]).get(renditions.SHARE)
        if rendition is None:
            continue
        if min(rendition.width, rendition.height) >= MIN_PICTURE_SIDE:
            return (
                request.build_absolute_uri(rendition.url),
                rendition.width,
                rendition.height,
                image.description,
            )
    return request.build_absolute_uri(static(LOGO)), LOGO_SIDE, LOGO_SIDE, ""


def _w3c(moment):
    return timezone.localtime(moment).replace(microsecond=0).isoformat() if moment else ""


@register.inclusion_tag("channels/includes/share_meta.html", takes_context=True)
def share_meta(context, title=""):
    request, page = context.get("request"), context.get("page")
    if request is None:
        return {"share": None}
    if not isinstance(page, Page):
        page = None
    site_name = context.get("site_name", "")
    if not title and page is not None:
        title = page.seo_title or page.title
    is_article = isinstance(page, (ArticlePage, NewsPage))
    image_url, width, height, alt = picture(request, page)
    language = get_language() or ""
    return {
        "share": {
            "type": "article" if is_article else "website",
            "title": title or site_name,
            "description": description(page),
            "url": canonical_url(request, page),
            "site_name": site_name,
            "locale": OG_LOCALES.get(language, language.replace("-", "_")),
            "image": image_url,
            "image_width": width,
            "image_height": height,
            "image_alt": alt,
            "published": _w3c(page.first_published_at) if is_article else "",
            "modified": _w3c(page.last_published_at) if is_article else "",
        }
    }
