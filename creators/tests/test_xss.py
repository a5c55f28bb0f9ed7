"""The XSS corpus through the submission form, into every field, and then every view that shows a
creator's work: their own 我的作品, review page and edit form, the admin's edit view, and the
preview. What is stored must hold only the allowed tags. Each view must carry exactly the executable constructs it carries for a harmless work —
the page's own scripts, nothing from the payloads."""

import re
from collections import Counter

import pytest
from bs4 import BeautifulSoup

from django.urls import reverse

from .creators import form_data, submitted
from .test_sanitize import PAYLOADS, assert_inert

pytestmark = pytest.mark.django_db

CHUNK = 60  # payloads per submitted work: the body takes them all, each text field one
DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "svg", "math", "base", "frame", "frameset"}
# As a browser's URL parser reads a scheme: ASCII letters only, any case (so "javaſcript:" or an
# NBSP before "javascript:" is a harmless relative link), ASCII tabs, newlines and spaces removed.
SCRIPTABLE_URL = re.compile(r"^(javascript|vbscript|data):", re.IGNORECASE | re.ASCII)
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]+")


def executable_constructs(html):
    """What could run in `html`: dangerous elements, event handlers, scriptable URLs."""
    found = Counter()
    for tag in BeautifulSoup(html, "html.parser").find_all(True):
        if tag.name in DANGEROUS_TAGS:
            found[f"<{tag.name} src={tag.get('src', '')}>"] += 1
        for name, value in tag.attrs.items():
            if name.lower().startswith("on"):
                found[f"{tag.name}[{name}]"] += 1
            url = _IGNORED_IN_SCHEME.sub("", str(value))
            if name.lower() in ("href", "src", "action", "formaction", "xlink:href", "srcdoc") and (
                SCRIPTABLE_URL.match(url)
            ):
                found[f"{tag.name}[{name}={url[:20]}]"] += 1
    return found


def views(client, cast, work):
    """Every place a creator's work is shown before publication, and who sees it."""
    client.force_login(cast["creator"])
    yield "我的作品", client.get(reverse("creators:my_works"))
    yield "review page", client.get(reverse("creators:work_review", args=[work.pk]))
    yield "edit form", client.get(reverse("creators:edit_work", args=[work.pk]))
    client.force_login(cast["root"])
    yield "admin edit view", client.get(reverse("wagtailadmin_pages:edit", args=[work.pk]))
    yield "preview", client.get(reverse("wagtailadmin_pages:view_draft", args=[work.pk]))


def submit(portal, cast, chunk):
    data = form_data(
        cast,
        title=chunk[0][:100],
        summary=chunk[1 % len(chunk)][:300],
        body="\n".join(chunk),
        references=f"{chunk[2 % len(chunk)][:200].replace(chr(10), ' ')} | 出版者 | 2020",
        conflicts=chunk[3 % len(chunk)][:1000],
        save="1",  # a draft: every view below, the edit form included, opens it
    )
    response = portal.post(reverse("creators:new_work"), data)
    assert response.status_code in (200, 302)
    return response


def test_every_payload_through_the_form_stays_text_in_every_view(portal, cast, settings):
    settings.PORTAL_CREATOR_WORKS_PER_DAY = 1000
    portal.post(reverse("creators:new_work"), {**form_data(cast), "save": "1"})
    harmless = submitted(cast)
    baseline = {name: executable_constructs(r.content.decode()) for name, r in views(portal, cast, harmless)}
    harmless.delete()
    tried = 0
    for start in range(0, len(PAYLOADS), CHUNK):
        chunk = PAYLOADS[start : start + CHUNK]
        portal.force_login(cast["creator"])
        response = submit(portal, cast, chunk)
        if response.status_code == 200:  # refused with a message (e.g. a title the form rejects)
            assert executable_constructs(response.content.decode()) == baseline["edit form"]
            continue
        work = submitted(cast)
        stored = work.get_latest_revision_as_object().body
        for block in stored.raw_data:  # what is stored: only the allowed tags, inert
            if block["type"] == "paragraph":
                assert_inert(block["value"])
        for name, page in views(portal, cast, work):
            assert page.status_code == 200, name
            assert executable_constructs(page.content.decode()) == baseline[name], (name, start)
        tried += len(chunk)
        work.delete()
    assert tried >= 300
