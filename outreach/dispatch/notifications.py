"""E-mail at every step of a service request, queued through review's mail outbox (a django-tasks job
that sends each mail once and is retried by cron): the requester, the expert, the administrators."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from channels.digest.tokens import site_root
from outreach.signing import make_token
from review.notifications import admin_link, local_time, mail

TRACKING = "dispatch.track"


def tracking_token(service_request):
    return make_token(TRACKING, {"r": service_request.pk})


def tracking_url(service_request, view="track"):
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse(f"dispatch:{view}", args=[tracking_token(service_request)])
    return site_root() + path


def admin_request_url(service_request):
    return admin_link(reverse("dispatch_admin:request", args=[service_request.pk]))


def administrators():
    """Active users who may dispatch requests: superusers and holders of the change permission."""
    permission = Permission.objects.filter(
        content_type__app_label="dispatch", codename="change_servicerequest"
    ).first()
    condition = Q(is_superuser=True)
    if permission is not None:
        condition |= Q(groups__permissions=permission) | Q(user_permissions=permission)
    return get_user_model().objects.filter(condition, is_active=True).exclude(email="").distinct()


def _to_requester(service_request, subject, lines):
    body = [_("%(name)s 您好：") % {"name": service_request.contact_name}, "", *lines, ""]
    body.append(_("查看进度：%(link)s") % {"link": tracking_url(service_request)})
    body.append(_("（请妥善保存此链接，凭它可查看进度、取消申请和评价服务。）"))
    mail(subject, "\n".join(body), [service_request.contact_email])


def _to_expert(service_request, subject, lines):
    expert = service_request.expert
    if expert is None or not expert.user.is_active:
        return
    body = [_("%(name)s 专家：") % {"name": expert.name}, "", *lines, ""]
    body.append(_("处理页面：%(link)s") % {"link": admin_request_url(service_request)})
    mail(subject, "\n".join(body), [expert.user.email])


def _to_administrators(service_request, subject, lines):
    body = [*lines, "", _("处理页面：%(link)s") % {"link": admin_request_url(service_request)}]
    mail(subject, "\n".join(body), [user.email for user in administrators()])


def summary(service_request):
    return [
        _("单位：%(name)s（%(type)s）")
        % {
            "name": service_request.organisation_name,
            "type": service_request.get_organisation_type_display(),
        },
        _("主题：%(topic)s") % {"topic": service_request.topic},
        _("期望日期：%(start)s 至 %(end)s")
        % {"start": service_request.earliest_date, "end": service_request.latest_date},
        _("地点：%(region)s %(address)s")
        % {"region": service_request.region_label, "address": service_request.address},
        _("预计人数：%(count)s") % {"count": service_request.expected_attendance},
    ]


def received(service_request):
    _to_requester(
        service_request,
        _("已收到您的科普讲座申请"),
        [_("我们已收到贵单位的科普讲座申请，将尽快为您安排专家。"), "", *summary(service_request)],
    )
    _to_administrators(
        service_request,
        _("新的点单：%(name)s") % {"name": service_request.organisation_name},
        [_("有一项新的科普讲座申请等待派单。"), "", *summary(service_request)],
    )


def dispatched(service_request):
    _to_requester(
        service_request,
        _("已为您的申请安排专家"),
        [
            _("您申请的讲座“%(topic)s”已派给专家，专家确认后会与您商定具体时间。")
            % {"topic": service_request.topic}
        ],
    )
    _to_expert(
        service_request,
        _("派单：%(topic)s") % {"topic": service_request.topic},
        [
            _("管理员向您派了一场科普讲座，请在 %(days)s 天内接受或婉拒。")
            % {"days": settings.DISPATCH_ACCEPT_DAYS},
            "",
            *summary(service_request),
            _("联系人：%(name)s %(phone)s")
            % {"name": service_request.contact_name, "phone": service_request.contact_phone},
        ],
    )


def declined(service_request, expert, reason):
    _to_administrators(
        service_request,
        _("专家婉拒：%(topic)s") % {"topic": service_request.topic},
        [
            _("%(expert)s 婉拒了这项派单，申请已退回待派单队列。")
            % {"expert": expert.name if expert else ""},
            _("原因：%(reason)s") % {"reason": reason},
            "",
            *summary(service_request),
        ],
    )


def scheduled(service_request):
    when = local_time(service_request.scheduled_start)
    _to_requester(
        service_request,
        _("讲座时间已确定：%(when)s") % {"when": when},
        [_("您申请的讲座“%(topic)s”定于 %(when)s 举行。") % {"topic": service_request.topic, "when": when}],
    )


def completed(service_request):
    _to_requester(
        service_request,
        _("讲座已完成，欢迎评价"),
        [
            _("您申请的讲座“%(topic)s”已完成，感谢贵单位的支持。") % {"topic": service_request.topic},
            _("请为这次服务打分（只能评价一次）：%(link)s") % {"link": tracking_url(service_request, "rate")},
        ],
    )


def cancelled(service_request):
    lines = [
        _("讲座申请“%(topic)s”已取消。") % {"topic": service_request.topic},
        _("原因：%(reason)s") % {"reason": service_request.cancel_reason},
    ]
    _to_requester(service_request, _("讲座申请已取消"), lines)
    _to_expert(service_request, _("派单已取消：%(topic)s") % {"topic": service_request.topic}, lines)


def overdue(service_request, reasons):
    lines = [_("这项申请已逾期：%(reasons)s") % {"reasons": "；".join(str(r) for r in reasons)}, ""]
    lines += summary(service_request)
    subject = _("逾期提醒：%(topic)s") % {"topic": service_request.topic}
    if service_request.state in ("dispatched", "accepted"):
        _to_expert(service_request, subject, lines)
    _to_administrators(service_request, subject, lines)
