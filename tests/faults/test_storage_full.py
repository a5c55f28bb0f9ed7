"""Storage error or disk full on upload: a clear Chinese message, nothing the creator typed lost, and
no orphans — no picture, file or pending-upload row without its file, no file without its row."""

from pathlib import Path

import pytest

from django.conf import settings
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from creators import submission, uploads
from creators.models import PendingUpload
from creators.tests.conftest import portal  # noqa: F401
from creators.tests.creators import form_data
from creators.tests.sample_files import picture, post_files, rows

from .storages import DiskFull

pytestmark = pytest.mark.django_db


def files_on_disk():
    root = Path(settings.MEDIA_ROOT)
    return {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()}


def stored_names():
    names = set()
    for model in (get_image_model(), get_document_model(), PendingUpload):
        names |= set(model.objects.values_list("file", flat=True))
    return names


@pytest.fixture
def disk_full(monkeypatch):
    """Every upload field's storage fails with ENOSPC; yields a check that nothing was left behind."""
    full = DiskFull(location=settings.MEDIA_ROOT)
    for model in (get_image_model(), get_document_model(), PendingUpload):
        monkeypatch.setattr(model._meta.get_field("file"), "storage", full)
    before_files, before_rows = files_on_disk(), stored_names()

    def nothing_orphaned():
        assert files_on_disk() == before_files  # no partial file left
        assert stored_names() == before_rows  # no row made
        for name in stored_names():
            assert Path(settings.MEDIA_ROOT, name).is_file(), name  # every row has its file

    return nothing_orphaned


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
    monkeypatch.setattr(
        get_image_model()._meta.get_field("file"), "storage", DiskFull(location=settings.MEDIA_ROOT)
    )
    image = get_image_model()(title="封面", description="封面", source="作者")
    with pytest.raises(OSError, match="No space left"):
        uploads._move(held, image)
    assert get_image_model().objects.count() == images_before
    assert files_on_disk() == files_before
    held.refresh_from_db()
    assert Path(held.file.path).is_file()
    assert submission  # the module that calls _move inside its transaction


def _uploaded(name):
    from django.core.files.uploadedfile import SimpleUploadedFile

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
    from django.core.files.uploadedfile import SimpleUploadedFile

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
