"""The review report, the audit trail and its CSV export (append-only, formula-safe)."""

import csv
import io

import pytest

from django.core.exceptions import PermissionDenied
from django.urls import reverse

from review.models import ReviewAction, Stage
from review.tests.scenario import advance_to

pytestmark = pytest.mark.django_db


def test_report_counts_stages_and_opinions(client, cast):
    advance_to(cast, Stage.FINAL)
    client.force_login(cast["editor"])
    response = client.get(reverse("review:report"))
    assert response.status_code == 200
    stages = {row["stage"]: row for row in response.context["stages"]}
    assert stages[Stage.FINAL]["in_progress"] == 1
    assert stages[Stage.EDITORIAL]["finished"] == 1
    assert stages[Stage.EDITORIAL]["median_hours"] is not None
    experts = {e.name: e for e in response.context["experts"]}
    assert experts["expert_a"].approved == 1 and experts["expert_b"].opinions_total == 1


def test_report_and_trail_are_for_editors_only(client, cast):
    advance_to(cast, Stage.EDITORIAL)
    client.force_login(cast["expert_a"])
    for url in (reverse("review:report"), reverse("review:timeline", args=[cast["work"].pk])):
        response = client.get(url)
        assert response.status_code in (302, 403)


def test_trail_exports_csv_with_every_action_and_neutralised_formulas(client, cast):
    state = advance_to(cast, Stage.EXPERT)
    from review import decisions

    decisions.log(state, cast["editor"], "note", '=HYPERLINK("http://evil")')
    client.force_login(cast["chief"])
    page = client.get(reverse("review:timeline", args=[cast["work"].pk]))
    assert page.status_code == 200
    response = client.get(reverse("review:timeline_csv", args=[cast["work"].pk]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    actions = [row[2] for row in rows[1:]]
    assert actions[:2] == ["approve", "assign"]
    assert rows[-1][5].startswith("'=")


def test_audit_log_cannot_be_edited_or_deleted(cast):
    advance_to(cast, Stage.EXPERT)
    action = ReviewAction.objects.first()
    action.comment = "改写历史"
    with pytest.raises(PermissionDenied):
        action.save()
    with pytest.raises(PermissionDenied):
        action.delete()
    with pytest.raises(PermissionDenied):
        ReviewAction.objects.all().delete()
    with pytest.raises(PermissionDenied):
        ReviewAction.objects.update(comment="x")


def test_the_trail_shows_payloads_as_text(client, cast):
    """What reviewers typed (and the work's title) reaches the trail as text: the XSS corpus, half in
    one comment and half in another, leaves no executable construct beyond the page's own."""
    from articles.models import ArticlePage
    from creators.tests.test_sanitize import PAYLOADS
    from creators.tests.test_xss import executable_constructs
    from review import decisions
    from review.tests.conftest import current_state

    state = advance_to(cast, Stage.FINAL)
    client.force_login(cast["editor"])
    url = reverse("review:timeline", args=[cast["work"].pk])
    baseline = executable_constructs(client.get(url).content.decode())
    half = len(PAYLOADS) // 2
    decisions.log(state, cast["chief"], "remind", "\n".join(PAYLOADS[:half]))
    decisions.act(current_state(cast["work"]), cast["chief"], "reject", comment="\n".join(PAYLOADS[half:]))
    ArticlePage.objects.filter(pk=cast["work"].pk).update(title=PAYLOADS[0][:255])  # a draft: not live
    response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["actions"]) >= 6
    assert executable_constructs(response.content.decode()) == baseline
