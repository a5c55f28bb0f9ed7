"""Storage error or disk full on upload: a clear Chinese message, nothing typed lost, and no
orphans — no picture, file, rendition, pending or held upload row without its file, no file (whole
or partial) without its row. Covers the creator portal (upload, then the save into the library) and
the admin (the single picture and file forms, and the multiple uploader with its held files)."""

import json
from pathlib import Path

import pytest

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import resolve, reverse

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import UploadedFile

from articles.models import ArticlePage
from creators import uploads
from creators.models import PendingUpload
from creators.tests.conftest import portal  # noqa: F401
from creators.tests.creators import creator, form_data
from creators.tests.sample_files import TRANSCRIPT, mp4, picture, post_files, rows
from creators.tests.test_drafts import form_fields
from media import views

from .storages import DiskFull

pytestmark = pytest.mark.django_db

FILE_MODELS = (get_image_model(), get_document_model(), PendingUpload, UploadedFile)


class FillsUp(DiskFull):
    """Room for `room` more files, then full (a partial write and ENOSPC, as DiskFull)."""

    def __init__(self, room, **kwargs):
        super().__init__(**kwargs)
        self.room = room

    def _save(self, name, content):
        if self.room > 0:
            self.room -= 1
            return FileSystemStorage._save(self, name, content)
        return super()._save(name, content)


def files_on_disk():
    root = Path(settings.MEDIA_ROOT)
    return {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()}


def stored_names():
    """Every file name a row points at, renditions included."""
    names = set(get_image_model().get_rendition_model().objects.values_list("file", flat=True))
    for model in FILE_MODELS:
        names |= set(model.objects.values_list("file", flat=True))
    return names


def fill(monkeypatch, storage, *models):
    for model in models:
        monkeypatch.setattr(model._meta.get_field("file"), "storage", storage)


@pytest.fixture
def nothing_left():
    """A check that every file written since the fixture began has its row and every row its file."""
    before_files, before_rows = files_on_disk(), stored_names()

    def check(*, new_rows=0):
        added = stored_names() - before_rows
        assert len(added) == new_rows, added
        assert files_on_disk() - before_files == added  # no partial or unrecorded file
        for name in stored_names():
            assert Path(settings.MEDIA_ROOT, name).is_file(), name  # every row has its file

    return check


@pytest.fixture
def disk_full(monkeypatch, nothing_left):
    """Every upload field's storage fails with ENOSPC; yields a check that nothing was left behind."""
    fill(monkeypatch, DiskFull(location=settings.MEDIA_ROOT), *FILE_MODELS)
    return nothing_left


def test_creator_upload_on_a_full_disk_keeps_what_was_typed(portal, cast, disk_full):  # noqa: F811
    fields = {
        **form_data(cast, title="高原上的水为什么不到一百度就开"),
        **rows(),
        "images-0-alt": "沸点示意图",
    }
    response = post_files(
        portal, reverse("creators:new_work"), fields, {"images-0-file": ("p.png", picture())}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "服务器存储空间不足，这个文件未保存，请稍后再试。" in page
    assert "高原上的水为什么不到一百度就开" in page and "沸点示意图" in page
    disk_full()


def test_saving_a_work_when_the_disk_fills_keeps_the_held_uploads(portal, cast, monkeypatch):  # noqa: F811
    """The disk fills between the upload (held) and the save into the library: the save fails as a
    whole, the held upload and its file stay for the next try, and no library row or file is made."""
    held = uploads.keep(cast["creator"], _uploaded("cover.png"), PendingUpload.Kind.IMAGE)
    images_before, files_before = get_image_model().objects.count(), files_on_disk()
    fill(monkeypatch, DiskFull(location=settings.MEDIA_ROOT), get_image_model())
    library = uploads.LibraryIntake(cast["creator"])
    with pytest.raises(OSError, match="No space left"):
        library.image(held, title="封面", alt="封面", source="作者")
    assert get_image_model().objects.count() == images_before
    assert files_on_disk() == files_before
    held.refresh_from_db()
    assert Path(held.file.path).is_file()


def _uploaded(name):
    return SimpleUploadedFile(name, picture(), content_type="image/png")


@pytest.fixture
def admin_client(admin_client, settings):
    """An administrator in the admin; the second sign-in factor is accounts' own tests' subject."""
    settings.PORTAL_ADMIN_2FA_REQUIRED = False
    return admin_client


IMAGE_FORM = {"title": "草原", "description": "草原的照片", "source": "编辑部", "licence": "own"}


def test_admin_image_upload_on_a_full_disk(admin_client, disk_full):
    response = admin_client.post(reverse("wagtailimages:add"), {**IMAGE_FORM, "file": _uploaded("grass.png")})
    assert response.status_code == 200
    assert "服务器存储空间不足，文件未保存。请联系管理员清理空间后重新上传。" in response.content.decode()
    assert "草原的照片" in response.content.decode()  # what was typed is still in the form
    disk_full()


def test_admin_document_upload_on_a_full_disk(admin_client, disk_full):
    response = admin_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "科普法",
            "source": "编辑部",
            "licence": "own",
            "file": SimpleUploadedFile("law.txt", b"text"),
        },
    )
    assert response.status_code == 200
    assert "服务器存储空间不足，文件未保存" in response.content.decode()
    disk_full()


def test_other_storage_errors_are_named(admin_client, monkeypatch):
    class Broken(DiskFull):
        def _save(self, name, content):
            raise PermissionError(13, "Permission denied")

    storage = Broken(location=settings.MEDIA_ROOT)
    monkeypatch.setattr(get_image_model()._meta.get_field("file"), "storage", storage)
    response = admin_client.post(reverse("wagtailimages:add"), {**IMAGE_FORM, "file": _uploaded("grass.png")})
    assert "文件存储出错，未保存：Permission denied" in response.content.decode()
    assert not get_image_model().objects.filter(title="草原").exists()


def test_admin_upload_stores_and_records_when_the_disk_is_fine(admin_client):
    response = admin_client.post(reverse("wagtailimages:add"), {**IMAGE_FORM, "file": _uploaded("grass.png")})
    assert response.status_code == 302
    image = get_image_model().objects.get(title="草原")
    assert Path(image.file.path).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert image.file_size == Path(image.file.path).stat().st_size and image.file_hash and image.width == 48


# The creator's save into the library -------------------------------------------------------------

WORK_WITH_PICTURES = {
    "title": "高原上的水为什么不到一百度就开",
    "body": "<p>气压越低，沸点越低。</p>\n[图1]\n<p>海拔越高，气压越低。</p>\n[图2]",
    "images-0-alt": "沸点随海拔变化的折线图",
    "images-1-alt": "海拔四千米处烧开的水壶",
}


def test_the_disk_filling_at_the_second_picture_saves_nothing_and_keeps_the_form(
    portal,  # noqa: F811
    cast,
    monkeypatch,
    nothing_left,
):
    """The first picture is copied into the library (its renditions made), the second finds the disk
    full: no work, picture or rendition is left, the first picture's file is removed, and the form
    comes back with everything typed and both uploads still held; the next try saves it all."""
    fill(monkeypatch, FillsUp(1, location=settings.MEDIA_ROOT), get_image_model())
    images = get_image_model().objects.count()
    works = ArticlePage.objects.count()
    fields = {**form_data(cast, **{key: WORK_WITH_PICTURES[key] for key in ("title", "body")}), **rows()}
    fields.update({key: value for key, value in WORK_WITH_PICTURES.items() if key.startswith("images-")})
    files = {"images-0-file": ("chart.png", picture()), "images-1-file": ("kettle.png", picture())}

    response = post_files(portal, reverse("creators:new_work"), fields, files)

    assert response.status_code == 200
    page = response.content.decode()
    assert "服务器存储空间不足，作品未能保存。您填写的内容和上传的文件都还在，请稍后再保存。" in page
    again = form_fields(response)  # the form as the browser will send it back
    for key, typed in WORK_WITH_PICTURES.items():
        assert again[key] == [typed], key
    assert "已上传：chart.png" in page and "已上传：kettle.png" in page
    assert get_image_model().objects.count() == images and ArticlePage.objects.count() == works
    assert PendingUpload.objects.filter(owner=cast["creator"]).count() == 2
    nothing_left(new_rows=2)  # the two held uploads, nothing else

    monkeypatch.undo()  # the disk has room again
    assert portal.post(reverse("creators:new_work"), again).status_code == 302
    assert get_image_model().objects.count() == images + 2
    assert not PendingUpload.objects.filter(owner=cast["creator"]).exists()


def test_a_video_that_does_not_fit_takes_the_cover_and_pictures_back_out(cast, monkeypatch, nothing_left):
    """save_submission itself: pictures and the cover go in, the video's copy fails: every library
    file written in the save (pictures and their renditions) is removed and the error raised on."""
    from creators.forms.work import WorkSubmission
    from creators.submission import save_submission

    user = creator(cast, "creator")
    keep = uploads.keep
    cover = keep(user, _uploaded("cover.png"), PendingUpload.Kind.IMAGE)
    chart = keep(user, _uploaded("chart.png"), PendingUpload.Kind.IMAGE)
    video = keep(
        user, SimpleUploadedFile("boil.mp4", mp4(), content_type="video/mp4"), PendingUpload.Kind.VIDEO
    )
    data = {
        **form_data(cast, body="<p>水烧开了。</p>\n[图1]\n[视频]"),
        **rows(1),
        "cover_upload": str(cover.pk),
        "cover_alt": "草原上的蒙古包",
        "images-0-upload": str(chart.pk),
        "images-0-alt": "沸点折线图",
        "video_upload": str(video.pk),
        "video_transcript": TRANSCRIPT,
    }
    form = WorkSubmission(data, user=user)
    assert form.is_valid(), form
    images = get_image_model().objects.count()
    renditions = get_image_model().get_rendition_model().objects.count()
    nothing_left(new_rows=3)  # the three held uploads
    fill(monkeypatch, DiskFull(location=settings.MEDIA_ROOT), get_document_model())

    with pytest.raises(OSError, match="No space left"):
        save_submission(form, user)

    assert get_image_model().objects.count() == images
    assert get_image_model().get_rendition_model().objects.count() == renditions
    assert PendingUpload.objects.filter(pk__in=[cover.pk, chart.pk, video.pk]).count() == 3
    nothing_left(new_rows=3)


# The admin's multiple uploader ------------------------------------------------------------------

UPLOADERS = {
    "images": ("wagtailimages", views.ImageAddView, views.ImageFromUploadView, get_image_model, "grass.png"),
    "documents": (
        "wagtaildocs",
        views.DocumentAddView,
        views.DocumentFromUploadView,
        get_document_model,
        "law.txt",
    ),
}


def _file(name):
    return (
        _uploaded(name)
        if name.endswith(".png")
        else SimpleUploadedFile(name, "中华人民共和国科学技术普及法".encode())
    )


def _held_form(kind, held):
    prefix = f"uploaded-{'image' if kind == 'images' else 'document'}-{held.pk}"
    return {f"{prefix}-{key}": value for key, value in {**IMAGE_FORM, "tags": ""}.items()}


@pytest.mark.parametrize("kind", UPLOADERS)
def test_the_multiple_uploader_is_the_portals(kind):
    namespace, add_view, from_upload_view, *_ = UPLOADERS[kind]
    assert resolve(reverse(f"{namespace}:add_multiple")).func.view_class is add_view
    name = "image" if kind == "images" else "document"
    url = reverse(f"{namespace}:create_multiple_from_uploaded_{name}", args=[1])
    assert resolve(url).func.view_class is from_upload_view


@pytest.mark.parametrize("kind", UPLOADERS)
def test_multiple_upload_on_a_full_disk(admin_client, disk_full, kind):
    namespace, *_, name = UPLOADERS[kind]
    response = admin_client.post(
        reverse(f"{namespace}:add_multiple"), {"title": "草原", "files[]": _file(name)}
    )
    assert response.status_code == 200  # the uploader shows error_message only on a 200 answer
    answer = json.loads(response.content)
    assert answer == {
        "success": False,
        "error_message": "服务器存储空间不足，文件未保存。请联系管理员清理空间后重新上传。",
    }
    disk_full()


def test_multiple_upload_names_other_storage_errors(admin_client, monkeypatch, nothing_left):
    class Broken(DiskFull):
        def _save(self, name, content):
            raise PermissionError(13, "Permission denied")

    fill(monkeypatch, Broken(location=settings.MEDIA_ROOT), *FILE_MODELS)
    response = admin_client.post(
        reverse("wagtailimages:add_multiple"), {"title": "草原", "files[]": _uploaded("grass.png")}
    )
    assert (
        json.loads(response.content)["error_message"]
        == "文件存储出错，未保存：Permission denied。请稍后重新上传。"
    )
    nothing_left()


@pytest.mark.parametrize("kind", UPLOADERS)
def test_a_held_file_that_does_not_fit_into_the_library_stays_held(
    admin_client, monkeypatch, nothing_left, kind
):
    """The file is held (the picture still needs its alt text), then the disk fills before the editor
    sends the form: the form comes back with the message and what was typed, no picture or partial
    copy is made, the held file and its row stay; once there is room the same form saves it."""
    namespace, _add, _from, model, name = UPLOADERS[kind]
    response = admin_client.post(
        reverse(f"{namespace}:add_multiple"), {"title": "草原", "files[]": _file(name)}
    )
    held = UploadedFile.objects.get(pk=json.loads(response.content)["uploaded_file_id"])
    count = model().objects.count()
    nothing_left(new_rows=1)
    fill(monkeypatch, DiskFull(location=settings.MEDIA_ROOT), model())
    single = "image" if kind == "images" else "document"
    url = reverse(f"{namespace}:create_multiple_from_uploaded_{single}", args=[held.pk])

    response = admin_client.post(url, _held_form(kind, held))

    assert response.status_code == 200
    answer = json.loads(response.content)
    assert answer["success"] is False
    assert "服务器存储空间不足，文件未保存。请联系管理员清理空间后重新上传。" in answer["form"]
    assert 'value="编辑部"' in answer["form"]  # what was typed
    assert model().objects.count() == count
    held.refresh_from_db()
    assert Path(held.file.path).is_file()
    nothing_left(new_rows=1)

    monkeypatch.undo()
    response = admin_client.post(url, _held_form(kind, held))
    assert json.loads(response.content)["success"] is True
    made = model().objects.get(
        pk=json.loads(response.content)[f"{'image' if kind == 'images' else 'doc'}_id"]
    )
    assert not UploadedFile.objects.filter(pk=held.pk).exists() and not Path(held.file.path).exists()
    assert made.file_size == Path(made.file.path).stat().st_size and made.file_hash
    assert made.uploaded_by_user.username == "admin"
