"""Nothing a creator typed or uploaded is lost: files are kept across a form that comes back with a
message, and a form sent after the session expired comes back filled in after logging in again."""

from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from articles.models import ArticlePage
from creators import uploads
from creators.models import InterruptedSubmission, PendingUpload
from review.tests.conftest import PASSWORD

from .creators import creator, form_data, submitted
from .sample_files import TRANSCRIPT, mp4, picture, post_files, rows

pytestmark = pytest.mark.django_db


def form_fields(response):
    """The work form's fields as the browser would send them back (without files)."""
    form = BeautifulSoup(response.content, "html.parser").find("form", class_="report-form")
    data = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name, kind = field.get("name"), field.get("type", "")
        if not name or kind in ("file", "submit") or field.name == "button":
            continue
        if kind == "checkbox" and not field.has_attr("checked"):
            continue
        if field.name == "textarea":
            value = field.text.removeprefix("\n")
        elif field.name == "select":
            value = [option.get("value") for option in field.find_all("option", selected=True)]
            data.setdefault(name, []).extend(value)
            continue
        else:
            value = field.get("value", "on" if kind == "checkbox" else "")
        data.setdefault(name, []).append(value)
    return data


def new_works(cast):
    return ArticlePage.objects.filter(owner=cast["creator"]).exclude(pk=cast["work"].pk)


def test_uploads_survive_a_form_that_comes_back_with_a_message(
    portal, cast, django_capture_on_commit_callbacks
):
    fields = {
        **form_data(cast, references=""),  # the mistake
        **rows(),
        "images-0-alt": "牧草返青示意图",
        "cover_alt": "封面:春季草原",
        "video_transcript": TRANSCRIPT,
    }
    files = {
        "cover": ("c.png", picture()),
        "images-0-file": ("p.jpg", picture("JPEG")),
        "video_file": ("v.mp4", mp4()),
    }
    response = post_files(portal, reverse("creators:new_work"), fields, files)
    assert response.status_code == 200
    content = response.content.decode()
    assert "请至少列出一条参考资料" in content
    assert "已上传：c.png" in content and "已上传：p.jpg" in content and "已上传：v.mp4" in content
    pending_files = [
        Path(pending.file.path) for pending in PendingUpload.objects.filter(owner=cast["creator"])
    ]
    assert len(pending_files) == 3 and all(path.exists() for path in pending_files)
    assert not new_works(cast).exists()

    again = form_fields(response)  # no files this time: only the hidden ids carry them
    again["references"] = ["义务教育教科书 物理 八年级上册 | 人民教育出版社 | 2012"]
    with django_capture_on_commit_callbacks(execute=True):  # held files go once the work is saved
        assert portal.post(reverse("creators:new_work"), again).status_code == 302
    latest = submitted(cast).get_latest_revision_as_object()
    assert latest.cover_image.description == "封面:春季草原"
    kinds = [block.block_type for block in latest.body]
    assert kinds == ["heading", "paragraph", "image", "video", "references"]
    assert latest.body[3].value["poster"] == latest.cover_image  # the cover frames the video
    assert not PendingUpload.objects.exists()
    assert not any(path.exists() for path in pending_files)  # moved into the library


def test_choosing_a_new_file_replaces_the_kept_one(portal, cast):
    fields = {**form_data(cast, references=""), **rows(), "images-0-alt": "图"}
    first = post_files(portal, reverse("creators:new_work"), fields, {"images-0-file": ("a.png", picture())})
    kept = PendingUpload.objects.get()
    again = form_fields(first)
    second = post_files(
        portal, reverse("creators:new_work"), again, {"images-0-file": ("b.png", picture(size=(20, 20)))}
    )
    assert "已上传：b.png" in second.content.decode()
    assert not PendingUpload.objects.filter(pk=kept.pk).exists()
    assert not Path(kept.file.path).exists()


def test_more_picture_rows_without_javascript(portal, cast):
    fields = {**rows(), "title": "", "images-0-alt": "图一"}
    response = post_files(
        portal,
        reverse("creators:new_work"),
        {**fields, "more_images": "1"},
        {"images-0-file": ("a.png", picture())},
    )
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("input", {"name": "images-TOTAL_FORMS"})["value"] == "6"
    assert soup.find("input", {"name": "images-5-file"}) is not None
    assert "已上传：a.png" in response.content.decode()
    assert "这个字段是必填项" not in response.content.decode()  # not a save: no complaints yet
    assert not new_works(cast).exists()


def test_pending_uploads_older_than_a_day_are_removed(portal, cast):
    old = uploads.keep(cast["creator"], SimpleUploadedFile("a.png", picture()), PendingUpload.Kind.IMAGE)
    fresh = uploads.keep(cast["creator"], SimpleUploadedFile("b.png", picture()), PendingUpload.Kind.IMAGE)
    PendingUpload.objects.filter(pk=old.pk).update(created_at=old.created_at - timedelta(days=1, minutes=1))
    fields = {**form_data(cast), **rows(), "images-0-upload": str(old.pk), "images-0-alt": "过期的图"}
    response = portal.post(reverse("creators:new_work"), fields)
    assert "这张图片已过期或无法使用，请重新选择文件" in response.content.decode()
    assert not PendingUpload.objects.filter(pk=old.pk).exists() and not Path(old.file.path).exists()
    assert PendingUpload.objects.filter(pk=fresh.pk).exists()


def test_editing_keeps_pictures_and_video_in_place(portal, cast):
    fields = {
        **form_data(cast, body="<p>开头</p>\n[图2]\n<p>中间</p>\n[视频]\n[图1]"),
        **rows(),
        "images-0-alt": "图一描述",
        "images-1-alt": "图二描述",
        "images-1-caption": "图二说明",
        "video_transcript": TRANSCRIPT,
    }
    files = {
        "images-0-file": ("a.png", picture()),
        "images-1-file": ("b.png", picture()),
        "video_file": ("v.mp4", mp4()),
    }
    assert post_files(portal, reverse("creators:new_work"), fields, files).status_code == 302
    work = submitted(cast)
    before = [block.block_type for block in work.get_latest_revision_as_object().body]
    assert before == ["paragraph", "image", "paragraph", "video", "image", "references"]

    page = portal.get(reverse("creators:edit_work", args=[work.pk]))
    content = page.content.decode()
    assert "[图1]" in content and "[图2]" in content and "[视频]" in content and "已有：" in content
    again = form_fields(page)
    again["images-0-alt"] = ["图二的新描述"]  # rows follow the body: row 1 is the first picture shown
    assert portal.post(reverse("creators:edit_work", args=[work.pk]), again).status_code == 302
    latest = ArticlePage.objects.get(pk=work.pk).get_latest_revision_as_object()
    assert [block.block_type for block in latest.body] == before
    images = [block.value for block in latest.body if block.block_type == "image"]
    assert images[0]["image"].description == "图二的新描述" and images[0]["caption"] == "图二说明"
    assert get_image_model().objects.filter(uploaded_by_user=cast["creator"]).count() == 2  # no copies
    assert get_document_model().objects.filter(uploaded_by_user=cast["creator"]).count() == 1

    again["images-1-DELETE"] = ["on"]
    again["video_delete"] = ["on"]
    assert portal.post(reverse("creators:edit_work", args=[work.pk]), again).status_code == 302
    latest = ArticlePage.objects.get(pk=work.pk).get_latest_revision_as_object()
    assert [block.block_type for block in latest.body] == ["paragraph", "image", "paragraph", "references"]


def test_editing_without_a_new_cover_keeps_the_cover(portal, cast):
    fields = {**form_data(cast), "cover_alt": "封面:希拉穆仁草原"}
    assert (
        post_files(portal, reverse("creators:new_work"), fields, {"cover": ("c.png", picture())}).status_code
        == 302
    )
    work = submitted(cast)
    edit = reverse("creators:edit_work", args=[work.pk])
    assert portal.post(edit, form_fields(portal.get(edit))).status_code == 302
    latest = ArticlePage.objects.get(pk=work.pk).get_latest_revision_as_object()
    assert latest.cover_image is not None and latest.cover_image.description == "封面:希拉穆仁草原"


# The session expired ----------------------------------------------------------------------------


@pytest.fixture
def browser(cast):
    """A client that checks CSRF like a browser, logged in with the creator's form open."""
    creator(cast, "creator")
    creator(cast, "other_creator")
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast["creator"])
    return client


def expire_session(client):
    Session.objects.filter(session_key=client.session.session_key).delete()


def csrf(client, url):
    page = client.get(url)
    return BeautifulSoup(page.content, "html.parser").find("input", {"name": "csrfmiddlewaretoken"})["value"]


def test_a_form_sent_after_the_session_expired_comes_back_after_login(browser, cast):
    url = reverse("creators:new_work")
    kept = uploads.keep(cast["creator"], SimpleUploadedFile("a.png", picture()), PendingUpload.Kind.IMAGE)
    fields = {
        **form_data(cast, title="登录过期前写好的标题"),
        **rows(),
        "images-0-upload": str(kept.pk),
        "images-0-alt": "早先上传的图",
        "csrfmiddlewaretoken": csrf(browser, url),
        "submit": "1",
    }
    expire_session(browser)
    response = browser.post(url, fields)
    assert response.status_code == 302
    login = urlsplit(response["Location"])
    assert login.path == reverse("creators:login")
    next_url = parse_qs(login.query)["next"][0]
    assert next_url.startswith(f"{url}?restore=")
    assert InterruptedSubmission.objects.count() == 1
    assert not new_works(cast).exists()

    login_page = browser.get(response["Location"])
    assert "登录已过期" in login_page.content.decode()
    token = BeautifulSoup(login_page.content, "html.parser").find("input", {"name": "csrfmiddlewaretoken"})[
        "value"
    ]
    logged_in = browser.post(
        response["Location"],
        {"login": cast["creator"].email, "password": PASSWORD, "csrfmiddlewaretoken": token},
    )
    assert logged_in.status_code == 302 and logged_in["Location"] == next_url

    restored = browser.get(next_url)
    content = restored.content.decode()
    assert "已恢复登录过期前填写的内容" in content
    assert "登录过期前写好的标题" in content and "沸腾需要什么条件" in content and "已上传：a.png" in content
    assert not InterruptedSubmission.objects.exists()  # given back once

    again = form_fields(restored)
    again["submit"] = ["1"]
    assert browser.post(url, again).status_code == 302
    work = submitted(cast)
    assert work.get_latest_revision_as_object().title == "登录过期前写好的标题"
    assert [b.block_type for b in work.get_latest_revision_as_object().body][-2] == "image"

    second = browser.get(next_url)
    assert "未能恢复" in second.content.decode()


def test_new_files_sent_with_an_expired_session_are_asked_for_again(browser, cast):
    url = reverse("creators:new_work")
    fields = {**form_data(cast), **rows(), "images-0-alt": "图", "csrfmiddlewaretoken": csrf(browser, url)}
    expire_session(browser)
    response = post_files(browser, url, fields, {"images-0-file": ("a.png", picture())})
    assert response.status_code == 302
    assert not PendingUpload.objects.exists()  # nobody was logged in to own it
    browser.force_login(cast["creator"])
    next_url = parse_qs(urlsplit(response["Location"]).query)["next"][0]
    assert "新选择的文件未能保存，请重新选择" in browser.get(next_url).content.decode()


def test_kept_forms_are_not_given_back_forged_elsewhere_or_late(browser, cast):
    url = reverse("creators:new_work")
    fields = {**form_data(cast, title="辉腾锡勒草原"), "csrfmiddlewaretoken": csrf(browser, url)}
    expire_session(browser)
    next_url = parse_qs(urlsplit(browser.post(url, fields)["Location"]).query)["next"][0]
    token = parse_qs(urlsplit(next_url).query)["restore"][0]
    browser.force_login(cast["creator"])

    forged = browser.get(f"{url}?restore={token[:-2]}xx")
    assert "未能恢复" in forged.content.decode() and "辉腾锡勒草原" not in forged.content.decode()
    elsewhere = browser.get(f"{reverse('creators:edit_work', args=[cast['work'].pk])}?restore={token}")
    assert "未能恢复" in elsewhere.content.decode()
    assert InterruptedSubmission.objects.count() == 1

    InterruptedSubmission.objects.update(
        created_at=InterruptedSubmission.objects.get().created_at - timedelta(days=2)
    )
    late = browser.get(next_url)
    assert "未能恢复" in late.content.decode() and not InterruptedSubmission.objects.exists()


def test_someone_elses_pending_ids_in_a_kept_form_stay_theirs(browser, cast):
    theirs = uploads.keep(
        cast["other_creator"], SimpleUploadedFile("theirs.png", picture()), PendingUpload.Kind.IMAGE
    )
    url = reverse("creators:new_work")
    fields = {
        **form_data(cast),
        **rows(),
        "images-0-upload": str(theirs.pk),
        "images-0-alt": "x",
        "csrfmiddlewaretoken": csrf(browser, url),
    }
    expire_session(browser)
    next_url = parse_qs(urlsplit(browser.post(url, fields)["Location"]).query)["next"][0]
    browser.force_login(cast["creator"])
    content = browser.get(next_url).content.decode()
    assert "theirs.png" not in content and "这张图片已过期或无法使用" in content
