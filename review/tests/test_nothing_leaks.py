"""Nothing that has not passed all three stages appears in any public place.

Works are created in every state a submission can be in; every public surface that exists is
read. A new public channel (feeds, API, exports …) adds itself to SURFACES.
"""

import pytest

from django.urls import reverse

from wagtail.models import WorkflowState

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


def test_unpublished_urls_answer_404(client, every_state):
    for state, work in every_state.items():
        if state == "new revision of a live work":
            response = client.get(work.url)
            assert response.status_code == 200 and MARKER not in response.content.decode()
        else:
            assert client.get(f"/zh-hans/works/{work.slug}/").status_code == 404, state


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
