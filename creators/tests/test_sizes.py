"""Sizes in the creator's words: 我的作品 says "尚未使用" rather than "0 字节", and "12.5 MB" of "200 MB"."""

import pytest

from django.core.files.base import ContentFile
from django.urls import reverse

from creators.models import PendingUpload
from creators.sizes import human_size, storage_summary

MB = 1024 * 1024


@pytest.mark.parametrize(
    ("size", "text"),
    [
        (0, "0 字节"),
        (1023, "1023 字节"),
        (1024, "1 KB"),
        (1536, "1.5 KB"),
        (int(12.5 * MB), "12.5 MB"),
        (200 * MB, "200 MB"),
        (3 * 1024 * MB, "3 GB"),
    ],
)
def test_human_size(size, text):
    assert human_size(size) == text


def test_storage_summary_says_unused_rather_than_zero_bytes():
    assert storage_summary(0, 200 * MB) == "图片和视频的存储空间尚未使用，上限 200 MB。"
    assert storage_summary(int(12.5 * MB), 200 * MB) == "图片和视频已用 12.5 MB，上限 200 MB。"


@pytest.mark.django_db
def test_my_works_shows_the_storage_in_plain_figures(portal, cast, settings):
    settings.PORTAL_CREATOR_STORAGE_BYTES = 200 * MB
    html = portal.get(reverse("creators:my_works")).content.decode()
    assert "尚未使用，上限 200 MB" in html and "字节" not in html and "200.0" not in html
    held = PendingUpload(
        owner=cast["creator"], kind=PendingUpload.Kind.IMAGE, name="a.png", size=int(12.5 * MB)
    )
    held.file.save("a.png", ContentFile(b"x"), save=False)
    held.save()
    html = portal.get(reverse("creators:my_works")).content.decode()
    assert "图片和视频已用 12.5 MB，上限 200 MB。" in html
