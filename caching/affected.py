"""Which URLs show a page: what a publish, unpublish, move, slug change, correction, retraction or
view-restriction change of that page must purge.

For a science work: the work in every language; its index and the index's first page under each of
the work's own filter terms (?discipline= for its disciplines and their parents, ?audience=,
?region= for its regions, their league and the whole region, ?form=); home in every language; the
audience columns of its audiences (and their first pages under its terms); the works that may show it
among their related works (siblings sharing a discipline or an audience, the most recent
PORTAL_PURGE_RELATED_LIMIT of them — bounded, the rest expire with their s-maxage); the API's detail
and first list page; the feeds (all works, its audiences, its leagues) in every language; the
sitemap; its leaflets. For a news item the same without filters, columns and related works. For an
event (outreach): the event in every language, the events index (its first page under each of the
event's terms; the month calendars are combined queries, kept briefly), home and the audience columns (近期活动),
its venue's page, the .ics feeds, its poster, the API's event detail and list, the sitemap. For a
venue: the venue, the directory (and under its type and league), the sitemap. Any other
page: itself, its parent, home and the sitemap. Each URL is purged in both reader modes
(caching.backends, caching.pagecache).
"""

from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.db.models import Q

from wagtail.models import Page

from articles.models import ArticlePage, NewsPage, Region, TopicPage
from outreach.events.models import EventPage
from outreach.venues.models import VenuePage

from .conf import setting

FEED_FORMATS = ("rss", "atom")
LEAFLET_SIZES = ("a4", "a5")


def languages():
    return [code for code, _name in settings.LANGUAGES]


def _root_and_path(page):
    """(site root URL, the page's path) — or None for a page with no routable URL."""
    parts = page.get_url_parts()
    if parts is None:
        return None
    _site_id, root_url, page_path = parts
    return root_url, page_path


def page_urls(page):
    """The page's own URLs: every cached path Wagtail declares for it (get_cached_paths)."""
    found = _root_and_path(page)
    if found is None:
        return []
    root_url, page_path = found
    return [
        root_url + page_path.rstrip("/") + "/" + path.lstrip("/")
        for path in page.specific_deferred.get_cached_paths()
    ]


def _with_query(urls, params):
    return [f"{url}?{urlencode([param])}" for url in urls for param in params]


def _discipline_codes(disciplines):
    codes = []
    for discipline in disciplines:
        while discipline is not None:
            codes.append(discipline.code)
            discipline = discipline.parent
    return codes


def _regions(regions):
    found = set()
    for region in regions:
        found.add(region)
        if region.parent_id:
            found.add(region.league)
    found |= set(Region.objects.filter(level=Region.Level.REGION))  # the whole autonomous region
    return found


def work_terms(work):
    """[(filter name, value)] of a work's own terms, and its audience ids and league codes."""
    disciplines = list(work.disciplines.select_related("parent__parent"))
    audiences = list(work.audiences.all())
    regions = _regions(work.regions.select_related("parent"))
    params = [("discipline", code) for code in dict.fromkeys(_discipline_codes(disciplines))]
    params += [("audience", a.code) for a in audiences]
    params += [("region", r.code) for r in sorted(regions, key=lambda r: r.code)]
    params.append(("form", work.form))
    leagues = sorted({r.code for r in regions if r.level == Region.Level.LEAGUE})
    return params, audiences, leagues


def _translations(page):
    return list(page.get_translations(inclusive=True).specific())


def _homes(page):
    """Home pages in every language: the site root and its translations."""
    site = page.get_site()
    if site is None:
        return []
    return _translations(site.root_page)


def _site_root(page):
    found = _root_and_path(page)
    return found[0] if found else None


def _site_wide(root_url, kinds, audiences=(), leagues=()):
    """Feeds, sitemap and API list pages of a site."""
    urls = [f"{root_url}/sitemap.xml"]
    for language in languages():
        urls.append(f"{root_url}/{language}/")  # home, whether or not it is translated yet
        feeds = f"{root_url}/{language}/feeds/"
        for fmt in FEED_FORMATS:
            urls += [f"{feeds}{kind}.{fmt}" for kind in kinds]
            urls += [f"{feeds}audience/{a.code}.{fmt}" for a in audiences]
            urls += [f"{feeds}region/{code}.{fmt}" for code in leagues]
    urls += [f"{root_url}/api/v1/{kind}/" for kind in kinds]
    return urls


def related_showing(work, audiences, limit=None):
    """Works that may list `work` among their related works: its live siblings sharing a discipline
    or an audience, the most recent `limit` of them."""
    limit = setting("PORTAL_PURGE_RELATED_LIMIT") if limit is None else limit
    discipline_ids = list(work.disciplines.values_list("pk", flat=True))
    audience_ids = [a.pk for a in audiences]
    if not (discipline_ids or audience_ids) or limit <= 0:
        return []
    shared = Q(disciplines__in=discipline_ids) | Q(audiences__in=audience_ids)
    ids = (
        ArticlePage.objects.sibling_of(work, inclusive=False)
        .live()
        .filter(shared)
        .values_list("pk", flat=True)
        .order_by("-first_published_at")
    )
    ids = list(dict.fromkeys(ids[: limit * 4]))[:limit]
    return list(ArticlePage.objects.filter(pk__in=ids))


def for_work(work):
    urls = []
    params, audiences, leagues = work_terms(work)
    translations = _translations(work)
    for translation in translations:
        urls += page_urls(translation)
        parent = translation.get_parent()
        index_urls = page_urls(parent)
        urls += index_urls + _with_query(index_urls, params)
        root_url = _site_root(translation)
        if root_url:
            for size in LEAFLET_SIZES:
                urls += [
                    f"{root_url}/{language}/leaflets/{translation.pk}/{size}.pdf" for language in languages()
                ]
            urls.append(f"{root_url}/api/v1/works/{translation.pk}/")
    for home in _homes(work):
        urls += page_urls(home)
    topic_params = [p for p in params if p[0] != "audience"]
    for topic in TopicPage.objects.filter(audience__in=[a.pk for a in audiences]):
        topic_urls = page_urls(topic)
        urls += topic_urls + _with_query(topic_urls, topic_params)
    for related in related_showing(work, audiences):
        urls += page_urls(related)
    root_url = _site_root(work)
    if root_url:
        urls += _site_wide(root_url, ["works"], audiences, leagues)
    return urls


def for_news(news):
    urls = []
    for translation in _translations(news):
        urls += page_urls(translation) + page_urls(translation.get_parent())
        root_url = _site_root(translation)
        if root_url:
            urls.append(f"{root_url}/api/v1/news/{translation.pk}/")
    for home in _homes(news):
        urls += page_urls(home)
    root_url = _site_root(news)
    if root_url:
        urls += _site_wide(root_url, ["news"])
    return urls


def for_event(event):
    urls = []
    audiences = list(event.audiences.all())
    regions = _regions(event.regions.select_related("parent"))
    params = [("audience", a.code) for a in audiences]
    params += [("region", r.code) for r in sorted(regions, key=lambda r: r.code)]
    if event.campaign_id:
        params.append(("campaign", event.campaign.code))
    for translation in _translations(event):
        urls += page_urls(translation)
        index_urls = page_urls(translation.get_parent())
        urls += index_urls + _with_query(index_urls, params)
        if (venue_id := getattr(translation, "venue_id", None)) is not None:
            venue = VenuePage.objects.filter(pk=venue_id).first()
            if venue is not None:
                urls += page_urls(venue)
        root_url = _site_root(translation)
        if root_url:
            for language in languages():
                urls.append(f"{root_url}/{language}/")  # home's 近期活动, whether or not it is translated yet
                outreach = f"{root_url}/{language}/outreach/events/"
                urls += [f"{outreach}calendar.ics", f"{outreach}{translation.pk}.ics"]
                urls.append(f"{outreach}{translation.pk}/poster.pdf")
            urls.append(f"{root_url}/api/v1/events/{translation.pk}/")
    for home in _homes(event):
        urls += page_urls(home)
    for topic in TopicPage.objects.filter(audience__in=[a.pk for a in audiences]):
        urls += page_urls(topic)
    root_url = _site_root(event)
    if root_url:
        urls += [f"{root_url}/sitemap.xml", f"{root_url}/api/v1/events/"]
    return urls


def for_venue(venue):
    urls = []
    params = [("type", venue.venue_type)]
    if venue.region_id:
        params.append(("league", venue.region.league.code))
    for translation in _translations(venue):
        urls += page_urls(translation)
        index_urls = page_urls(translation.get_parent())
        urls += index_urls + _with_query(index_urls, params)
    root_url = _site_root(venue)
    if root_url:
        urls.append(f"{root_url}/sitemap.xml")
    return urls


def for_other(page):
    urls = []
    for translation in _translations(page):
        urls += page_urls(translation)
        parent = translation.get_parent()
        if parent is not None and not parent.is_root():
            urls += page_urls(parent)
    for home in _homes(page):
        urls += page_urls(home)
    root_url = _site_root(page)
    if root_url:
        urls.append(f"{root_url}/sitemap.xml")
    return urls


def urls_for(page):
    """Every URL that shows `page`, without repeats, in a stable order."""
    page = page.specific_deferred
    if isinstance(page, ArticlePage):
        urls = for_work(page)
    elif isinstance(page, NewsPage):
        urls = for_news(page)
    elif isinstance(page, EventPage):
        urls = for_event(page)
    elif isinstance(page, VenuePage):
        urls = for_venue(page)
    else:
        urls = for_other(page)
    return list(dict.fromkeys(url for url in urls if urlsplit(url).netloc))


def ended_events(since, until):
    """Live events that ended in (since, until]: the time, not a publish, moved them from the
    upcoming lists to the past ones (`manage.py purge_ended_events` purges them)."""
    return list(EventPage.objects.live().filter(end__gt=since, end__lte=until).specific())


def urls_for_subtree(page, limit=500):
    """A view restriction on `page` hides it and everything under it: each of those (at most
    `limit` works and news items, the most recent first) and the page itself."""
    urls = urls_for(page)
    below = (
        Page.objects.descendant_of(page)
        .type(ArticlePage, NewsPage, EventPage, VenuePage)
        .order_by("-first_published_at")
        .specific()[:limit]
    )
    for descendant in below:
        urls += urls_for(descendant)
    return list(dict.fromkeys(urls))


def root_urls(page):
    """Home pages, in every language, of the site `page` belongs to (a move purges both ends)."""
    urls = []
    for home in _homes(page):
        urls += page_urls(home)
    return urls


def strip_host(url):
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")
