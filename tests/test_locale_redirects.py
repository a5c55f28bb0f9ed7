"""Unprefixed public URLs find their language; unprefixed machine endpoints answer for themselves."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_public_path_without_language_is_sent_to_the_chinese_one(client, site_tree):
    response = client.get("/works/")
    assert response.status_code == 302
    assert response["Location"] == "/zh-hans/works/"


@pytest.mark.parametrize(
    "path", ["/admin/no-such-screen/", "/api/v1/no-such-thing/", "/documents/999999/x.pdf"]
)
def test_a_missing_machine_endpoint_is_a_plain_404(admin_client, path):
    response = admin_client.get(path)
    assert response.status_code == 404
    assert "Accept-Language" in response["Vary"]


def test_an_api_404_stays_json(client):
    response = client.get("/api/v1/works/999999/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/")
    assert response.json()
