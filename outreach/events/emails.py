"""The e-mails of a sign-up, sent by background tasks (django-tasks): the confirmation (with the
signed cancel link) and the notice that a waiting-list place became a confirmed one."""

from django_tasks import task

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

SUBJECT_PREFIX = "【内蒙古科普】"


def _links(signup):
    from .signups import cancel_token

    event = signup.event
    root = event.get_site().root_url if event.get_site() else ""
    cancel = reverse("events:cancel", args=[event.pk, cancel_token(signup)])
    return {"event_url": event.get_full_url() or "", "cancel_url": root + cancel}


def _send(signup, subject, template):
    if not signup.email:
        return 0
    context = {"signup": signup, "event": signup.event, **_links(signup)}
    body = render_to_string(f"events/email/{template}.txt", context)
    return send_mail(SUBJECT_PREFIX + subject, body, settings.DEFAULT_FROM_EMAIL, [signup.email])


def _signup(pk):
    from .models import SignUp

    return SignUp.objects.select_related("event").filter(pk=pk).first()


@task()
def send_confirmation(signup_pk):
    signup = _signup(signup_pk)
    if signup is None:
        return 0
    if signup.status == signup.Status.WAITING:
        subject = _("已进入候补名单：%(title)s") % {"title": signup.event.title}
    else:
        subject = _("报名成功：%(title)s") % {"title": signup.event.title}
    return _send(signup, subject, "confirmation")


@task()
def send_promotion(signup_pk):
    signup = _signup(signup_pk)
    if signup is None:
        return 0
    return _send(signup, _("候补转为正式报名：%(title)s") % {"title": signup.event.title}, "promotion")
