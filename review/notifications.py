"""E-mail for every hand-off of review, sent as background tasks (django-tasks).

Experts' names stay out of what creators receive while review is under way.

Sending is idempotent: each event writes one OutgoingMail row per recipient in the transaction of
the event (a publish that rolls back leaves no mail behind), and a mail is marked sent in the same
transaction that hands it to the mail server. A job that crashed half-way, or a mail server that
was down, is retried by `manage.py send_review_mail` (cron), which sends only what is unsent: each
recipient gets each mail once. (The one window left: the process dying after the mail server
accepted a message and before that transaction committed — the message is then sent again.)
"""

import logging
import uuid

from django_tasks import task

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

SUBJECT_PREFIX = "【内蒙古科普】"
# After this many failed attempts a mail is left for an administrator to look at (the admin lists it).
MAX_ATTEMPTS = 10

logger = logging.getLogger(__name__)


class MailNotSent(Exception):
    pass


def mail(subject, body, addresses):
    """Queue `subject`/`body` for each address as one event, and start the job that sends it."""
    from .models import OutgoingMail

    addresses = sorted({address for address in addresses if address})
    if not addresses:
        return None
    event = uuid.uuid4()
    OutgoingMail.objects.bulk_create(
        OutgoingMail(event=event, recipient=address, subject=subject[:255], body=body)
        for address in addresses
    )
    deliver.enqueue(str(event))
    return event


def send_unsent(mails):
    """Send each unsent mail of the queryset `mails` once; return how many failed (left for a retry)."""
    from .models import OutgoingMail

    failed = 0
    for pk in list(
        mails.filter(sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS).values_list("pk", flat=True)
    ):
        try:
            with transaction.atomic():
                # Locked, and checked unsent again under the lock: a second worker skips it.
                outgoing = (
                    OutgoingMail.objects.select_for_update(skip_locked=True)
                    .filter(pk=pk, sent_at__isnull=True)
                    .first()
                )
                if outgoing is None:
                    continue
                send_mail(
                    SUBJECT_PREFIX + outgoing.subject,
                    outgoing.body,
                    settings.DEFAULT_FROM_EMAIL,
                    [outgoing.recipient],
                    fail_silently=False,
                )
                OutgoingMail.objects.filter(pk=pk).update(sent_at=timezone.now(), attempts=F("attempts") + 1)
        except Exception as error:
            failed += 1
            OutgoingMail.objects.filter(pk=pk).update(
                attempts=F("attempts") + 1, last_error=str(error)[:2000]
            )
            logger.warning("Review mail %s not sent (will be retried): %s", pk, error)
    return failed


@task()
def deliver(event):
    """Send one event's mails. A failure fails the job; `manage.py send_review_mail` retries it."""
    from .models import OutgoingMail

    if failed := send_unsent(OutgoingMail.objects.filter(event=event)):
        raise MailNotSent(f"{failed} mail(s) of event {event} not sent; left for send_review_mail")


def _send(subject, body, users):
    mail(subject, body, [user.email for user in users if user and user.is_active and user.email])


def admin_link(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _work(task_state):
    return task_state.workflow_state.content_object.specific


def local_time(moment):
    """A moment as the reader's e-mail shows it: local time in the site's one date format."""
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def expert_assigned(assignment, earlier=None):
    task_state = assignment.task_state
    work = _work(task_state)
    lines = [
        _("%(name)s 专家：") % {"name": assignment.expert.name},
        "",
        _("请您对科普作品《%(title)s》进行科学性审核。") % {"title": work.title},
        _("截止时间：%(due)s") % {"due": local_time(assignment.due_at)},
        _("审核页面：%(link)s") % {"link": admin_link(reverse("review:opinion", args=[task_state.pk]))},
    ]
    if earlier is not None:
        lines.insert(3, _("作者已根据上一轮意见修改，请对照您审阅过的版本查看改动。"))
    _send(_("请审核：《%(title)s》") % {"title": work.title}, "\n".join(lines), [assignment.expert.user])


def stage_started(task_state):
    """Tell the people of the stage the work has just entered (for 科学性审核: who assigns experts)."""
    from .models import Stage

    task = task_state.task.specific
    work = _work(task_state)
    groups = task.coordinator_groups.all() if task.stage == Stage.EXPERT else task.groups.all()
    users = get_user_model().objects.filter(groups__in=groups).exclude(pk=getattr(work.owner, "pk", None))
    resubmitted = task_state.workflow_state.task_states.filter(task=task, pk__lt=task_state.pk).exists()
    if task.stage == Stage.EXPERT and resubmitted:
        todo = _("作者已修改并重新提交，上一轮的专家已被再次邀请审核；如需增派专家请进入指派页面。")
    elif task.stage == Stage.EXPERT:
        todo = _("请为作品指派审核专家。")
    else:
        todo = _("请进行%(stage)s。") % {"stage": task.get_verbose_name()}
    body = "\n".join(
        [
            _("科普作品《%(title)s》已进入%(stage)s环节。")
            % {"title": work.title, "stage": task.get_verbose_name()},
            todo,
            admin_link(reverse("wagtailadmin_pages:edit", args=[work.pk])),
        ]
    )
    _send(_("待处理：《%(title)s》") % {"title": work.title}, body, users.distinct())


def sent_back(task_state, comment):
    from .models import ReviewOpinion

    work = _work(task_state)
    lines = [_("您的作品《%(title)s》需要修改后再提交。") % {"title": work.title}, ""]
    opinions = ReviewOpinion.objects.filter(task_state=task_state).order_by("created_at")
    if opinions:
        for number, opinion in enumerate(opinions, start=1):
            lines.append(
                _("专家%(n)s(%(verdict)s):%(comment)s")
                % {
                    "n": number,
                    "verdict": opinion.get_verdict_display(),
                    "comment": opinion.comments_for_creator,
                }
            )
    else:
        lines.append(_("审核意见：%(comment)s") % {"comment": comment})
    _send(_("需要修改：《%(title)s》") % {"title": work.title}, "\n".join(lines), [work.owner])


def published(work, revision):
    body = _("您的作品《%(title)s》已通过三审并发布：%(url)s") % {
        "title": work.title,
        "url": work.get_full_url() or "",
    }
    _send(_("已发布：《%(title)s》") % {"title": work.title}, body, [work.owner])


def overdue(subject, body, users):
    _send(subject, body, users)


def _case_handlers():
    from django.contrib.auth.models import Permission
    from django.db.models import Q

    permission = Permission.objects.get(content_type__app_label="review", codename="change_correctioncase")
    return (
        get_user_model()
        .objects.filter(Q(groups__permissions=permission) | Q(user_permissions=permission))
        .distinct()
    )


def correction_reported(case):
    from .corrections import case_admin_url

    body = _("读者报告了《%(title)s》中的问题：\n\n%(problem)s\n\n处理：%(link)s") % {
        "title": case.page.title,
        "problem": case.problem,
        "link": case_admin_url(case),
    }
    _send(_("纠错报告：《%(title)s》") % {"title": case.page.title}, body, _case_handlers())


def correction_to_verify(case):
    from .corrections import case_admin_url

    body = _("请核实读者对《%(title)s》提出的问题是否成立：\n\n%(problem)s\n\n核实页面：%(link)s") % {
        "title": case.page.title,
        "problem": case.problem,
        "link": case_admin_url(case),
    }
    _send(_("请核实纠错报告：《%(title)s》") % {"title": case.page.title}, body, [case.verifier.user])


def correction_outcome(case):
    outcome = case.get_status_display()
    body = _("感谢您对《%(title)s》提出的意见。处理结果：%(outcome)s。\n\n%(note)s") % {
        "title": case.page.title,
        "outcome": outcome,
        "note": case.public_note,
    }
    mail(_("纠错处理结果：《%(title)s》") % {"title": case.page.title}, body, [case.reporter_email])


def conflict_declared(task_state, profile, reason):
    task = task_state.task.specific
    work = _work(task_state)
    users = get_user_model().objects.filter(groups__in=task.coordinator_groups.all()).distinct()
    body = _("%(name)s 专家声明与《%(title)s》存在利益冲突（%(reason)s），请另行指派专家：%(link)s") % {
        "name": profile.name,
        "title": work.title,
        "reason": reason,
        "link": admin_link(reverse("review:assign", args=[task_state.pk])),
    }
    _send(_("专家回避：《%(title)s》") % {"title": work.title}, body, users)
