"""The correction case: report, verification by an expert, and the editor's outcome.

A correction publishes the live revision plus a dated notice (the notice is all that changes, and an
expert has verified it); a retraction unpublishes the work and its URL answers 410 with the reason.
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.actions.unpublish_page import UnpublishPageAction

from review import clearance, notifications, rules
from review.models import CaseOrigin, CaseStatus, ClearanceKind, CorrectionCase
from review.models.records import ReviewAction


def may_handle(user):
    """Editors (and chief editors) triage and decide cases."""
    return user.is_authenticated and user.has_perm("review.change_correctioncase")


def _log(case, user, action, comment="", data=None):
    ReviewAction.objects.create(
        page_id=case.page_id,
        page_title=str(case.page.title)[:255],
        stage="correction",
        revision_id=case.revision_id,
        user=user,
        action=action,
        comment=comment,
        data={"case": case.pk, **(data or {})},
    )


FAST_TRACK_FOLLOW_UP = datetime.timedelta(hours=72)


def open_follow_up(work, revision, reviewers):
    """应急科普: published on one expert's word, so a second expert must review within 72 hours."""
    case = CorrectionCase.objects.create(
        origin=CaseOrigin.FAST_TRACK,
        page=work,
        revision=revision,
        due_at=timezone.now() + FAST_TRACK_FOLLOW_UP,
        problem=_("应急快速通道发布，须在 72 小时内由第二位专家复核（首位审核专家：%(names)s）。")
        % {"names": "、".join(r["name"] for r in reviewers)},
    )
    _log(case, None, "follow-up-opened")
    notifications.correction_reported(case)
    return case


def _record_follow_up(case, work):
    """A confirmed-correct follow-up adds the second expert to the work's credit line."""
    credit = dict(work.review_credit or {})
    reviewers = list(credit.get("reviewers", []))
    expert = case.verifier
    reviewers.append(
        {"name": expert.name, "title": expert.title, "affiliation": expert.affiliation, "follow_up": True}
    )
    credit.update(reviewers=reviewers, followed_up=timezone.localdate().isoformat())
    type(work).objects.filter(pk=work.pk).update(review_credit=credit)


def file_report(page, *, problem, location="", evidence="", reporter_name="", reporter_email=""):
    case = CorrectionCase.objects.create(
        page=page,
        revision_id=page.live_revision_id,
        problem=problem,
        location=location,
        evidence=evidence,
        reporter_name=reporter_name,
        reporter_email=reporter_email,
    )
    _log(case, None, "report", problem[:500])
    notifications.correction_reported(case)
    return case


@transaction.atomic
def assign_verifier(case, user, profile):
    case = CorrectionCase.objects.select_for_update().get(pk=case.pk)
    if not may_handle(user):
        raise PermissionDenied(_("只有编辑可以分派纠错核实。"))
    if not case.is_open:
        raise PermissionDenied(_("该纠错报告已处理完毕。"))
    work = case.page.specific
    if profile.user_id == getattr(rules.creator_of(work), "pk", None):
        raise PermissionDenied(_("不能请作者本人核实。"))
    if conflict := rules.expert_conflict(profile, work):
        raise PermissionDenied(conflict)
    case.verifier, case.status = profile, CaseStatus.VERIFYING
    case.save(update_fields=["verifier", "status"])
    _log(case, user, "assign-verifier", data={"expert": profile.name})
    notifications.correction_to_verify(case)
    return case


@transaction.atomic
def record_finding(case, user, *, confirmed, finding):
    case = CorrectionCase.objects.select_for_update().get(pk=case.pk)
    if case.status != CaseStatus.VERIFYING or case.verifier is None or case.verifier.user_id != user.pk:
        raise PermissionDenied(_("您不是这份纠错报告的核实专家。"))
    case.confirmed, case.finding, case.status = confirmed, finding, CaseStatus.VERIFIED
    case.save(update_fields=["confirmed", "finding", "status"])
    _log(case, user, "verify", finding, {"confirmed": confirmed})
    return case


@transaction.atomic
def decide(case, user, outcome, public_note):
    """outcome: corrected, retracted or dismissed. Corrections and retractions need an expert's confirmation."""
    case = CorrectionCase.objects.select_for_update().get(pk=case.pk)
    if not may_handle(user):
        raise PermissionDenied(_("只有编辑可以决定纠错结果。"))
    if not case.is_open:
        raise PermissionDenied(_("该纠错报告已处理完毕。"))
    if not public_note.strip():
        raise PermissionDenied(_("请写明公开说明。"))
    if outcome in (CaseStatus.CORRECTED, CaseStatus.RETRACTED) and not (
        case.status == CaseStatus.VERIFIED and case.confirmed
    ):
        raise PermissionDenied(_("更正或撤稿前须由专家核实确认。"))
    work = case.page.specific
    if outcome == CaseStatus.DISMISSED and case.origin == CaseOrigin.FAST_TRACK:
        if not (case.status == CaseStatus.VERIFIED and case.confirmed is False):
            raise PermissionDenied(_("应急复核须由第二位专家核实无误后才能结案。"))
        _record_follow_up(case, work)
    if outcome == CaseStatus.CORRECTED:
        publish_correction(work, public_note, user)
    elif outcome == CaseStatus.RETRACTED:
        # Authorised by the verified case, not by the editor's page permissions.
        UnpublishPageAction(work, user=user).execute(skip_permission_checks=True)
        clearance.revoke(work.pk, _("撤稿：%(note)s") % {"note": public_note})
    elif outcome != CaseStatus.DISMISSED:
        raise PermissionDenied(_("未知的处理结果。"))
    case.status, case.public_note = outcome, public_note
    case.decided_by, case.decided_at = user, timezone.now()
    case.save(update_fields=["status", "public_note", "decided_by", "decided_at"])
    _log(case, user, outcome, public_note)
    if case.reporter_email:
        notifications.correction_outcome(case)
        case.reporter_notified_at = timezone.now()
        case.save(update_fields=["reporter_notified_at"])
    return case


def publish_correction(work, text, user):
    """Publish the live content again with one more dated notice; nothing else changes. The content
    it corrects may not go live again."""
    from articles.models import CorrectionNotice

    stored = type(work).objects.get(pk=work.pk)
    if problem := clearance.live_problem(stored):
        raise PermissionDenied(
            _("在线内容与三审许可不一致，不能在其上发布更正：%(problem)s") % {"problem": problem}
        )
    live = stored.live_revision.as_object()
    live.corrections.add(CorrectionNotice(date=timezone.localdate(), text=text))
    revision = live.save_revision(user=user, log_action=True)
    cleared = clearance.clear(revision, ClearanceKind.CORRECTION, note=text)
    clearance.revoke(work.pk, _("已由更正取代"), keep=cleared)
    revision.publish(user=user, skip_permission_checks=True)
    return revision


def retraction_of(page):
    return (
        CorrectionCase.objects.filter(page_id=page.pk, status=CaseStatus.RETRACTED)
        .order_by("-decided_at")
        .first()
    )


def case_admin_url(case):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("review:case", args=[case.pk])
