"""The contribution records part of `manage.py load_demo`: the demo people's consents and one issued
certificate of the demo creator, read from demo.toml beside this file. Idempotent: consents are
updated in place, and the certificate is issued again only when the one there no longer verifies."""

import tomllib
from pathlib import Path

from django.contrib.auth.models import Permission

from outreach.records import certificates
from outreach.records import figures as records
from outreach.records.models import Certificate, RecordConsent

DATA = Path(__file__).resolve().with_name("demo.toml")
FLAGS = ("show_name", "show_affiliation", "show_works", "show_reviews", "show_talks", "show_hours")


def _grant_chief_editors(groups):
    """The chief editors (总编) see every record, issue and revoke certificates, and set consents."""
    permissions = Permission.objects.filter(
        content_type__app_label="records",
        codename__in=["view_certificate", "add_certificate", "change_certificate", "change_recordconsent"],
    )
    if "chief-editors" in groups:
        groups["chief-editors"].permissions.add(*permissions)


def load(context):
    _grant_chief_editors(context.groups)
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    for item in data.get("consent", []):
        user = context.users.get(item["username"])
        if user is None:
            continue
        RecordConsent.objects.update_or_create(user=user, defaults={flag: item[flag] for flag in FLAGS})
    wanted = data.get("certificate")
    if not wanted or wanted["username"] not in context.users:
        return
    user = context.users[wanted["username"]]
    certificate = _still_valid(Certificate.objects.filter(user=user, revoked=False).order_by("-issued_at"))
    if certificate is None:
        person = records.person_for_user(user)
        certificate, _created = certificates.issue(
            person, records.Period.whole(), context.users.get(wanted["issued_by"])
        )
        context.created["certificates"] = context.created.get("certificates", 0) + 1
    context.shared["records_certificate"] = certificate
    context.stdout.write(
        f"Certificate {certificate.serial} of {user.get_username()}: verify at {certificates.verify_path(certificate)}"
    )


def _still_valid(candidates):
    for certificate in candidates:
        if certificates.verify(certificates.token_of(certificate)).valid:
            return certificate
    return None
