"""The delivery log in the admin (报告 → 分发记录): every hand-off of a work to a channel that pushes
it out, newest first, with a badge on those the work has since moved past (corrected or retracted),
so editors know which WeChat posts and printed leaflets to replace.

Editors who handle corrections see it (they are the ones who must chase a stale copy), and anyone
given channels.view_delivery.
"""

import django_filters

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from review.corrections import may_handle

from .models import Channel, Delivery


def may_view_log(user):
    return user.is_authenticated and (user.has_perm("channels.view_delivery") or may_handle(user))


class DeliveryFilterSet(WagtailFilterSet):
    channel = django_filters.ChoiceFilter(label=_("渠道"), choices=Channel.choices)
    state = django_filters.ChoiceFilter(
        label=_("状态"),
        choices=[("stale", _("已过期（作品已更正或撤回）")), ("current", _("与当前发布版本一致"))],
        method="filter_state",
    )
    title = django_filters.CharFilter(label=_("作品标题"), lookup_expr="icontains")

    class Meta:
        model = Delivery
        fields = ["channel"]

    def filter_state(self, queryset, name, value):
        return queryset.filter(stale=value == "stale")


class WorkColumn(TitleColumn):
    """The title as handed off, linked to the work's public address (a retracted one answers 410)."""

    def get_link_url(self, instance, parent_context):
        if instance.page is None:
            return None
        return instance.page.get_url(parent_context.get("request"))


class StalenessColumn(Column):
    cell_template_name = "channels/admin/staleness_cell.html"


def _made_by(delivery):
    user = delivery.made_by
    if user is None:
        return _("系统")
    return user.get_full_name().strip() or user.get_username()


class DeliveryLogView(ReportView):
    page_title = _("分发记录")
    header_icon = "mail"
    model = Delivery
    filterset_class = DeliveryFilterSet
    index_url_name = "channels_admin:deliveries"
    index_results_url_name = "channels_admin:deliveries_results"
    verbose_name = _("分发记录")
    verbose_name_plural = _("分发记录")
    paginate_by = 50
    columns = [
        WorkColumn("title", label=_("作品")),
        Column("channel", label=_("渠道"), accessor="get_channel_display"),
        Column("revision_id", label=_("版本")),
        DateColumn("made_at", label=_("时间")),
        Column("made_by", label=_("操作人"), accessor=_made_by),
        Column("recipient", label=_("发往")),
        StalenessColumn("stale", label=_("状态")),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not may_view_log(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return Delivery.objects.with_staleness().select_related("page", "made_by").latest_first()
