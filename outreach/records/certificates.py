"""Certificates of a contribution record: issued from the figures of a period, kept as a snapshot,
and verified by a signed token (outreach/signing.py, purpose "certificate") that carries the serial
and the snapshot's digest — so an edited token, an edited snapshot or a revoked certificate fails.

The verification page says 有效 only when the signature, the stored snapshot's digest and a
recomputation of the figures from today's data all agree; otherwise it says why not.
"""

import hashlib
import json
import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wagtail.models import Site

from outreach import signing

from . import figures as records
from .models import FIGURE_GROUPS, Certificate, RecordConsent

PURPOSE = "certificate"
# The token carries the first 32 hex digits (128 bits) of the digest: enough, and a shorter QR code.
TOKEN_DIGEST_LENGTH = 32


class Status:
    VALID = "valid"
    INVALID = "invalid"
    REVOKED = "revoked"


# Which figure groups a role's record has (a group with figures is shown whatever the role).
ROLE_GROUPS = {"creator": ("works",), "expert": ("reviews", "talks"), "volunteer": ("hours",)}


def groups_of(roles, figures):
    """The figure groups that belong on this person's record, in a fixed order."""
    wanted = {group for role in roles for group in ROLE_GROUPS.get(role, ())}
    busy = {
        "works": figures["works"]["total"],
        "reviews": figures["reviews"]["total"],
        "talks": figures["talks"]["dispatched"] or figures["talks"]["completed"],
        "hours": figures["hours"]["assignments"],
    }
    return [group for group in FIGURE_GROUPS if group in wanted or busy[group]]


def consent_of(person):
    """The person's consent, or the default one (name and figures public, nothing else) unsaved."""
    lookup = {"user": person.user} if person.user is not None else {"volunteer": person.volunteer}
    return RecordConsent.objects.filter(**lookup).first() or RecordConsent(**lookup)


def canonical(snapshot):
    return json.dumps(snapshot, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def snapshot_digest(snapshot):
    return hashlib.sha256(canonical(snapshot).encode()).hexdigest()


def new_serial(today=None):
    """KP-<year>-<8 random hex digits>: unguessable, so a serial reveals nothing of how many exist."""
    today = today or timezone.localdate()
    return f"KP-{today.year}-{secrets.token_hex(4).upper()}"


def make_snapshot(person, period, figures, serial, issued_on):
    return {
        "serial": serial,
        "name": person.name,
        "affiliation": person.affiliation,
        "roles": list(person.roles),
        "period": period.as_json(),
        "issued_on": issued_on.isoformat(),
        "figures": figures,
    }


def _same_record(snapshot, person, period, figures):
    return (
        snapshot.get("name") == person.name
        and snapshot.get("affiliation") == person.affiliation
        and snapshot.get("roles") == list(person.roles)
        and snapshot.get("period") == period.as_json()
        and snapshot.get("figures") == figures
    )


def _owner(person):
    return {"user": person.user} if person.user is not None else {"volunteer": person.volunteer}


def issue(person, period, issued_by, *, reuse=True):
    """A certificate of `person`'s record for `period`. With `reuse`, an unrevoked certificate of the
    very same record is handed back instead of a new one (asking twice makes one row, not two)."""
    figures = records.figures_for([person], period)[person.key]
    if reuse:
        start, end = period.start, period.end
        existing = Certificate.objects.filter(
            **_owner(person), revoked=False, period_start=start, period_end=end
        )
        for certificate in existing:
            if _same_record(certificate.snapshot, person, period, figures):
                return certificate, False
    issued_on = timezone.localdate()
    for _attempt in range(5):
        serial = new_serial(issued_on)
        snapshot = make_snapshot(person, period, figures, serial, issued_on)
        try:
            with transaction.atomic():
                certificate = Certificate.objects.create(
                    serial=serial,
                    **_owner(person),
                    period_start=period.start,
                    period_end=period.end,
                    snapshot=snapshot,
                    digest=snapshot_digest(snapshot),
                    issued_by=issued_by if getattr(issued_by, "is_authenticated", False) else None,
                )
        except IntegrityError:  # the serial was taken: draw another
            continue
        return certificate, True
    raise RuntimeError("no free certificate serial after 5 draws")


def revoke(certificate, user, reason):
    certificate.revoked = True
    certificate.revoked_at = timezone.now()
    certificate.revoked_by = user
    certificate.revoked_reason = reason[:255]
    certificate.save(update_fields=["revoked", "revoked_at", "revoked_by", "revoked_reason"])


def token_of(certificate):
    return signing.make_token(
        PURPOSE, {"s": certificate.serial, "d": certificate.digest[:TOKEN_DIGEST_LENGTH]}
    )


def verify_path(certificate):
    return reverse("records:verify", args=[token_of(certificate)])


def person_of(certificate):
    """The person a certificate was issued to, as they are named in its snapshot."""
    snapshot = certificate.snapshot
    return records.Person(
        user=certificate.user,
        volunteer=certificate.volunteer,
        name=snapshot.get("name", ""),
        affiliation=snapshot.get("affiliation", ""),
        roles=list(snapshot.get("roles", [])),
    )


@dataclass
class Verification:
    status: str
    reason: str = ""
    certificate: Certificate | None = None
    # What the person agreed to show (empty unless the certificate is valid or revoked).
    name: str = ""
    affiliation: str = ""
    period: records.Period | None = None
    lines: list = field(default_factory=list)
    withheld: bool = False  # some figure groups are not public

    @property
    def valid(self):
        return self.status == Status.VALID


def verify(token, *, recompute=True):
    """Check a verification token: signature, serial, digest in the token against the stored
    snapshot's, revocation, and (with `recompute`) today's figures for the same period."""
    value = signing.read_token(PURPOSE, token)
    if (
        not isinstance(value, dict)
        or not isinstance(value.get("s"), str)
        or not isinstance(value.get("d"), str)
    ):
        return Verification(
            Status.INVALID, _("链接的签名校验未通过：链接不完整、被改动过，或者不是本站为证明开具的链接。")
        )
    certificate = Certificate.objects.select_related("user", "volunteer").filter(serial=value["s"]).first()
    if certificate is None:
        return Verification(Status.INVALID, _("本站没有开具过这个编号的证明。"))
    stored = snapshot_digest(certificate.snapshot)
    if stored != certificate.digest or not certificate.digest.startswith(value["d"]):
        return Verification(
            Status.INVALID,
            _("证明的数据与开具时不一致（证明编号 %(serial)s），不能作为依据。")
            % {"serial": certificate.serial},
            certificate,
        )
    if certificate.revoked:
        result = Verification(Status.REVOKED, _("这份证明已被撤销。"), certificate)
        if certificate.revoked_reason:
            result.reason = _("这份证明已于%(date)s撤销，原因：%(reason)s") % {
                "date": records.day_text(timezone.localtime(certificate.revoked_at).date()),
                "reason": certificate.revoked_reason,
            }
        return _with_public_parts(result)
    if recompute:
        person = person_of(certificate)
        period = records.Period.from_json(certificate.snapshot["period"])
        now = records.figures_for([person], period)[person.key]
        if now != certificate.snapshot["figures"]:
            return Verification(
                Status.INVALID,
                _(
                    "证明所载的数字与本站现有记录不一致（开具后可能有作品撤稿或记录更正），"
                    "请向本人索取新开具的证明。证明编号：%(serial)s"
                )
                % {"serial": certificate.serial},
                certificate,
            )
    return _with_public_parts(Verification(Status.VALID, "", certificate))


def _with_public_parts(result):
    certificate = result.certificate
    snapshot = certificate.snapshot
    consent = consent_of(person_of(certificate))
    result.period = records.Period.from_json(snapshot["period"])
    result.name = snapshot["name"] if consent.show_name else ""
    result.affiliation = snapshot["affiliation"] if consent.show_affiliation else ""
    groups = groups_of(snapshot["roles"], snapshot["figures"])
    shown = [group for group in groups if consent.shows(group)]
    result.withheld = len(shown) < len(groups)
    result.lines = records.lines(snapshot["figures"], shown)
    return result


def verify_url(certificate):
    """The absolute verification address, on the public site, in the default language (the QR code's)."""
    site = Site.objects.filter(is_default_site=True).first()
    root = site.root_url if site else settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    with translation.override(settings.LANGUAGE_CODE):
        return root + verify_path(certificate)
