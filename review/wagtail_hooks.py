"""Admin wiring of review: URLs, the expert's queue in the menu, the expert pool, links to the trail."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from pages.reviewed import ReviewedPageMixin

from . import memo, urls
from .history import earlier_round
from .models import ExpertProfile
from .rules import ACTION_LABELS, expert_profile, refusal


@hooks.register("register_admin_urls")
def review_urls():
    return [path("review/", include(urls))]


class MyReviewsMenuItem(MenuItem):
    def is_shown(self, request):
        return expert_profile(request.user) is not None


@hooks.register("register_admin_menu_item")
def my_reviews_menu_item():
    return MyReviewsMenuItem(_("我的审核任务"), reverse("review:my_reviews"), icon_name="tasks", order=150)


@hooks.register("register_page_listing_more_buttons")
def review_trail_button(page, user, next_url=None):
    if user.has_perm("review.view_reviewaction"):
        yield ListingButton(_("审核记录"), reverse("review:timeline", args=[page.pk]), priority=55)


@hooks.register("before_edit_page")
def read_workflow_state_once(request, page):
    """Wagtail's edit view asks the page for its workflow state about fifteen times: read it once per
    request (again after any write: review/memo.py)."""
    memo.read_workflow_state_once(page)


@hooks.register("register_page_header_buttons")
def review_header_buttons(page, user, view_name, next_url=None):
    """From 科学性审核 on the work is locked, so its stage actions are offered in the header."""
    task_state = page.specific_deferred.current_workflow_task_state
    if task_state is not None:
        task_state = task_state.specific
        stage = task_state.task.specific.stage
        for action, label, _modal in ACTION_LABELS.get(stage, []):
            if refusal(user, task_state, action) is not None:
                continue
            if action in ("assign", "opinion"):
                url = reverse(f"review:{action}", args=[task_state.pk])
            else:
                url = reverse("review:decide", args=[task_state.pk, action])
            yield ListingButton(label, url, priority=5)
        if (earlier := earlier_round(task_state)) is not None and earlier.compare_url:
            yield ListingButton(_("与上一轮审核版本对照"), earlier.compare_url, priority=6)
        if user.is_superuser:
            yield ListingButton(_("紧急越权"), reverse("review:override", args=[task_state.pk]), priority=90)
    if user.has_perm("review.view_reviewaction"):
        yield ListingButton(_("审核记录"), reverse("review:timeline", args=[page.pk]), priority=55)


class CorrectionCasesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("review.change_correctioncase")


@hooks.register("register_admin_menu_item")
def correction_cases_menu_item():
    return CorrectionCasesMenuItem(_("纠错报告"), reverse("review:cases"), icon_name="warning", order=160)


class ReviewReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("review.view_reviewaction")


@hooks.register("register_reports_menu_item")
def review_report_menu_item():
    return ReviewReportMenuItem(_("三审统计"), reverse("review:report"), icon_name="table", order=50)


class ExpertProfileViewSet(SnippetViewSet):
    model = ExpertProfile
    icon = "user"
    menu_label = _("专家库")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["name", "title", "affiliation", "max_open_reviews", "is_active", "credit_preference"]
    list_filter = ["is_active", "disciplines"]
    search_fields = ["name", "affiliation"]


register_snippet(ExpertProfileViewSet)


# Wagtail's own page views: the model refuses what 三审 did not clear (pages/reviewed.py); this
# hook says so where Wagtail would otherwise fail without a reason.


@hooks.register("before_convert_alias_page")
def keep_reviewed_aliases(request, page):
    if isinstance(page, ReviewedPageMixin) and page.live:
        messages.error(
            request,
            gettext("这是已审内容的别名,不能直接转换为独立页面:请复制为草稿,修改后提交审核。"),
        )
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None
