"""Nothing that has not passed all three stages appears in any public place.

Works are created in every state a submission can be in; every public surface that exists is
read. A new public channel (feeds, API, exports …) adds itself to SURFACES.
"""

import io
import zipfile

import pytest
from pypdf import PdfReader

from django.urls import reverse

from wagtail.models import WorkflowState

from channels.models import Delivery
from review import decisions
from review.models import Stage
from tests import factories

from .conftest import current_state
from .scenario import CHECKLIST, OPINION

pytestmark = pytest.mark.django_db

MARKER = "机密草稿标记"  # every unpublished work carries this word in its title and text


def surfaces(cast):
    topic = cast["topic"]
    return {
        "home": cast["home"].url,
        "works index": cast["works"].url,
        "works index filtered": cast["works"].url + "?audience=elderly&discipline=safety",
        "audience column": topic.url,
        "related works": cast["public_work"].url,
        "search": "/zh-hans/search/?q=" + MARKER,
        "search by facets": "/zh-hans/search/?audience=elderly&discipline=safety",
        "search suggestions": "/zh-hans/search/suggest/?q=" + MARKER[:2],
        "search API": "/zh-hans/search/api/?q=" + MARKER,
        "sitemap": "/sitemap.xml",
        "feed (RSS)": "/zh-hans/feeds/works.rss",
        "feed (Atom)": "/zh-hans/feeds/works.atom",
        "audience feed": "/zh-hans/feeds/audience/elderly.rss",
        "news feed": "/zh-hans/feeds/news.atom",
        "API works": "/api/v1/works/",
        "API works filtered": "/api/v1/works/?audience=elderly&discipline=safety",
        "API news": "/api/v1/news/",
    }


def unpublished_work(cast, label):
    return factories.make_work(
        cast["works"],
        f"{MARKER}:{label}",
        disciplines=["safety"],
        audiences=["elderly"],
        publish=False,
        owner=cast["creator"],
        summary=f"{MARKER} {label}",
    )


@pytest.fixture
def every_state(cast):
    cast["topic"] = factories.make_topic(cast["home"], "elderly")
    cast["public_work"] = factories.make_work(
        cast["works"], "已发布的一氧化碳作品", disciplines=["safety"], audiences=["elderly"]
    )
    workflow, states = cast["workflow"], {}
    states["draft"] = unpublished_work(cast, "草稿")
    for stage in Stage:
        work = unpublished_work(cast, f"审核中-{stage.value}")
        workflow.start(work, cast["creator"])
        if stage != Stage.EDITORIAL:
            decisions.act(current_state(work), cast["editor2"], "approve", comment="初审通过", **CHECKLIST)
            decisions.assign_experts(
                current_state(work),
                cast["editor2"],
                [cast["experts"]["expert_a"], cast["experts"]["expert_b"]],
            )
        if stage == Stage.FINAL:
            decisions.record_opinion(current_state(work), cast["expert_a"], **OPINION)
            decisions.record_opinion(current_state(work), cast["expert_b"], **OPINION)
        states[f"in review: {stage.label}"] = work
    sent_back = unpublished_work(cast, "退回修改")
    workflow.start(sent_back, cast["creator"])
    decisions.act(current_state(sent_back), cast["editor"], "reject", comment="请补充参考文献")
    states["sent back"] = sent_back
    rejected = unpublished_work(cast, "专家否决")
    workflow.start(rejected, cast["creator"])
    decisions.act(current_state(rejected), cast["editor2"], "approve", comment="初审通过", **CHECKLIST)
    decisions.assign_experts(current_state(rejected), cast["editor2"], [cast["experts"]["expert_a"]])
    decisions.record_opinion(
        current_state(rejected),
        cast["expert_a"],
        **{**OPINION, "verdict": "reject", "comments_for_creator": "伪科学"},
    )
    states["rejected by an expert"] = rejected
    withdrawn = unpublished_work(cast, "作者撤回")
    workflow.start(withdrawn, cast["creator"])
    WorkflowState.objects.get(object_id=str(withdrawn.pk)).cancel(user=cast["creator"])
    states["withdrawn"] = withdrawn
    # A published work whose new, unreviewed revision is waiting in review.
    edited = cast["public_work"]
    edited.title = f"{MARKER}:已发布作品的新版本"
    edited.save_revision(user=cast["creator"])
    workflow.start(edited, cast["creator"])
    states["new revision of a live work"] = edited
    return states


def test_no_unpublished_state_reaches_any_public_surface(client, cast, every_state):
    assert len(every_state) == 8
    for name, url in surfaces(cast).items():
        response = client.get(url)
        assert response.status_code == 200, name
        content = response.content.decode()
        if name == "search":  # the page repeats the reader's query; the results must be empty
            assert response.context["result"].total == 0
            content = content.replace(MARKER, "")
        if name == "search API":
            assert response.json()["total"] == 0
            content = content.replace(f'"query": "{MARKER}"', "")
        assert MARKER not in content, name
        for state, work in every_state.items():
            if state != "new revision of a live work":
                assert f"/{work.slug}/" not in content, (name, state)


def work_urls(work):
    """Every per-work URL of every channel: the page, its API entry, its leaflets."""
    return [
        f"/zh-hans/works/{work.slug}/",
        f"/api/v1/works/{work.pk}/",
        f"/zh-hans/leaflets/{work.pk}/a4.pdf",
        f"/zh-hans/leaflets/{work.pk}/a5.pdf",
    ]


def test_unpublished_urls_answer_404(client, every_state):
    for state, work in every_state.items():
        for url in work_urls(work):
            response = client.get(url)
            if state == "new revision of a live work":
                assert response.status_code == 200, url
                assert MARKER.encode() not in response.content, url
            else:
                assert response.status_code == 404, (state, url)


def test_no_unpublished_state_reaches_the_admin_exports(client, cast, every_state):
    """The WeChat package and the printed leaflet carry the live work only, even for its editor."""
    client.force_login(cast["editor"])
    for state, work in every_state.items():
        preview = client.get(reverse("channels_admin:wechat_export", args=[work.pk]))
        package = client.post(reverse("channels_admin:wechat_download", args=[work.pk]))
        leaflet = client.post(reverse("channels_admin:leaflet", args=[work.pk]), {"size": "A4"})
        if state != "new revision of a live work":
            assert (preview.status_code, package.status_code, leaflet.status_code) == (404, 404, 404), state
            continue
        assert MARKER not in preview.content.decode()
        with zipfile.ZipFile(io.BytesIO(package.content)) as archive:
            assert not [
                name for name in archive.namelist() if MARKER in archive.read(name).decode("utf-8", "replace")
            ]
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(leaflet.content)).pages)
        assert "一氧化碳" in text and MARKER not in text
    assert not Delivery.objects.exclude(page=cast["public_work"]).exists()


def test_previews_open_only_for_the_people_reviewing(client, cast, every_state):
    work = every_state[f"in review: {Stage.EXPERT.label}"]
    preview = reverse("wagtailadmin_pages:view_draft", args=[work.pk])
    expectations = {
        "expert_a": 200,  # assigned
        "editor": 200,  # coordinates the stage
        "expert_c": "refused",  # not assigned to this work
        "conflicted": "refused",
        "other_creator": "refused",
        "chief": "refused",  # not their stage yet
    }
    for username, expected in expectations.items():
        client.force_login(cast[username])
        response = client.get(preview)
        if expected == 200:
            assert response.status_code == 200, username
            assert MARKER in response.content.decode()
        else:
            assert response.status_code in (302, 403), username
            assert MARKER not in response.content.decode()
    client.logout()
    assert client.get(preview).status_code == 302
