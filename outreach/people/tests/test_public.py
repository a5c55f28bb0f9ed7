"""The public pages of teams and experts: only what each expert agreed to publish, 404 for the rest,
no form (a shared cache may keep them), and a bounded number of queries at any team size."""

import pytest

from django.urls import reverse

from outreach.people.models import Team
from tests.factories import make_image

from .factories import make_speaker, make_team

pytestmark = pytest.mark.django_db

WITHHELD_BIO = "只在后台可见的简介句子"
WITHHELD_AFFILIATION = "不公开的单位（演示）"


def test_teams_list_groups_by_kind_and_counts_only_published_members(client, site_tree):
    shown, hidden = make_speaker("公开专家"), make_speaker("隐身专家", publish_profile=False)
    make_team("阿拉善盟科普讲师团", Team.Kind.LECTURERS, [shown, hidden], slug="alxa-lecturers")
    make_team("科学家精神宣讲团", Team.Kind.SCIENTIST_SPIRIT, [], slug="spirit")
    response = client.get(reverse("people:teams"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("科普讲师团") < html.index("科学家精神宣讲团")
    assert "公开成员 1 人" in html
    assert "隐身专家" not in html
    assert "<form" not in html.split('role="search"')[-1]  # the site search box only
    assert "csrfmiddlewaretoken" not in html
    assert "public" in response["Cache-Control"]


def test_team_page_shows_published_members_in_role_order_and_counts_the_rest(client, site_tree):
    leader, member = make_speaker("王团长（演示）"), make_speaker("李成员（演示）")
    hidden = make_speaker("赵隐身（演示）", publish_profile=False)
    make_team("包头市科普专家团", Team.Kind.EXPERTS, [leader, hidden, member], slug="baotou")
    response = client.get(reverse("people:team", args=["baotou"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("王团长（演示）") < html.index("李成员（演示）")
    assert "团长" in html
    assert "赵隐身" not in html
    assert "另有 1 位成员未公开个人信息" in html
    assert reverse("people:expert", args=[leader.expert_id]) in html
    assert reverse("people:expert", args=[hidden.expert_id]) not in html


def test_unknown_team_is_404(client, site_tree):
    assert client.get(reverse("people:team", args=["no-such-team"])).status_code == 404


def test_expert_page_shows_what_was_agreed(client, site_tree):
    speaker = make_speaker("周专家（演示）", topics=["防范电信网络诈骗", "冬季一氧化碳中毒预防"])
    html = client.get(reverse("people:expert", args=[speaker.expert_id])).content.decode()
    assert "周专家（演示）" in html
    assert speaker.expert.affiliation in html
    assert speaker.bio in html
    assert "防范电信网络诈骗" in html
    assert "医学与健康" in html
    assert "新城区" in html


@pytest.mark.parametrize(
    ("flag", "secret"),
    [("publish_bio", WITHHELD_BIO), ("publish_affiliation", WITHHELD_AFFILIATION)],
)
def test_a_field_not_agreed_never_appears(client, site_tree, flag, secret):
    speaker = make_speaker("孙专家（演示）", bio=WITHHELD_BIO, **{flag: False})
    speaker.expert.affiliation = WITHHELD_AFFILIATION
    speaker.expert.save()
    team = make_team("测试团", members=[speaker], slug="t")
    for url in (
        reverse("people:expert", args=[speaker.expert_id]),
        reverse("people:team", args=[team.slug]),
        reverse("people:teams"),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert secret not in response.content.decode(), url


def test_photo_only_with_consent(client, site_tree):
    from media.renditions import CARD, make_all

    photo = make_image("专家照片")
    make_all(photo)
    agreed = make_speaker("有照片（演示）", photo=photo)
    refused = make_speaker("无照片（演示）", photo=photo, publish_photo=False)
    rendition = photo.renditions.get(filter_spec=CARD).url
    assert rendition in client.get(reverse("people:expert", args=[agreed.expert_id])).content.decode()
    assert rendition not in client.get(reverse("people:expert", args=[refused.expert_id])).content.decode()
    team = make_team("照片团", members=[refused], slug="photos")
    assert rendition not in client.get(reverse("people:team", args=[team.slug])).content.decode()


def test_unpublished_or_inactive_or_unknown_expert_is_404(client, site_tree):
    hidden = make_speaker(publish_profile=False)
    retired = make_speaker()
    retired.expert.is_active = False
    retired.expert.save()
    for expert_id in (hidden.expert_id, retired.expert_id, 999999):
        assert client.get(reverse("people:expert", args=[expert_id])).status_code == 404


@pytest.mark.parametrize("size", [3, 30])
def test_team_and_list_queries_are_bounded(client, site_tree, django_assert_max_num_queries, size):
    members = [
        make_speaker(f"成员{i}（演示）", topics=["人工智能基础", "防范电信网络诈骗"]) for i in range(size)
    ]
    make_team("大团", members=members, slug="big")
    make_team("另一团", Team.Kind.EXPERTS, members=members[:2], slug="other")
    client.get(reverse("people:teams"))  # warm what every page reads once (menus, site settings)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("people:team", args=["big"])).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(reverse("people:teams")).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("people:expert", args=[members[0].expert_id])).status_code == 200


def test_a_change_announces_the_public_pages_it_makes_stale(site_tree):
    from outreach.people.signals import public_pages_changed

    speaker = make_speaker("撤回同意（演示）")
    make_team("某团", members=[speaker], slug="some-team")
    heard = []

    def listener(sender, paths, **kwargs):
        heard.extend(paths)

    public_pages_changed.connect(listener)
    try:
        speaker.publish_profile = False
        speaker.save()
        speaker.expert.affiliation = "新单位（演示）"
        speaker.expert.save()
    finally:
        public_pages_changed.disconnect(listener)
    expert_path = reverse("people:expert", args=[speaker.expert_id])
    for path in (expert_path, reverse("people:team", args=["some-team"]), reverse("people:teams")):
        assert path in heard
    assert expert_path.replace("/zh-hans/", "/mn/") in heard
