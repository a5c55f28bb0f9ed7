"""Who may see a contribution record, get its certificate, revoke one, or change what is public.
Every check the server makes lives here, so a hidden button and a crafted POST meet the same rules.

- Administrators with the records permissions act for anyone: see every record (view_certificate),
  issue a certificate (add_certificate), revoke one (change_certificate), change a consent
  (change_recordconsent). Superusers have them all.
- A signed-in creator or expert sees their own record, changes their own consent, and gets and
  downloads certificates of their own record: never anyone else's, whatever id a request names.
- Nobody else: a volunteer without an account gets theirs from an administrator.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def may_see_all(user):
    return user.is_active and user.has_perm("records.view_certificate")


def may_issue_any(user):
    return user.is_active and user.has_perm("records.add_certificate")


def may_revoke(user):
    return user.is_active and user.has_perm("records.change_certificate")


def may_change_any_consent(user):
    return user.is_active and user.has_perm("records.change_recordconsent")


def has_own_record(user, person):
    """A signed-in creator or expert, looking at themselves."""
    return (
        user.is_authenticated and person.user is not None and person.user.pk == user.pk and bool(person.roles)
    )


def may_issue_for(user, person):
    return may_issue_any(user) or has_own_record(user, person)


def may_download(user, certificate):
    return may_see_all(user) or (
        user.is_authenticated and certificate.user_id is not None and certificate.user_id == user.pk
    )


def may_change_consent(user, person):
    return may_change_any_consent(user) or has_own_record(user, person)


def require(allowed):
    if not allowed:
        raise PermissionDenied(_("您没有权限进行这项操作。"))
