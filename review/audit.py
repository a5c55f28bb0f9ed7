"""The live-content auditor: every live page of a reviewed type checked against the invariant of
三审 (review/clearance.py). `manage.py audit_live` runs it; in production a daily job e-mails the
administrators when it finds anything; 三审统计 shows the last run."""

from django_tasks import task

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from pages.reviewed import ReviewedPageMixin

from .clearance import live_problem
from .models import LiveAudit


def reviewed_page_models():
    return [model for model in apps.get_models() if issubclass(model, ReviewedPageMixin)]


def find_problems():
    """(pages checked, [{page_id, title, url, problem}]) over every live page of a reviewed type."""
    checked, problems = 0, []
    for model in reviewed_page_models():
        for page in model.objects.live().order_by("pk").iterator(chunk_size=500):
            checked += 1
            if problem := live_problem(page):
                problems.append(
                    {"page_id": page.pk, "title": page.title, "url": page.url or "", "problem": str(problem)}
                )
    return checked, problems


def audit_live():
    """Check every live reviewed page; record and return the run (LiveAudit)."""
    checked, problems = find_problems()
    return LiveAudit.objects.create(checked=checked, problems=problems)


def report_lines(run):
    lines = [
        _("在线内容核查：检查 %(checked)s 个在线页面，发现 %(count)s 个问题。")
        % {
            "checked": run.checked,
            "count": len(run.problems),
        }
    ]
    lines += [
        f"  #{item['page_id']} 《{item['title']}》 {item['url']}:{item['problem']}" for item in run.problems
    ]
    return lines


def administrators():
    return get_user_model().objects.filter(is_superuser=True, is_active=True).exclude(email="")


@task()
def daily_live_audit():
    """The daily run: tell the administrators at once when something live was not cleared."""
    from .notifications import mail

    run = audit_live()
    if run.problems:
        recipients = sorted(
            {user.email for user in administrators()} | {email for _name, email in settings.ADMINS}
        )
        if recipients:
            subject = _("在线内容核查发现 %(count)s 个未经三审许可的页面") % {"count": len(run.problems)}
            mail(subject, "\n".join(report_lines(run)), recipients)
    return len(run.problems)
