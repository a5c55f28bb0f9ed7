"""Every admin URL Wagtail (and this portal) registers, classified by whether it can change what a
reviewed page shows or whether it is live; and a driver for each one that can.

`test_admin_paths.py` fails on any admin URL, page action, bulk action or admin-API action that is
not classified here, and drives every driven one as each role on works in each state.
"""

import datetime
import json
import re

from django.urls import reverse
from django.utils import timezone

from wagtail.models import Locale

from articles.models import ArticlePage, Discipline
from tests import factories
from tests.admin_forms import page_form_data

from .conftest import EDITORIAL_OK, OPINION_OK

# Namespaces (or names) whose views cannot change what a reviewed page shows or whether it is live,
# and why. A new view in one of them is classified by its namespace; a namespace not listed here,
# or a name in PAGE_NAMESPACES below, needs a line of its own.
NOT_PAGE_CONTENT = {
    "wagtailusers_users": "accounts: who may do what, checked again by the rules at every act",
    "wagtailusers_groups": "groups and permissions: same",
    "wagtailsites": "which tree a host serves: only live (cleared) pages are ever served",
    "wagtaillocales": "content languages: a page of any locale is still a reviewed page",
    "wagtailredirects": "routing of old URLs, not page content",
    "wagtailsettings": "site settings (footer, ICP number): not reviewed content",
    "wagtailforms": "form submissions: the portal has no form pages",
    "wagtailembeds": "oEmbed lookups for the editor",
    "wagtailadmin_collections": "collections of media: a non-empty collection cannot be deleted",
    "wagtailadmin_reports": "reports: read only",
    "wagtailadmin_editing_sessions": "who else is editing: presence, not content",
    "wagtailimages_chooser": "picking a picture for a form: changes nothing until the page is saved",
    "wagtaildocs_chooser": "same, for files",
    "wagtailsnippetchoosers_articles_audience": "picking a snippet: same",
    "wagtailsnippetchoosers_articles_campaign": "same",
    "wagtailsnippetchoosers_articles_discipline": "same",
    "wagtailsnippetchoosers_articles_region": "same",
    "wagtailsnippetchoosers_review_expertprofile": "same",
    "wagtailsnippets_review_expertprofile": "the expert pool: eligibility is checked again at every act",
    "wagtailadmin_workflows": (
        "workflow configuration (superusers): publish_after_review still requires 初审, a quorum of "
        "experts (at least one) and 终审 on the very revision (test_guards: a workflow without experts)"
    ),
    "digest_subscribers": "e-mail digest subscribers: listed, inspected, deleted, never page content",
    "digest_deliveries": "a record of digests sent: read only",
    "channels_admin": "WeChat export, leaflet print and delivery log: they read a live work and add a log row; no page changes",
    "accounts_lockouts": "sign-in lockouts: listed and lifted by security administrators, never page content",
    "accounts_two_factor_reset": "another user's second factor reset by a security administrator: accounts, not content",
    "accounts_two_factor_setup": "one's own second factor",
    "accounts_two_factor_status": "one's own second factor",
    "accounts_two_factor_verify": "the second sign-in step",
    "review": "the portal's own review pages: every one asks review.rules (test_permission_matrix)",
    "wagtailadmin_api:documents": "read-only listing of files",
    "wagtailadmin_api:images": "read-only listing of pictures",
    "wagtailadmin_home": "dashboard",
    "wagtailadmin_login": "log in",
    "wagtailadmin_logout": "log out",
    "wagtailadmin_account": "own account settings",
    "wagtailadmin_password_reset": "own password",
    "wagtailadmin_password_reset_done": "own password",
    "wagtailadmin_password_reset_confirm": "own password",
    "wagtailadmin_password_reset_complete": "own password",
    "wagtailadmin_javascript_catalog": "translations for the admin's scripts",
    "wagtailadmin_sprite": "icons",
    "wagtailadmin_error_test": "a deliberate error page for testing",
    "wagtailadmin_dismissibles": "which hints a user dismissed",
    "wagtailadmin_tag_autocomplete": "tag suggestions",
    "wagtailadmin_tag_model_autocomplete": "tag suggestions",
    "wagtailadmin_block_preview": "preview of a block with sample content",
    "wagtailadmin_explore_root": "page listing",
    "wagtailadmin_explore": "page listing",
    "wagtailadmin_explore_results": "page listing",
    "wagtailadmin_choose_page": "page chooser",
    "wagtailadmin_choose_page_child": "page chooser",
    "wagtailadmin_choose_page_search": "page chooser",
    "wagtailadmin_choose_page_chosen_multiple": "page chooser",
    "wagtailadmin_choose_page_external_link": "link chooser",
    "wagtailadmin_choose_page_email_link": "link chooser",
    "wagtailadmin_choose_page_phone_link": "link chooser",
    "wagtailadmin_choose_page_anchor_link": "link chooser",
    "wagtailsnippets": "snippet index",
}


def _outreach_classifications():
    """Outreach's admin views are classified beside their code: each outreach app may hold
    tests/admin_paths.py with a NOT_PAGE_CONTENT dict of its own (same form as above)."""
    from importlib import import_module

    found = {}
    for app in ("venues", "events", "people", "dispatch", "records", "supervision"):
        try:
            module = import_module(f"outreach.{app}.tests.admin_paths")
        except ModuleNotFoundError as error:
            if error.name != f"outreach.{app}.tests.admin_paths":
                raise
            continue
        found.update(module.NOT_PAGE_CONTENT)
    return found


NOT_PAGE_CONTENT.update(_outreach_classifications())

# In these namespaces every view is classified by name: they act on pages or on what pages show.
PAGE_NAMESPACES = (
    "wagtailadmin_pages",
    "wagtailadmin_api:pages",
    "wagtail_bulk_action",
    "simple_translation",
    "wagtailimages",
    "wagtaildocs",
    "wagtailsnippets_articles_audience",
    "wagtailsnippets_articles_campaign",
    "wagtailsnippets_articles_discipline",
    "wagtailsnippets_articles_region",
)

READ_ONLY = {
    "wagtailadmin_pages:preview_on_add": "preview of an unsaved form, shown to the editor only",
    "wagtailadmin_pages:preview_on_edit": "same, for an edit",
    "wagtailadmin_pages:view_draft": "the draft, to those who may review it (test_nothing_leaks)",
    "wagtailadmin_pages:type_use": "listing",
    "wagtailadmin_pages:type_use_results": "listing",
    "wagtailadmin_pages:choose_parent": "choosing where to add a page",
    "wagtailadmin_pages:usage": "listing",
    "wagtailadmin_pages:add_subpage": "choosing a page type",
    "wagtailadmin_pages:search": "listing",
    "wagtailadmin_pages:search_results": "listing",
    "wagtailadmin_pages:move": "choosing a destination (the move happens in move_confirm)",
    "wagtailadmin_pages:collect_workflow_action_data": "the form of a workflow action (it acts in workflow_action)",
    "wagtailadmin_pages:confirm_workflow_cancellation": "a confirmation dialog",
    "wagtailadmin_pages:workflow_preview": "preview for a reviewer",
    "wagtailadmin_pages:revisions_index": "listing",
    "wagtailadmin_pages:revisions_view": "a revision, to those who may edit",
    "wagtailadmin_pages:revisions_compare": "a diff, to those who may edit",
    "wagtailadmin_pages:workflow_history": "listing",
    "wagtailadmin_pages:workflow_history_detail": "listing",
    "wagtailadmin_pages:history": "listing",
    "wagtailadmin_pages:history_results": "listing",
    "wagtailadmin_api:pages:listing": "read-only API",
    "wagtailadmin_api:pages:detail": "read-only API",
    "wagtailadmin_api:pages:find": "read-only API",
    "simple_translation:submit_snippet_translation": "snippets: the taxonomies are not translated per locale",
    "wagtailimages:index": "listing",
    "wagtailimages:index_results": "listing",
    "wagtailimages:url_generator": "a URL for a rendition",
    "wagtailimages:url_generator_output": "same",
    "wagtailimages:preview": "a rendition",
    "wagtailimages:image_usage": "listing",
    "wagtailimages:add": "a new picture: used by no page yet",
    "wagtailimages:add_multiple": "same",
    "wagtailimages:create_multiple_from_uploaded_image": "same",
    "wagtailimages:delete_upload_multiple": "an upload not yet made a picture",
    "wagtaildocs:index": "listing",
    "wagtaildocs:index_results": "listing",
    "wagtaildocs:document_usage": "listing",
    "wagtaildocs:add": "a new file: used by no page yet",
    "wagtaildocs:add_multiple": "same",
    "wagtaildocs:create_multiple_from_uploaded_document": "same",
    "wagtaildocs:delete_upload_multiple": "an upload not yet made a file",
}
for _name in ("audience", "campaign", "discipline", "region"):
    for _view in ("list", "list_results", "add", "usage", "history", "history_results", "copy"):
        READ_ONLY[f"wagtailsnippets_articles_{_name}:{_view}"] = "listing, or a new entry no page uses yet"

# The page actions of Wagtail's edit view (action menu items) and of its bulk and admin-API views.
EDIT_ACTIONS = {
    "action-save-draft": "save",  # the default when no action is posted
    "action-publish": "action-publish",
    "action-submit": "action-submit",
    "action-restart-workflow": "action-restart-workflow",
    "action-cancel-workflow": "action-cancel-workflow",
    "action-unpublish": "a link to the unpublish view (driven there)",
    "action-page-locked": "a disabled button",
}
PAGE_BULK_ACTIONS = {"publish", "unpublish", "move", "delete"}
API_ACTIONS = {
    "copy",
    "create_alias",
    "convert_alias",
    "delete",
    "move",
    "publish",
    "unpublish",
    "revert_to_page_revision",
    "copy_for_translation",
}

ROLES = ["creator", "editor", "expert_a", "chief", "root"]
STATES = [
    "draft",
    "editorial",
    "expert",
    "final",
    "sent_back",
    "live",
    "live_in_review",
    "retracted",
    "alias",
]

# The states each driver acts on, where not all of them: what it changes does not depend on the work.
STATES_FOR = {
    "add": ["live"],
    "convert_alias": ["alias", "live"],
    "submit_page_translation": ["draft", "live", "alias"],
    "media_edit": ["live"],
    "media_delete": ["live"],
    "taxonomy": ["live"],
}

SOON = timezone.now() - datetime.timedelta(minutes=5)


def _json(client, url, payload):
    return client.post(url, json.dumps(payload), content_type="application/json")


def _latest(work):
    return ArticlePage.objects.get(pk=work.pk).get_latest_revision_as_object()


def _form(ctx, **changes):
    return page_form_data(_latest(ctx.work), ctx.user, **changes)


# Drivers: each posts what the admin's own form or script would, for one route. -------------------


def add(ctx):
    parent = ctx.world["works"]
    page = ArticlePage(title="新作品:未经审核", slug=f"added-{ctx.step}", summary="未审。", creator_name="某")
    page.body = factories.BODY
    data = page_form_data(page, ctx.user, parent=parent)
    url = reverse("wagtailadmin_pages:add", args=["articles", "articlepage", parent.pk])
    for action in ("action-publish", "action-submit", ""):
        data["slug"] = f"added-{ctx.step}-{action or 'save'}"
        yield ctx.client.post(url, {**data, **({action: action} if action else {})})
    data["slug"] = f"added-{ctx.step}-autosave"
    yield ctx.client.post(url, data, HTTP_ACCEPT="application/json")


def edit(ctx):
    """The edit form posted with each of its buttons, the text changed."""
    url = reverse("wagtailadmin_pages:edit", args=[ctx.work.pk])
    changed = _form(ctx, title="改过的标题:未经审核", summary="改过的摘要。")
    for action in (
        "action-publish",
        "action-submit",
        "action-restart-workflow",
        "action-cancel-workflow",
        "",
    ):
        yield ctx.client.post(url, {**changed, **({action: action} if action else {})})


def edit_scheduled_and_workflow(ctx):
    """Publishing with a go-live date in the past (the scheduler runs after every request), and
    every workflow action the edit view offers, with the text changed."""
    url = reverse("wagtailadmin_pages:edit", args=[ctx.work.pk])
    changed = _form(ctx, title="改过的标题:未经审核", summary="改过的摘要。")
    yield ctx.client.post(
        url, {**changed, "go_live_at": SOON.strftime("%Y-%m-%d %H:%M"), "action-publish": "1"}
    )
    for action in ("approve", "reject"):
        yield ctx.client.post(
            url,
            {
                **changed,
                "action-workflow-action": "1",
                "workflow-action-name": action,
                "workflow-action-extra-data": json.dumps({"comment": "审核", **_checklist(action)}),
            },
        )


def autosave(ctx):
    """Autosave overwriting the latest revision, and the live one."""
    url = reverse("wagtailadmin_pages:edit", args=[ctx.work.pk])
    changed = _form(ctx, title="改过的标题:未经审核", summary="改过的摘要。")
    page = ArticlePage.objects.get(pk=ctx.work.pk)
    for revision_id in sorted({page.latest_revision_id, page.live_revision_id} - {None}):
        yield ctx.client.post(
            url,
            {**changed, "overwrite_revision_id": str(revision_id), "loaded_revision_id": str(revision_id)},
            HTTP_ACCEPT="application/json",
        )


def _checklist(action):
    return (
        dict.fromkeys(("complete", "original", "form_ok", "compliant"), True) if action == "approve" else {}
    )


def revisions_revert(ctx):
    page = ArticlePage.objects.get(pk=ctx.work.pk)
    for revision in page.revisions.order_by("pk")[:2]:
        url = reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, revision.pk])
        data = page_form_data(revision.as_object(), ctx.user)
        yield ctx.client.post(url, {**data, "action-publish": "1"})
        yield ctx.client.post(url, data)


def revisions_unschedule(ctx):
    page = ArticlePage.objects.get(pk=ctx.work.pk)
    revision = page.latest_revision
    if revision is not None:
        yield ctx.client.post(reverse("wagtailadmin_pages:revisions_unschedule", args=[page.pk, revision.pk]))


def copy(ctx):
    url = reverse("wagtailadmin_pages:copy", args=[ctx.work.pk])
    fields = {
        "new_title": "副本:未经审核",
        "new_slug": f"copy-{ctx.step}",
        "new_parent_page": ctx.world["works"].pk,
    }
    yield ctx.client.post(url, {**fields, "publish_copies": "on"})
    yield ctx.client.post(url, {**fields, "new_slug": f"alias-{ctx.step}", "alias": "on"})
    yield ctx.client.post(url, fields)


def move_confirm(ctx):
    for destination in (ctx.world["works"], ctx.world["news"], ctx.world["home"]):
        yield ctx.client.post(reverse("wagtailadmin_pages:move_confirm", args=[ctx.work.pk, destination.pk]))


def set_page_position(ctx):
    yield ctx.client.post(reverse("wagtailadmin_pages:set_page_position", args=[ctx.work.pk]) + "?position=0")


def delete(ctx):
    yield ctx.client.post(reverse("wagtailadmin_pages:delete", args=[ctx.work.pk]))


def unpublish(ctx):
    yield ctx.client.post(
        reverse("wagtailadmin_pages:unpublish", args=[ctx.work.pk]), {"include_descendants": "on"}
    )


def convert_alias(ctx):
    yield ctx.client.post(reverse("wagtailadmin_pages:convert_alias", args=[ctx.work.pk]))


def workflow_action(ctx):
    page = ArticlePage.objects.get(pk=ctx.work.pk)
    state = page.current_workflow_task_state
    if state is None:
        return
    for action in ("approve", "reject"):
        url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, state.pk])
        yield ctx.client.post(url, EDITORIAL_OK if action == "approve" else {"comment": "请修改"})


def lock(ctx):
    yield ctx.client.post(reverse("wagtailadmin_pages:lock", args=[ctx.work.pk]))


def unlock(ctx):
    yield ctx.client.post(reverse("wagtailadmin_pages:unlock", args=[ctx.work.pk]))


def set_privacy(ctx):
    url = reverse("wagtailadmin_pages:set_privacy", args=[ctx.work.pk])
    yield ctx.client.post(url, {"restriction_type": "login"})
    yield ctx.client.post(url, {"restriction_type": "none"})


def bulk_action(ctx):
    pk = ctx.work.pk
    for action, data in (
        ("publish", {"include_descendants": "on"}),
        ("unpublish", {"include_descendants": "on"}),
        ("move", {"chooser": ctx.world["works"].pk}),
        ("delete", {}),
    ):
        url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", action]) + f"?id={pk}"
        yield ctx.client.post(url, data)
    # The section's own bulk publish, descendants included (the works in it are drafts).
    url = (
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
        + f"?id={ctx.world['works'].pk}"
    )
    yield ctx.client.post(url, {"include_descendants": "on"})
    for model in ("portalimage", "portaldocument"):
        media = ctx.world["picture"] if model == "portalimage" else ctx.world["video"]
        for action in ("delete", "add_tags"):
            url = reverse("wagtail_bulk_action", args=["media", model, action]) + f"?id={media.pk}"
            yield ctx.client.post(url, {"tags": "改过"})


def api_action(ctx):
    page = ArticlePage.objects.get(pk=ctx.work.pk)
    works = ctx.world["works"].pk
    payloads = {
        "copy": {"destination_page_id": works, "keep_live": True, "slug": f"api-copy-{ctx.step}"},
        "create_alias": {"destination_page_id": works, "update_slug": f"api-alias-{ctx.step}"},
        "convert_alias": {},
        "publish": {},
        "unpublish": {},
        "move": {"destination_page_id": works, "position": "last-child"},
        "revert_to_page_revision": {
            "revision_id": page.revisions.order_by("pk").values_list("pk", flat=True).first()
        },
        "copy_for_translation": {"locale": "mn"},
        "delete": {},
    }
    for action, payload in payloads.items():
        yield _json(ctx.client, reverse("wagtailadmin_api:pages:action", args=[page.pk, action]), payload)


def submit_page_translation(ctx):
    url = reverse("simple_translation:submit_page_translation", args=[ctx.work.pk])
    yield ctx.client.post(url, {"locales": [Locale.objects.get(language_code="mn").pk]})


def _media_form(media, **changes):
    fields = {"title": media.title, "source": media.source, "licence": media.licence}
    if hasattr(media, "description"):
        fields["description"] = media.description
    return {**fields, **changes}


def media_edit(ctx):
    picture, video = ctx.world["picture"], ctx.world["video"]
    yield ctx.client.post(
        reverse("wagtailimages:edit", args=[picture.pk]), _media_form(picture, description="改")
    )
    yield ctx.client.post(
        reverse("wagtailimages:edit_multiple", args=[picture.pk]),
        {f"image-{picture.pk}-{k}": v for k, v in _media_form(picture, description="改").items()},
    )
    yield ctx.client.post(
        reverse("wagtaildocs:edit", args=[video.pk]), _media_form(video, title="改过的视频")
    )
    yield ctx.client.post(
        reverse("wagtaildocs:edit_multiple", args=[video.pk]),
        {f"doc-{video.pk}-{k}": v for k, v in _media_form(video, title="改过的视频").items()},
    )


def media_delete(ctx):
    picture, video = ctx.world["picture"], ctx.world["video"]
    yield ctx.client.post(reverse("wagtailimages:delete", args=[picture.pk]))
    yield ctx.client.post(reverse("wagtailimages:delete_multiple", args=[picture.pk]))
    yield ctx.client.post(reverse("wagtaildocs:delete", args=[video.pk]))
    yield ctx.client.post(reverse("wagtaildocs:delete_multiple", args=[video.pk]))


def taxonomy(ctx):
    safety = Discipline.objects.get(code="safety")
    base = "wagtailsnippets_articles_discipline"
    data = {"name": "改过的学科", "code": safety.code, "parent": safety.parent_id or "", "review_quorum": ""}
    yield ctx.client.post(reverse(f"{base}:edit", args=[safety.pk]), data)
    yield ctx.client.post(reverse(f"{base}:delete", args=[safety.pk]))
    for name in ("audience", "campaign", "region"):
        model = {"audience": "Audience", "campaign": "Campaign", "region": "Region"}[name]
        from articles import models as articles_models

        obj = getattr(articles_models, model).objects.order_by("pk").first()
        yield ctx.client.post(
            reverse(f"wagtailsnippets_articles_{name}:edit", args=[obj.pk]), {"name": "改过"}
        )
        yield ctx.client.post(reverse(f"wagtailsnippets_articles_{name}:delete", args=[obj.pk]))


# Route name → driver(s). Several routes share a driver where one view posts to the other.
DRIVEN = {
    "wagtailadmin_pages:add": add,
    "wagtailadmin_pages:edit": (edit, edit_scheduled_and_workflow, autosave),
    "wagtailadmin_pages:revisions_revert": revisions_revert,
    "wagtailadmin_pages:revisions_unschedule": revisions_unschedule,
    "wagtailadmin_pages:copy": copy,
    "wagtailadmin_pages:move_confirm": move_confirm,
    "wagtailadmin_pages:set_page_position": set_page_position,
    "wagtailadmin_pages:delete": delete,
    "wagtailadmin_pages:unpublish": unpublish,
    "wagtailadmin_pages:convert_alias": convert_alias,
    "wagtailadmin_pages:workflow_action": workflow_action,
    "wagtailadmin_pages:lock": lock,
    "wagtailadmin_pages:unlock": unlock,
    "wagtailadmin_pages:set_privacy": set_privacy,
    "wagtail_bulk_action": bulk_action,
    "wagtailadmin_api:pages:action": api_action,
    "simple_translation:submit_page_translation": submit_page_translation,
    "wagtailimages:edit": media_edit,
    "wagtailimages:edit_multiple": media_edit,
    "wagtaildocs:edit": media_edit,
    "wagtaildocs:edit_multiple": media_edit,
    "wagtailimages:delete": media_delete,
    "wagtailimages:delete_multiple": media_delete,
    "wagtaildocs:delete": media_delete,
    "wagtaildocs:delete_multiple": media_delete,
}
for _name in ("audience", "campaign", "discipline", "region"):
    DRIVEN[f"wagtailsnippets_articles_{_name}:edit"] = taxonomy
    DRIVEN[f"wagtailsnippets_articles_{_name}:delete"] = taxonomy

# Of the driven routes, these change what a live page shows or whether it is live when allowed
# (the rest refuse on reviewed pages, or act only on drafts).
CAN_CHANGE_A_LIVE_PAGE = {
    "wagtailadmin_pages:edit",
    "wagtailadmin_pages:revisions_revert",
    "wagtailadmin_pages:copy",
    "wagtailadmin_pages:move_confirm",
    "wagtailadmin_pages:delete",
    "wagtailadmin_pages:unpublish",
    "wagtailadmin_pages:convert_alias",
    "wagtailadmin_pages:workflow_action",
    "wagtailadmin_pages:set_privacy",
    "wagtail_bulk_action",
    "wagtailadmin_api:pages:action",
    "wagtailimages:edit",
    "wagtailimages:edit_multiple",
    "wagtailimages:delete",
    "wagtailimages:delete_multiple",
    "wagtaildocs:edit",
    "wagtaildocs:edit_multiple",
    "wagtaildocs:delete",
    "wagtaildocs:delete_multiple",
    "wagtailsnippets_articles_discipline:edit",
    "wagtailsnippets_articles_discipline:delete",
    "wagtailsnippets_articles_audience:edit",
    "wagtailsnippets_articles_audience:delete",
    "wagtailsnippets_articles_campaign:edit",
    "wagtailsnippets_articles_campaign:delete",
    "wagtailsnippets_articles_region:edit",
    "wagtailsnippets_articles_region:delete",
}

OPINION = OPINION_OK


def drivers():
    """Every driver once."""
    found = {}
    for value in DRIVEN.values():
        for driver in value if isinstance(value, tuple) else (value,):
            found[driver.__name__] = driver
    return [found[name] for name in sorted(found)]


# The tables the invariant reads (review/content.py, clearance.py): if a request wrote none of them,
# what audit_live finds cannot have changed.
CONTENT_TABLES = re.compile(
    r'"(wagtailcore_page|wagtailcore_revision|articles_[a-z_]+|media_portal(image|document)|taggit_tag|'
    r'review_reviewclearance|review_clearedobject)"'
)


def wrote_content(queries):
    assert len(queries) < 9000, "the query log overflowed: clear it before each request"
    return any(
        query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        and CONTENT_TABLES.search(query["sql"])
        for query in queries
    )
