"""The supervision part of the demo (outreach/demo.py): readers' answers to 这篇有帮助吗 on demo works,
so the 督查 dashboard has figures, and the dashboard permission for editors and chief editors.
Content in data/demo.toml; idempotent (a work that already has answers gets none added)."""

import tomllib
from datetime import timedelta
from pathlib import Path

from django.contrib.auth.models import Permission
from django.utils import timezone

from articles.models import ArticlePage

from .models import HelpfulAnswer

DATA = Path(__file__).parent / "data" / "demo.toml"


def load(context):
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    permission = Permission.objects.get(content_type__app_label="supervision", codename="view_dashboard")
    for key in data["dashboard_groups"]:
        if key in context.groups:
            context.groups[key].permissions.add(permission)
    today = timezone.localdate()
    works = ArticlePage.objects.live().filter(slug__in=data["answers"], locale=context.home.locale)
    answered = set(HelpfulAnswer.objects.filter(page__in=works).values_list("page_id", flat=True))
    made = 0
    for work in works:
        if work.pk in answered:
            continue
        yes, no = data["answers"][work.slug]
        first = max(today - timedelta(days=data["spread_days"]), timezone.localdate(work.first_published_at))
        span = max((today - first).days, 0)
        total = yes + no
        # Spread evenly over the span; every so many answers a 没帮助, as readers mix them.
        answers = [
            HelpfulAnswer(
                page=work,
                helpful=(index * no) // total == ((index + 1) * no) // total,
                created=first + timedelta(days=span * index // max(total - 1, 1)),
            )
            for index in range(total)
        ]
        HelpfulAnswer.objects.bulk_create(answers)
        made += len(answers)
    context.created["helpful answers"] = context.created.get("helpful answers", 0) + made
    context.stdout.write(
        f"Supervision: {made} answers to 这篇有帮助吗 on {len(works)} works; the 督查 dashboard "
        f"(admin → 报告 → 督查统计) for {', '.join(data['dashboard_groups'])}."
    )
