"""The digest's e-mails, each as plain text with an HTML alternative: the confirmation of a
subscription and the weekly digest (with RFC 8058 one-click unsubscribe headers)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

SUBJECT_PREFIX = "【内蒙古科普】"


def _message(subject, template, context, to, headers=None, connection=None):
    message = EmailMultiAlternatives(
        SUBJECT_PREFIX + subject,
        render_to_string(f"digest/email/{template}.txt", context),
        settings.DEFAULT_FROM_EMAIL,
        [to],
        headers=headers,
        connection=connection,
    )
    message.attach_alternative(render_to_string(f"digest/email/{template}.html", context), "text/html")
    return message


def scope(audiences, disciplines):
    """What a subscriber receives, in words: 老年人、青少年 · 医学与健康, or 全部科普作品."""
    parts = ["、".join(a.name for a in audiences), "、".join(d.name for d in disciplines)]
    return " · ".join(part for part in parts if part) or _("全部科普作品")


def confirmation(email, link, audiences, disciplines):
    context = {"link": link, "scope": scope(audiences, disciplines), "days": 7}
    return _message(_("请确认订阅科普周报"), "confirm", context, email)


def digest(subscriber, week, selection, links, subscribed_to, connection=None):
    context = {
        "week": week,
        "new": selection.new,
        "corrected": selection.corrected,
        "links": links,
        "scope": subscribed_to,
    }
    headers = {
        "List-Unsubscribe": f"<{links['unsubscribe']}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    subject = _("科普周报（%(dates)s）") % {"dates": week.dates}
    return _message(subject, "digest", context, subscriber.email, headers, connection)
