"""Renditions are made when a picture is saved (a background job), by `make_renditions` and never in
a reader's request: a page with missing renditions leaves them out and asks the job for them."""

import io

import pytest
from django_tasks import task_backends

from django.core.management import call_command
from django.test import override_settings

from wagtail.images import get_image_model

from media import renditions
from media.tasks import make_renditions
from tests import factories

pytestmark = pytest.mark.django_db

QUEUED = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def rendition_specs(image):
    return sorted(image.renditions.values_list("filter_spec", flat=True))


def all_renditions():
    return get_image_model().get_rendition_model().objects.count()


@pytest.fixture(autouse=True)
def _nothing_asked_yet():
    renditions._asked.clear()  # rolled-back ids are reused: an earlier test's request must not count
    yield
    renditions._asked.clear()


def test_a_saved_picture_gets_every_rendition_the_pages_show():
    image = factories.make_image("草原")
    assert rendition_specs(image) == sorted(renditions.PAGE_SPECS)


@override_settings(TASKS=QUEUED)
def test_a_saved_picture_queues_the_job_rather_than_resizing_in_the_request():
    image = factories.make_image("草原")
    assert rendition_specs(image) == []
    queued = [result.args for result in task_backends["default"].results if result.task == make_renditions]
    assert queued == [[image.pk]]
    make_renditions.call(image.pk)
    assert rendition_specs(image) == sorted(renditions.PAGE_SPECS)


def test_a_public_request_makes_no_rendition_and_asks_the_job(client, site_tree):
    work = factories.make_illustrated_work(site_tree["works"])
    Rendition = get_image_model().get_rendition_model()
    Rendition.objects.all().delete()
    with override_settings(TASKS=QUEUED):
        for url in (work.url, site_tree["works"].url, site_tree["home"].url):
            response = client.get(url)
            assert response.status_code == 200, url
        assert all_renditions() == 0
        html = client.get(work.url).content.decode()
        queued = [result for result in task_backends["default"].results if result.task == make_renditions]
    # The missing pictures are left out (no broken <img>), each picture asked for once.
    assert "srcset" not in html
    assert sorted(result.args[0] for result in queued) == sorted([work.cover_image_id, _body_image(work)])
    for result in queued:
        make_renditions.call(*result.args)
    assert all_renditions() == 2 * len(renditions.PAGE_SPECS)
    html = client.get(work.url).content.decode()
    assert html.count("srcset=") == 2  # the cover and the body's picture
    assert all_renditions() == 2 * len(renditions.PAGE_SPECS)


def test_no_channel_makes_a_rendition_in_a_readers_request(client, site_tree):
    """The share picture, the API, the feeds, the sitemap and the leaflets read renditions made
    ahead; with none made they answer without pictures and ask the job."""
    work = factories.make_illustrated_work(site_tree["works"])
    get_image_model().get_rendition_model().objects.all().delete()
    urls = [
        work.url,
        f"/api/v1/works/{work.pk}/",
        "/api/v1/works/",
        "/zh-hans/feeds/works.rss",
        "/sitemap.xml",
        f"/zh-hans/leaflets/{work.pk}/a4.pdf",
        f"/zh-hans/leaflets/{work.pk}/a5.pdf",
    ]
    with override_settings(TASKS=QUEUED):
        for url in urls:
            assert client.get(url).status_code == 200, url
        results = task_backends["default"].results
        asked = {result.args[0] for result in results if result.task == make_renditions}
    assert all_renditions() == 0
    assert work.cover_image_id in asked


def _body_image(work):
    return next(block.value["image"].pk for block in work.body if block.block_type == "image")


def test_a_page_with_some_renditions_missing_shows_those_it_has(client, site_tree):
    work = factories.make_illustrated_work(site_tree["works"])
    work.cover_image.renditions.filter(filter_spec=renditions.COVER).delete()
    with override_settings(TASKS=QUEUED):
        html = client.get(work.url).content.decode()
        queued = task_backends["default"].results
        assert [result.args for result in queued if result.task == make_renditions] == [[work.cover_image_id]]
    cover = work.cover_image.renditions.get(filter_spec=renditions.COVER_SMALL)
    assert f'src="{cover.url}"' in html
    assert work.cover_image.renditions.filter(filter_spec=renditions.COVER).count() == 0


def test_make_renditions_makes_what_is_missing_and_can_run_again():
    images = [factories.make_image(f"图{n}") for n in range(3)]
    get_image_model().get_rendition_model().objects.all().delete()
    out = io.StringIO()
    call_command("make_renditions", stdout=out)
    assert f"{3 * len(renditions.PAGE_SPECS)} renditions made" in out.getvalue()
    assert all(rendition_specs(image) == sorted(renditions.PAGE_SPECS) for image in images)
    again = io.StringIO()
    call_command("make_renditions", stdout=again)
    assert "0 renditions made" in again.getvalue()


def test_a_picture_whose_file_is_missing_is_skipped(caplog):
    image = factories.make_image("丢失")
    image.renditions.all().delete()
    image.file.storage.delete(image.file.name)
    assert make_renditions.call(image.pk) == 0
    assert "has no file" in caplog.text
