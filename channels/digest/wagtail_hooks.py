"""Admin: the digest's subscribers and deliveries, listed and inspected, not edited.

A subscription changes only through its owner's signed links (confirm, manage, unsubscribe), so the
admin neither adds nor edits subscribers. Deleting is allowed: a subscriber who asks to be erased;
an uncertain delivery released by an operator who checked the mail server's log (the next run then
sends that copy — see sending.py).
"""

import django_filters

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import DigestDelivery, Subscriber


class ListAndDeletePolicy(ModelPermissionPolicy):
    """Model permissions, minus adding and changing."""

    refused = frozenset({"add", "change"})

    def user_has_permission(self, user, action):
        return action not in self.refused and super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return action not in self.refused and super().user_has_permission_for_instance(user, action, instance)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a not in self.refused])


# Registered before any view asks for a policy (Wagtail would otherwise make a fallback one).
register_permission_policy(Subscriber, ListAndDeletePolicy(Subscriber))
register_permission_policy(DigestDelivery, ListAndDeletePolicy(DigestDelivery))


class SubscriberFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("状态"),
        choices=[("active", _("订阅中")), ("pending", _("待确认")), ("unsubscribed", _("已退订"))],
        method="by_status",
        empty_label=_("全部"),
    )

    class Meta:
        model = Subscriber
        fields = ["status", "audiences", "disciplines"]

    def by_status(self, queryset, name, value):
        if value == "active":
            return queryset.active()
        if value == "pending":
            return queryset.filter(confirmed_at__isnull=True, unsubscribed_at__isnull=True)
        if value == "unsubscribed":
            return queryset.filter(unsubscribed_at__isnull=False)
        return queryset


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    name = "digest_subscribers"
    icon = "mail"
    menu_label = _("订阅者")
    list_display = ["email", "status", "created_at", "confirmed_at", "unsubscribed_at"]
    filterset_class = SubscriberFilterSet
    search_fields = ["email"]
    form_fields = ["audiences", "disciplines"]  # required by Wagtail; the policy refuses the edit view
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False  # nothing refers to them; and no index upkeep on every send
    list_per_page = 50


class DeliveryFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("状态"),
        choices=[("sent", _("已发送")), ("uncertain", _("不确定（未重发）"))],
        method="by_status",
        empty_label=_("全部"),
    )

    class Meta:
        model = DigestDelivery
        fields = ["status", "issue"]

    def by_status(self, queryset, name, value):
        if value in ("sent", "uncertain"):
            return queryset.filter(sent_at__isnull=value == "uncertain")
        return queryset


class DeliveryIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("issue", "subscriber")


class DeliveryViewSet(ModelViewSet):
    model = DigestDelivery
    name = "digest_deliveries"
    icon = "mail"
    menu_label = _("投递记录")
    index_view_class = DeliveryIndexView
    list_display = ["subscriber", "issue", "claimed_at", "sent_at", "status"]
    filterset_class = DeliveryFilterSet
    search_fields = ["subscriber__email"]
    form_fields = ["error"]  # required by Wagtail; the policy refuses the edit view
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False  # nothing refers to them; and no index upkeep on every send
    list_per_page = 50


class DigestGroup(ModelViewSetGroup):
    menu_label = _("邮件周报")
    menu_icon = "mail"
    menu_order = 320
    items = (SubscriberViewSet, DeliveryViewSet)


@hooks.register("register_admin_viewset")
def register_digest_viewsets():
    return DigestGroup()
