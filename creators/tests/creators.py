"""The creator-portal test helpers: a verified creator, the work they submit, the form data."""

from django.utils import timezone

from articles.models import ArticlePage
from creators.models import CreatorProfile

WORK = {
    "title": "为什么在高原上,水不到100℃就开了",
    "summary": "水的沸点随气压降低而降低。",
    "form": "article",
    "body": '<h2>沸腾需要什么条件</h2><p onclick="x()">气压越低,沸点越低。<script>alert(1)</script></p>',
    "references": "义务教育教科书 物理 八年级上册 | 人民教育出版社 | 2012",
    "conflicts": "",
}


def creator(cast, username):
    user = cast[username]
    CreatorProfile.objects.create(
        user=user,
        real_name=f"{username}真名",
        affiliation="呼和浩特市应急科普工作室",
        terms_accepted_at=timezone.now(),
        email_verified_at=timezone.now(),
    )
    return user


def submitted(cast):
    """The work sent through the portal (the cast already owns one draft made in the admin)."""
    return ArticlePage.objects.filter(owner=cast["creator"]).exclude(pk=cast["work"].pk).get()


def form_data(cast, **changes):
    from articles.models import Audience, Discipline

    return {
        **WORK,
        "disciplines": [Discipline.objects.get(code="safety").pk],
        "audiences": [Audience.objects.get(code="youth").pk],
        **changes,
    }
