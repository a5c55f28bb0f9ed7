"""The cast of a submission: a creator, editors, experts (one with a conflict), a chief editor."""

import pytest

from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from wagtail.models import GroupPagePermission

from articles.models import Discipline
from review.models import ExpertProfile
from review.setup import ensure_review_workflows
from tests import factories

PASSWORD = "pass-word-123"  # noqa: S105


def _user(username, *groups, superuser=False, **fields):
    user = factories.UserFactory(username=username, is_superuser=superuser, is_staff=superuser, **fields)
    for group in groups:
        user.groups.add(group)
    return user


def _expert(user, affiliation, *codes, name=None):
    profile = ExpertProfile.objects.create(
        user=user, name=name or user.username, title="研究员", affiliation=affiliation
    )
    profile.disciplines.set(Discipline.objects.filter(code__in=codes))
    return profile


@pytest.fixture
def cast(site_tree):
    return build_cast(site_tree)


def build_cast(site_tree):
    admin_access = Permission.objects.get(codename="access_admin")
    trail = Permission.objects.filter(codename__in=["view_reviewaction", "change_correctioncase"])
    groups = {name: Group.objects.create(name=name) for name in ("编辑", "专家", "总编", "作者")}
    for name in ("编辑", "专家", "总编"):
        groups[name].permissions.add(admin_access)
    for name in ("编辑", "总编"):
        groups[name].permissions.add(*trail)
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.create(
            group=groups["编辑"], page=site_tree["home"], permission=Permission.objects.get(codename=codename)
        )
    people = {
        "creator": _user("creator", groups["作者"]),
        "other_creator": _user("other_creator", groups["作者"]),
        "editor": _user("editor", groups["编辑"]),
        "editor2": _user("editor2", groups["编辑"]),
        "expert_a": _user("expert_a", groups["专家"]),
        "expert_b": _user("expert_b", groups["专家"]),
        "expert_c": _user("expert_c", groups["专家"]),
        "conflicted": _user("conflicted", groups["专家"]),
        "chief": _user("chief", groups["总编"]),
        "root": _user("root", superuser=True),
    }
    experts = {
        "expert_a": _expert(people["expert_a"], "内蒙古农业大学(测试)", "safety", "ecology"),
        "expert_b": _expert(people["expert_b"], "内蒙古医科大学(测试)", "safety"),
        "expert_c": _expert(people["expert_c"], "内蒙古大学(测试)", "safety"),
        # Same unit as the creator, written differently: still a conflict.
        "conflicted": _expert(people["conflicted"], " 呼和浩特市 应急科普工作室 ", "safety"),
    }
    workflow = ensure_review_workflows(
        editors=groups["编辑"], chief_editors=groups["总编"], sections=[site_tree["works"]]
    )
    work = factories.make_work(
        site_tree["works"],
        "冬季取暖防范一氧化碳中毒",
        disciplines=["safety"],
        audiences=["elderly"],
        publish=False,
        owner=people["creator"],
        creator_affiliation="呼和浩特市应急科普工作室",
    )
    return {
        **site_tree,
        **people,
        "people": people,
        "experts": experts,
        "groups": groups,
        "workflow": workflow,
        "work": work,
    }


def current_state(work):
    work.refresh_from_db()
    state = work.current_workflow_task_state
    return state.specific if state else None


def action_url(work, action, task_state):
    return reverse("wagtailadmin_pages:workflow_action", args=[work.pk, action, task_state.pk])


EDITORIAL_OK = {
    "complete": "on",
    "original": "on",
    "form_ok": "on",
    "compliant": "on",
    "comment": "完整、原创。",
}
OPINION_OK = {
    "verdict": "approve",
    "facts_accurate": "on",
    "sources_reliable": "on",
    "no_pseudoscience": "on",
    "suits_audience": "on",
    "security_cleared": "on",
    "comments_for_creator": "内容准确。",
    "confidential_comments": "",
}


@pytest.fixture
def admin_cast(cast):
    """The cast with the demo's admin rights: editors add and change pages, the chief editor may
    also publish (so Wagtail offers 发布 in the section), both manage pictures and files."""
    return grant_admin_rights(cast)


def grant_admin_rights(cast):
    from wagtail.models import Collection, GroupCollectionPermission

    publish = Permission.objects.get(content_type__app_label="wagtailcore", codename="publish_page")
    GroupPagePermission.objects.create(group=cast["groups"]["总编"], page=cast["home"], permission=publish)
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.create(
            group=cast["groups"]["总编"],
            page=cast["home"],
            permission=Permission.objects.get(codename=codename),
        )
    media = Permission.objects.filter(
        content_type__app_label__in=["wagtailimages", "wagtaildocs"],
        codename__in=["add_image", "change_image", "delete_image", "add_document", "change_document"],
    )
    for group in (cast["groups"]["编辑"], cast["groups"]["总编"]):
        for permission in media:
            GroupCollectionPermission.objects.create(
                group=group, collection=Collection.get_first_root_node(), permission=permission
            )
    return cast
