"""Security headers on every public page type of the demo, in both languages and the elder mode.

Each answer carries the Content Security Policy for its kind (HTML pages: enforced, with no nonce,
since public pages are cached whole; data: nothing runs; files: frame-ancestors only),
Permissions-Policy, Cross-Origin-Opener-Policy, Referrer-Policy, nosniff and X-Frame-Options; every
HTML page has no inline script, no <style>, no style="…" attribute and no on…= handler, so the
enforced policy takes nothing away from it. The admin's policy is report-only. HSTS and secure
cookies are production's: tests/test_deploy_check.py.
"""

import importlib
from html.parser import HTMLParser

import pytest

from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import clear_url_caches, reverse

from wagtail.models import Locale

from articles.models import ArticleIndexPage, ArticlePage, NewsIndexPage, NewsPage, TopicPage
from home.models import HomePage, StandardPage
from home.reader_modes import COOKIE, ELDER
from review import rules
from review.corrections import assign_verifier, decide, file_report, record_finding
from review.models import CaseStatus
from review.models.experts import ExpertProfile

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("loaded_demo")]

VIDEO_WORK = "earthquake-drop-cover-hold-on-video"
DEMO_WORK = "winter-heating-carbon-monoxide-poisoning-prevention"
# Data blocks a browser never runs: allowed inline.
DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}


def policy(header):
    """{directive: [sources]} of a Content-Security-Policy header."""
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


class _Inline(HTMLParser):
    """What in a page an enforced `script-src 'self'; style-src 'self'` would block."""

    def __init__(self):
        super().__init__()
        self.found = []
        self._script = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…> handler")
            if name == "style":
                self.found.append(f'<{tag} style="{value}">')
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value}>")
        if tag == "style":
            self.found.append("<style> element")
        if tag == "script" and "src" not in attributes:
            kind = (attributes.get("type") or "").lower()
            if kind not in DATA_SCRIPT_TYPES:
                self.found.append("inline <script>")
        if tag == "script" and "nonce" in attributes:
            self.found.append("<script nonce> on a public page")


def inline_code(html):
    parser = _Inline()
    parser.feed(html)
    return parser.found


def first_live(model, language="zh-hans", **filters):
    page = (
        model.objects.live()
        .public()
        .filter(locale__language_code=language, **filters)
        .order_by("path")
        .first()
    )
    assert page is not None, f"the demo has no live {model.__name__} in {language}"
    return page


def retract(work):
    """The real correction path: a reader's report, an expert's finding, an editor's retraction."""
    editor = get_user_model().objects.get(username="editor")
    expert = next(p for p in ExpertProfile.objects.order_by("pk") if not rules.expert_conflict(p, work))
    case = file_report(work, problem="文中数据有误。")
    case = assign_verifier(case, editor, expert)
    case = record_finding(case, expert.user, confirmed=True, finding="确有错误。")
    case = decide(case, editor, CaseStatus.RETRACTED, "关键数据来源无法核实，予以撤稿。")
    assert case.status == CaseStatus.RETRACTED


@pytest.fixture(scope="module")
def public_urls(loaded_demo, django_db_blocker):
    """{name: (url, expected status)} for every public page type, in each language the demo has it."""
    with django_db_blocker.unblock():
        urls = {}
        for language in ("zh-hans", "mn"):
            for name, model in (
                ("home", HomePage),
                ("works index", ArticleIndexPage),
                ("news index", NewsIndexPage),
                ("news page", NewsPage),
                ("audience column", TopicPage),
                ("standard page", StandardPage),
            ):
                if language == "zh-hans" or model.objects.filter(locale__language_code=language).exists():
                    urls[f"{name} {language}"] = (first_live(model, language).url, 200)
            urls[f"article {language}"] = (first_live(ArticlePage, language, slug=DEMO_WORK).url, 200)
        # The demo's Mongolian has the home page, the works and their index, and the policy section.
        assert {"home mn", "works index mn", "article mn"} <= set(urls)
        works = first_live(ArticleIndexPage).url
        urls["filtered works index"] = (f"{works}?audience=elderly", 200)
        urls["video work"] = (first_live(ArticlePage, slug=VIDEO_WORK).url, 200)
        urls["search"] = (reverse("search") + "?q=沙尘暴", 200)
        urls["search mn"] = ("/mn/search/?q=沙尘暴", 200)
        urls["404"] = ("/zh-hans/no-such-page/", 404)
        urls["404 mn"] = ("/mn/no-such-page/", 404)
        urls["creator login"] = (reverse("creators:login"), 200)
        urls["creator registration"] = (reverse("creators:register"), 200)
        urls["creator login mn"] = ("/mn/creators/login/", 200)
        urls["creator registration mn"] = ("/mn/creators/register/", 200)
    return urls


DATA_URLS = {
    "RSS feed": ("/zh-hans/feeds/works.rss", "application/rss+xml"),
    "Atom feed": ("/zh-hans/feeds/news.atom", "application/atom+xml"),
    "sitemap": ("/sitemap.xml", "application/xml"),
    "robots.txt": ("/robots.txt", "text/plain"),
    "API list": ("/api/v1/works/", "application/json"),
    "API root": ("/api/v1/", "application/json"),
}


def assert_common_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = response["Permissions-Policy"]
    assert "geolocation=(self)" in permissions
    for feature in ("camera", "microphone", "payment", "usb"):
        assert f"{feature}=()" in permissions


def assert_page_policy(response, where):
    assert "Content-Security-Policy-Report-Only" not in response, where
    csp = policy(response["Content-Security-Policy"])
    assert csp["default-src"] == ["'self'"], where
    # No nonce: a cached page would give every reader the same one.
    assert csp["script-src"] == ["'self'"], (where, csp["script-src"])
    assert csp["style-src"] == ["'self'"], where
    assert csp["img-src"] == ["'self'", "data:"], where
    assert csp["object-src"] == ["'none'"], where
    assert csp["base-uri"] == ["'none'"], where
    assert csp["frame-ancestors"] == ["'none'"], where
    assert csp["form-action"] == ["'self'"], where
    assert csp["report-uri"] == ["/csp-report/"], where
    assert response["X-Frame-Options"] == "DENY", where


@pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder"])
def test_every_public_page_type_has_the_headers_and_no_inline_code(client, public_urls, elder):
    if elder:
        client.cookies[COOKIE] = ELDER
    problems = []
    for name, (url, status) in public_urls.items():
        response = client.get(url)
        where = f"{name} {url}"
        assert response.status_code == status, (where, response.status_code)
        assert response["Content-Type"].startswith("text/html"), where
        assert_common_headers(response)
        assert_page_policy(response, where)
        html = response.content.decode()
        if elder:
            assert 'class="mode-elder"' in html or " mode-elder" in html, where
        problems += [f"{where}: {found}" for found in inline_code(html)]
    assert problems == []


def test_a_retracted_work_answers_410_with_the_same_headers(client):
    """The 410 page a retraction leaves at the work's address (the retraction is rolled back)."""
    work = (
        ArticlePage.objects.live()
        .public()
        .filter(locale=Locale.get_default())
        .exclude(slug__in=[VIDEO_WORK, DEMO_WORK])
        .order_by("-path")
        .first()
    )
    url = work.url
    retract(work)
    for elder in (False, True):
        if elder:
            client.cookies[COOKIE] = ELDER
        response = client.get(url)
        assert response.status_code == 410
        assert_common_headers(response)
        assert_page_policy(response, url)
        assert inline_code(response.content.decode()) == []


def test_a_page_served_from_the_page_cache_has_the_same_headers(client, public_urls, settings):
    """The page cache keeps a page with the headers made for it; a hit repeats them."""
    settings.PORTAL_PAGE_CACHE = True
    for name in ("home zh-hans", "article mn"):
        url, _status = public_urls[name]
        first, second = client.get(url), client.get(url)
        assert first.get("X-Page-Cache") != "hit" and second["X-Page-Cache"] == "hit", name
        for response in (first, second):
            assert_common_headers(response)
            assert_page_policy(response, url)
        assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_a_page_that_reads_its_nonce_is_never_cached(rf, settings):
    """Whichever page reads the nonce (an uncached creator page should be the only kind) is marked
    private, no-store: the page cache and nginx never keep it, so no nonce is served twice."""
    from django.http import HttpResponse

    from caching.middleware import CacheMiddleware
    from portal.csp import PortalCSPMiddleware

    settings.PORTAL_PAGE_CACHE = True
    used = CacheMiddleware(
        PortalCSPMiddleware(lambda r: HttpResponse(f'<script nonce="{r.csp_nonce}">1</script>'))
    )
    unused = CacheMiddleware(PortalCSPMiddleware(lambda r: HttpResponse("<p>1</p>")))
    answers = [used(rf.get("/zh-hans/nonce-test/")) for _ in range(2)]
    for response in answers:
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
        assert response.get("X-Page-Cache") != "hit"
    assert answers[0]["Content-Security-Policy"] != answers[1]["Content-Security-Policy"]
    # The same page without the nonce is public and cached.
    plain = [unused(rf.get("/zh-hans/plain-test/")) for _ in range(2)]
    assert plain[0]["Cache-Control"].startswith("public") and plain[1]["X-Page-Cache"] == "hit"


@pytest.mark.parametrize("name", sorted(DATA_URLS))
def test_feeds_sitemap_robots_and_api_get_a_policy_that_runs_nothing(client, name):
    url, content_type = DATA_URLS[name]
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    assert response["Content-Type"].startswith(content_type)
    assert_common_headers(response)
    assert policy(response["Content-Security-Policy"]) == {
        "default-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        "report-uri": ["/csp-report/"],
    }


def test_a_leaflet_pdf_may_be_shown_by_the_browser_but_not_framed(client):
    work = first_live(ArticlePage, slug=VIDEO_WORK)
    response = client.get(reverse("leaflets:leaflet", args=[work.pk, "a4"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert_common_headers(response)
    # Chrome draws a PDF through an <embed> that object-src 'none' would block (crbug.com/271452).
    assert policy(response["Content-Security-Policy"]) == {"frame-ancestors": ["'none'"]}


def test_the_creator_portal_is_enforced_and_its_work_form_runs_only_its_own_files(client):
    client.force_login(get_user_model().objects.get(username="creator"))
    for url in (reverse("creators:my_works"), reverse("creators:new_work"), reverse("creators:profile")):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_common_headers(response)
        csp = policy(response["Content-Security-Policy"])
        assert csp["object-src"] == ["'none'"] and csp["base-uri"] == ["'none'"], url
        assert csp["script-src"][0] == "'self'" and "'unsafe-inline'" not in csp["script-src"], url
        html = response.content.decode()
        assert inline_code(html) == [], url
    assert 'src="/static/creators/work_form.js"' in client.get(reverse("creators:new_work")).content.decode()


def test_a_page_that_uses_the_nonce_names_it_in_its_policy(rf):
    """The nonce is there for uncached pages that need an inline script: django-csp adds it to the
    header only when the page read it, and a fresh one each time."""
    from django.http import HttpResponse

    from portal.csp import PortalCSPMiddleware

    def view(request):
        return HttpResponse(f'<script nonce="{request.csp_nonce}">1</script>')

    middleware = PortalCSPMiddleware(view)
    nonces = set()
    for _ in range(2):
        request = rf.get("/zh-hans/creators/works/")
        response = middleware(request)
        script_src = policy(response["Content-Security-Policy"])["script-src"]
        assert script_src[0] == "'self'" and script_src[1].startswith("'nonce-")
        assert script_src[1][len("'nonce-") : -1] in response.content.decode()
        nonces.add(script_src[1])
    assert len(nonces) == 2


def test_the_wagtail_admin_reports_only(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response
    report_only = policy(response["Content-Security-Policy-Report-Only"])
    assert report_only["object-src"] == ["'none'"]
    assert report_only["frame-ancestors"] == ["'self'"]  # the editor's preview frames the page
    assert report_only["report-uri"] == ["/csp-report/"]
    assert_common_headers(response)


def test_the_inline_code_check_finds_what_the_policy_would_block():
    html = (
        '<script>alert(1)</script><script src="/static/a.js"></script>'
        '<script type="application/ld+json">{}</script><style>p{}</style>'
        '<p style="color:red" onclick="x()">x</p><a href="javascript:x()">y</a>'
    )
    assert inline_code(html) == [
        "inline <script>",
        "<style> element",
        '<p style="color:red">',
        "<p onclick=…> handler",
        "<a href=javascript:x()>",
    ]


# The Django admin ------------------------------------------------------------------------------


def _reload_urls():
    import portal.urls

    importlib.reload(portal.urls)
    clear_url_caches()


@pytest.fixture
def django_admin_on():
    with override_settings(PORTAL_DJANGO_ADMIN=True):
        _reload_urls()
        yield
    _reload_urls()


def test_the_django_admin_is_not_mounted_by_default(client, settings):
    assert settings.PORTAL_DJANGO_ADMIN is False
    for url in ("/django-admin/", "/django-admin/login/"):
        response = client.get(url)
        assert response.status_code == 404, url  # not a redirect to /zh-hans/django-admin/


def test_the_django_admin_is_mounted_when_the_setting_is_on(client, django_admin_on):
    response = client.get("/django-admin/login/")
    assert response.status_code == 200
    assert b'name="username"' in response.content
    assert "Content-Security-Policy-Report-Only" in response
    assert "Content-Security-Policy" not in response


def test_dev_settings_turn_the_django_admin_on_and_the_environment_can_turn_it_off():
    import subprocess
    import sys

    from django.conf import settings

    def value(**env):
        import os

        code = "import django; django.setup(); from django.conf import settings; print(settings.PORTAL_DJANGO_ADMIN)"
        environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.dev", **env}
        environment.pop("PORTAL_DJANGO_ADMIN", None) if not env else None
        run = subprocess.run(
            [sys.executable, "-c", code],
            cwd=settings.BASE_DIR,
            env=environment,
            capture_output=True,
            text=True,
        )
        assert run.returncode == 0, run.stderr
        return run.stdout.strip()

    assert value() == "True"
    assert value(PORTAL_DJANGO_ADMIN="0") == "False"
