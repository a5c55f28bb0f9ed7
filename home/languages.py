"""The site's two languages as a reader meets them: the versions of the page in front of them, its
hreflang alternates and the language switcher.

A page's version in another language is a translation of it (Wagtail's translation key) in that
locale that readers may see: live, outside any view restriction, and not an alias (an alias shows
the other language's text). Found in one query for all languages, kept on the request, so the head's
alternates and the header's switcher share it. Views that are not pages (search, the creator
portal, the digest …) answer at the same path under each language prefix.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, F, OuterRef
from django.db.models.functions import Length, Substr
from django.urls import translate_url
from django.utils.translation import get_language

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, PageViewRestriction

# BCP 47 tags: the script is part of the name (Mongolian is also written in Cyrillic, Chinese in
# traditional characters). base.html writes the same tags in <html lang>.
HREFLANG = {"zh-hans": "zh-Hans", "mn": "mn-Mong"}
# What the switcher shows, each in its own script: a reader finds their language by its look.
SWITCH_NAMES = {"zh-hans": "中文", "mn": "ᠮᠣᠩᠭᠣᠯ"}
_CACHE_ATTRIBUTE = "_portal_language_versions"


@dataclass(frozen=True)
class Version:
    """One language's version of what the reader is looking at."""

    code: str  # Django's language code: zh-hans, mn
    url: str  # absolute
    same_page: bool  # False: the language's home page stands in for a page not translated


@dataclass(frozen=True)
class SwitchLink:
    code: str
    hreflang: str
    name: str
    url: str
    same_page: bool


@dataclass(frozen=True)
class Languages:
    """What head_language.html and header_language.html show."""

    current: str
    alternates: list  # [(hreflang, absolute URL)] of the versions that exist, when more than one does
    x_default: str  # the default language's version (absolute URL), or "" with no alternates
    switch: list  # [SwitchLink] to every other language

    @property
    def mongolian(self):
        return self.current == "mn"


def language_codes():
    return [code for code, _name in settings.LANGUAGES]


def hreflang(code):
    return HREFLANG.get(code, code)


def home_url(code):
    """A language's home page: its site root (Wagtail serves the root's translation there)."""
    return f"/{code}/"


def page_versions(request, page):
    """{language code: absolute URL} of the versions of `page` readers may see, itself included
    when it is live and public. One query."""
    codes = language_codes()
    candidates = (
        Page.objects.filter(translation_key=page.translation_key, alias_of__isnull=True)
        .live()
        .filter(locale__language_code__in=codes)
        .exclude(_restricted())
        .select_related("locale")
        .only("id", "path", "depth", "url_path", "translation_key", "locale__language_code")
    )
    versions = {}
    for version in candidates:
        url = version.get_url(request)
        if url is not None:
            versions[version.locale.language_code] = request.build_absolute_uri(url)
    return versions


def _restricted():
    """A view restriction on the page or on a page above it (it covers the subtree), asked inside
    the same query: no query of its own, whatever is cached."""
    covered = Substr(OuterRef("path"), 1, Length("page__path"))
    return Exists(PageViewRestriction.objects.annotate(covered=covered).filter(page__path=F("covered")))


def path_versions(request):
    """{language code: absolute URL} of a view that answers under every language prefix."""
    return {code: request.build_absolute_uri(translate_url(request.path, code)) for code in language_codes()}


def versions_for(request, page=None, *, error=False):
    """{code: Version} for every language: the same page where it exists, else that language's home."""
    if error:
        found = {}  # an error page has no version anywhere: each language's home instead
    elif isinstance(page, Page):
        found = page_versions(request, page)
    elif _is_page_path(request):
        found = {}  # a page path that found no page (a 404): homes
    else:
        found = path_versions(request)
    return {
        code: Version(code, found[code], True)
        if code in found
        else Version(code, request.build_absolute_uri(home_url(code)), False)
        for code in language_codes()
    }


def _is_page_path(request):
    match = getattr(request, "resolver_match", None)
    return match is None or match.url_name == "wagtail_serve"


def languages_for(request, page=None, *, error=False):
    """The Languages of this request (computed once per request and page)."""
    key = (getattr(page, "pk", None), error)
    cached = getattr(request, _CACHE_ATTRIBUTE, None)
    if cached is not None and cached[0] == key:
        return cached[1]
    current = get_supported_content_language_variant(get_language())
    versions = versions_for(request, page, error=error)
    existing = [version for version in versions.values() if version.same_page]
    default = versions[settings.LANGUAGE_CODE]
    query = request.META.get("QUERY_STRING", "")
    switch = []
    for code, version in versions.items():
        if code == current:
            continue
        url = version.url
        # A view that is not a page keeps its question (a search stays the same search).
        if version.same_page and query and not isinstance(page, Page):
            url = f"{url}?{query}"
        switch.append(SwitchLink(code, hreflang(code), SWITCH_NAMES.get(code, code), url, version.same_page))
    # Alternates only where there is an alternative: a page in one language has none.
    alternates = [(hreflang(version.code), version.url) for version in existing] if len(existing) > 1 else []
    result = Languages(
        current=current,
        alternates=alternates,
        x_default=default.url if alternates and default.same_page else "",
        switch=switch,
    )
    setattr(request, _CACHE_ATTRIBUTE, (key, result))
    return result
