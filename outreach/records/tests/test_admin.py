"""The admin's 科普工作量: who sees it, issuing and revoking, bounded queries at two sizes."""

import pytest

from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from outreach.records import certificates
from outreach.records.models import Certificate, RecordConsent
from tests import factories

from .scenario import make_creator

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(db):
    return factories.UserFactory(username="boss", is_superuser=True, is_staff=True)


@pytest.fixture
def records_officer(db):
    """An admin user given the records permissions through a group (设置 → 用户组)."""
    user = factories.UserFactory(username="officer")
    group = Group.objects.create(name="科普工作量管理")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="records"),
    )
    user.groups.add(group)
    return user


def test_list_filters_by_role_and_period(client, volunteer_scenario, records_officer):
    client.force_login(records_officer)
    response = client.get(reverse("records_admin:index"), {"year": "2026"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "王晓明（演示）" in html and "李华（演示）" in html and "孙志愿（演示）" in html
    html = client.get(reverse("records_admin:index"), {"role": "volunteer"}).content.decode()
    assert "孙志愿（演示）" in html and "王晓明（演示）" not in html
    assert client.get(reverse("records_admin:index"), {"year": "abc"}).status_code == 400


def test_list_costs_a_bounded_number_of_queries(
    client, scenario, records_officer, django_assert_max_num_queries
):
    client.force_login(records_officer)
    url = reverse("records_admin:index")
    client.get(url)  # warm Wagtail's per-process caches

    def cost():
        with django_assert_max_num_queries(40) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    small = cost()
    for n in range(10):
        make_creator(f"many-{n}", f"作者{n}（演示）")
    assert cost() == small


def test_people_without_the_permission_are_refused(client, scenario):
    editor = factories.UserFactory(username="plain-editor")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.get(reverse("records_admin:index")).status_code in (302, 403)
    key = f"user-{scenario.creator.pk}"
    assert client.post(reverse("records_admin:issue", args=[key]), {"year": "2026"}).status_code in (302, 403)
    assert Certificate.objects.count() == 0
    # A creator signed in to the public site gets nothing of the admin's either.
    client.force_login(scenario.creator)
    assert client.post(reverse("records_admin:issue", args=[f"user-{scenario.expert.pk}"])).status_code in (
        302,
        403,
    )
    assert Certificate.objects.count() == 0


def test_issue_download_and_revoke(client, scenario, admin_user):
    client.force_login(admin_user)
    key = f"user-{scenario.expert.pk}"
    page = client.get(reverse("records_admin:person", args=[key]))
    assert page.status_code == 200 and "开具证明" in page.content.decode()
    response = client.post(reverse("records_admin:issue", args=[key]), {"year": "2026"})
    assert response["Content-Type"] == "application/pdf"
    certificate = Certificate.objects.get()
    assert certificate.user == scenario.expert and certificate.issued_by == admin_user
    assert (
        client.get(reverse("records_admin:download", args=[certificate.pk]))["Content-Type"]
        == "application/pdf"
    )
    # Revoking needs a reason; without one nothing changes and the page says why.
    response = client.post(reverse("records_admin:revoke", args=[certificate.pk]), {"reason": ""})
    assert response.status_code == 400 and "请填写撤销原因" in response.content.decode()
    response = client.post(reverse("records_admin:revoke", args=[certificate.pk]), {"reason": "数字有误"})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.revoked and certificate.revoked_by == admin_user
    assert certificates.verify(certificates.token_of(certificate)).status == certificates.Status.REVOKED


def test_admin_changes_a_volunteers_consent(client, volunteer_scenario, admin_user):
    client.force_login(admin_user)
    key = f"volunteer-{volunteer_scenario.volunteer.pk}"
    response = client.post(
        reverse("records_admin:consent", args=[key]), {"show_name": "on", "show_hours": "on"}
    )
    assert response.status_code == 302
    consent = RecordConsent.objects.get()
    assert (
        consent.volunteer == volunteer_scenario.volunteer
        and consent.show_hours
        and not consent.show_affiliation
    )
    assert client.get(reverse("records_admin:person", args=["volunteer-999999"])).status_code == 404
    assert client.get(reverse("records_admin:person", args=["nobody"])).status_code == 404
