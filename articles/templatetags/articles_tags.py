"""Presentation helpers for science works: schema.org structured data, the language of a cited title."""

import json
import re

from django import template
from django.utils.safestring import mark_safe

from articles.models.pages import body_text
from media import renditions

register = template.Library()

# Characters that could close the <script> element or open markup inside it.
_SCRIPT_SAFE = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")


@register.filter
def foreign_lang(text):
    """`lang="en"` for a cited title, author or publisher written in Latin letters with no Chinese
    (so screen readers pronounce it as English), else nothing."""
    text = str(text or "")
    return mark_safe(' lang="en"') if _LATIN.search(text) and not _CJK.search(text) else ""


@register.simple_tag(takes_context=True)
def article_json_ld(context, page, disciplines=(), audiences=()):
    """A schema.org Article description of `page`, as a JSON-LD script element."""
    request = context["request"]
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": page.title[:110],
        "description": page.summary,
        "inLanguage": "zh-Hans",
        "url": page.get_full_url(request),
        "author": {"@type": "Person", "name": page.creator_name},
        "publisher": {"@type": "Organization", "name": context.get("site_name", "")},
        "wordCount": len(body_text(page.body).replace(" ", "")),
        "timeRequired": f"PT{page.reading_minutes}M",
    }
    if page.creator_affiliation:
        data["author"]["affiliation"] = {"@type": "Organization", "name": page.creator_affiliation}
    if page.first_published_at:
        data["datePublished"] = page.first_published_at.isoformat()
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    if disciplines:
        data["about"] = [d.name for d in disciplines]
    if audiences:
        data["audience"] = [{"@type": "Audience", "audienceType": a.name} for a in audiences]
    # The share rendition, if made (a reader's request makes none: media/renditions.py).
    if page.cover_image_id and (found := renditions.existing(page.cover_image, [renditions.SHARE])):
        data["image"] = request.build_absolute_uri(found[renditions.SHARE].url)
    payload = json.dumps(data, ensure_ascii=False).translate(_SCRIPT_SAFE)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308 - escaped above
