"""Volunteers' path: register, be approved or rejected by an administrator, be assigned to events,
have hours recorded. The rules live here, so the admin's buttons and a crafted POST meet the same:

- one volunteer per phone number and per e-mail address (normalised: contacts.py);
- only an administrator with the right to change volunteers decides, and only a pending volunteer;
- only an approved volunteer is assigned, and only to a live event (the assignment's own clean());
- hours are never negative nor more than the event lasted plus a margin.
"""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from review.notifications import admin_link, mail

from .models import Volunteer


class DuplicateVolunteer(Exception):
    """The phone or e-mail is already registered (found at save time: a simultaneous registration)."""


class NotAllowed(Exception):
    pass


def register(form):
    """Save a valid VolunteerForm; mail the volunteer (if they gave an e-mail) and the administrators."""
    try:
        with transaction.atomic():
            volunteer = form.save()
    except IntegrityError as error:
        raise DuplicateVolunteer from error
    if volunteer.email:
        mail(
            _("已收到您的科普志愿者报名"),
            "\n".join(
                [
                    _("%(name)s，您好：") % {"name": volunteer.name},
                    "",
                    _("感谢您报名成为科普志愿者。工作人员会在审核后通知您结果。"),
                    _("如果不是您本人报名，请忽略这封邮件。"),
                ]
            ),
            [volunteer.email],
        )
    mail(
        _("新的科普志愿者报名：%(name)s") % {"name": volunteer.name},
        "\n".join(
            [
                _("%(name)s（%(region)s）报名成为科普志愿者，请审核。")
                % {"name": volunteer.name, "region": volunteer.region.name},
                _("审核页面：%(link)s")
                % {
                    "link": admin_link(
                        reverse("wagtailsnippets_people_volunteer:decide", args=[volunteer.pk])
                    )
                },
            ]
        ),
        [user.email for user in deciders()],
    )
    return volunteer


def deciders():
    """Active users who may decide on volunteers (superusers, or by a group's permission)."""
    granted = Q(
        groups__permissions__content_type__app_label="people",
        groups__permissions__codename="change_volunteer",
    )
    return (
        get_user_model()
        .objects.filter(Q(is_superuser=True) | granted, is_active=True)
        .exclude(email="")
        .distinct()
    )


def may_decide(user):
    return bool(user and user.is_active and user.has_perm("people.change_volunteer"))


def decide(volunteer, user, approve, note=""):
    """Approve or reject a pending volunteer; tells them by e-mail when they gave one."""
    if not may_decide(user):
        raise NotAllowed(_("您没有审核志愿者的权限。"))
    with transaction.atomic():
        locked = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
        if locked.status != Volunteer.Status.PENDING:
            raise NotAllowed(_("这位志愿者已经审核过了。"))
        locked.status = Volunteer.Status.APPROVED if approve else Volunteer.Status.REJECTED
        locked.decided_by, locked.decided_at, locked.decision_note = user, timezone.now(), note[:200]
        locked.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    if locked.email:
        if approve:
            subject = _("您已成为科普志愿者")
            text = _("您的科普志愿者报名已通过审核。有合适的科普活动时，工作人员会与您联系。")
        else:
            subject = _("您的科普志愿者报名结果")
            text = _("感谢您的热心。这一次您的科普志愿者报名未能通过审核。")
        lines = [_("%(name)s，您好：") % {"name": locked.name}, "", text]
        if note:
            lines.append(_("说明：%(note)s") % {"note": note})
        mail(subject, "\n".join(lines), [locked.email])
    return locked
