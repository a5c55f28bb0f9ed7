"""Sending one week's digest, at most once to each subscriber.

For each subscriber: claim a DigestDelivery row in a transaction of its own (committed), hand the
e-mail to the mail server, then mark the row sent. The unique (issue, subscriber) constraint makes
the claim a lock: a rerun after a crash, or a second run started by mistake, finds the row and skips
the subscriber. A row claimed but never marked sent means the run stopped between the two steps —
the server may or may not have taken the mail — so it is reported as uncertain and never resent
(at most once): a reader missing one week is better than a reader receiving the same digest twice.
An operator who has checked the mail server's log can delete the row in the admin (周报投递); the
next run then sends that subscriber's copy.

A failed hand-off stops the run (the rest wait for a rerun): when the mail server is down, going on
would only turn every remaining subscriber into an uncertain one.

The shared delivery log (channels.models.Delivery) gets one row per work per run: which revision of
the work went out in which issue, and to how many subscribers; each subscriber's row here lists the
works and revisions of their copy.
"""

from collections import Counter
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from channels.models import Channel, Delivery

from . import emails, tokens
from .content import IssueContent
from .models import DigestDelivery, DigestIssue, Subscriber


@dataclass
class Report:
    issue: str
    dry_run: bool = False
    works: int = 0
    sent: list = field(default_factory=list)
    empty: int = 0
    already_sent: int = 0
    uncertain: list = field(default_factory=list)
    failed: str = ""
    error: str = ""

    def as_dict(self):
        return asdict(self)

    def lines(self):
        verb = "would be sent" if self.dry_run else "sent"
        lines = [
            f"Digest {self.issue}: {self.works} work(s) in the week; {len(self.sent)} digest(s) {verb}; "
            f"{self.empty} subscriber(s) with nothing to receive; {self.already_sent} already sent earlier."
        ]
        if self.failed:
            lines.append(f"Stopped: sending to {self.failed} failed ({self.error}); rerun to send the rest.")
        if self.uncertain:
            lines.append(
                f"Uncertain (claimed, never confirmed sent; not resent): {', '.join(self.uncertain)}"
            )
        return lines


def send_issue(week, *, dry_run=False):
    """Send `week`'s digest to every active subscriber who has not been sent it; returns a Report.

    Must run outside any transaction: each claim has to be committed before its e-mail leaves."""
    with translation.override(settings.LANGUAGE_CODE):
        return _send(week, dry_run)


def _send(week, dry_run):
    content = IssueContent(week)
    report = Report(issue=week.label, dry_run=dry_run, works=len(content.entries))
    subscribers = Subscriber.objects.active().prefetch_related("audiences", "disciplines").order_by("pk")
    if dry_run:
        for subscriber in subscribers:
            if _selection(content, subscriber):
                report.sent.append(subscriber.email)
            else:
                report.empty += 1
        return report

    issue, _created = DigestIssue.objects.get_or_create(week_start=week.monday)
    claimed = {}
    for subscriber_id, sent_at, email in issue.deliveries.values_list(
        "subscriber_id", "sent_at", "subscriber__email"
    ):
        claimed[subscriber_id] = sent_at
        if sent_at is None:
            report.uncertain.append(email)
    root = tokens.site_root()
    handed = Counter()
    entries = {}
    try:
        with get_connection() as connection:
            for subscriber in subscribers:
                if subscriber.pk in claimed:
                    if claimed[subscriber.pk] is not None:
                        report.already_sent += 1
                    continue
                selection = _selection(content, subscriber)
                if not selection:
                    report.empty += 1
                    continue
                message = emails.digest(
                    subscriber,
                    week,
                    selection,
                    tokens.links(subscriber, root),
                    emails.scope(subscriber.audiences.all(), subscriber.disciplines.all()),
                    connection=connection,
                )
                delivery = _claim(issue, subscriber, selection)
                if delivery is None:  # another run claimed it a moment ago
                    report.already_sent += 1
                    continue
                try:
                    message.send()
                except Exception as error:
                    DigestDelivery.objects.filter(pk=delivery.pk).update(error=repr(error)[:2000])
                    report.failed, report.error = subscriber.email, repr(error)
                    report.uncertain.append(subscriber.email)
                    break
                DigestDelivery.objects.filter(pk=delivery.pk).update(sent_at=timezone.now())
                report.sent.append(subscriber.email)
                for entry in selection.entries:
                    handed[entry.page.pk] += 1
                    entries[entry.page.pk] = entry
    finally:
        _log(week, handed, entries)
    return report


def _selection(content, subscriber):
    return content.select(
        [audience.pk for audience in subscriber.audiences.all()],
        [discipline.pk for discipline in subscriber.disciplines.all()],
    )


def _claim(issue, subscriber, selection):
    """The delivery row, committed before anything is sent; None if it exists already."""
    try:
        # durable: refuses to run inside an outer transaction, whose rollback would undo the claim
        # after the e-mail had left.
        with transaction.atomic(durable=True):
            return DigestDelivery.objects.create(
                issue=issue, subscriber=subscriber, works=[entry.record for entry in selection.entries]
            )
    except IntegrityError:
        return None


def _log(week, handed, entries):
    """One delivery-log row per work handed off in this run, written in one query. The revision is
    the one the digest was built from."""
    rows = [
        Delivery.of(
            Channel.DIGEST,
            entries[pk].page,
            recipient=_("%(count)s 位订阅者") % {"count": count},
            issue=week.label,
            section=entries[pk].section,
            subscribers=count,
        )
        for pk, count in handed.items()
    ]
    if rows:
        Delivery.objects.bulk_create(rows)
