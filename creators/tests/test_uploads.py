"""Pictures and video through the creator portal: placed in the body by [图N] / [视频], checked by
content, re-encoded, stored under safe names, within quotas — and a list of upload attacks, each
refused with a message or stored re-encoded without its payload."""

import io
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from articles.models import ArticlePage
from creators.models import PendingUpload
from creators.uploads import display_name, stored_name

from .creators import form_data, submitted
from .sample_files import (
    HTML,
    PHP,
    SCRIPT,
    TRANSCRIPT,
    box,
    exif_with,
    mp4,
    noisy,
    picture,
    png_header,
    png_with_text,
    post_files,
    rows,
    truncated,
    webm,
    zip_archive,
)

pytestmark = pytest.mark.django_db

# The attacks -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Attack:
    name: str
    field: str  # the form's file input it is sent through
    filename: str
    content: bytes
    refused: str | None  # the message it must get, or None: stored, re-encoded, without `payload`
    payload: bytes = b""


PICTURE, COVER, VIDEO = "images-0-file", "cover", "video_file"
NOT_A_PICTURE = "JPEG、PNG 或 WebP"
BROKEN_PICTURE = "不完整或已损坏"
NOT_A_VIDEO = "MP4 或 WebM"
BROKEN_VIDEO = "不完整、已损坏"

ATTACKS = [
    # Polyglots: a real picture with something else inside or after it.
    Attack("png-then-html", PICTURE, "photo.png", picture() + HTML, None, b"<script"),
    Attack("png-then-js", COVER, "cover.png", picture() + SCRIPT, None, b"document.cookie"),
    Attack("png-text-chunks-script", PICTURE, "t.png", png_with_text(SCRIPT.decode()), None, b"<script"),
    Attack("png-exif-php", PICTURE, "exif.png", picture(exif=exif_with(PHP.decode())), None, b"<?php"),
    Attack("jpeg-comment-script", PICTURE, "c.jpg", picture("JPEG", comment=SCRIPT), None, b"<script"),
    Attack("jpeg-exif-php", PICTURE, "e.jpg", picture("JPEG", exif=exif_with(PHP.decode())), None, b"<?php"),
    Attack("jpeg-icc-html", PICTURE, "i.jpg", picture("JPEG", icc_profile=HTML * 3), None, b"<html"),
    Attack("jpeg-then-php", PICTURE, "shell.php.jpg", picture("JPEG") + PHP, None, b"<?php"),
    Attack("jpeg-then-zip", PICTURE, "photo.jpg", picture("JPEG") + zip_archive(), None, b"PK\x03\x04"),
    Attack("jpeg-named-php", PICTURE, "shell.php", picture("JPEG") + PHP, None, b"<?php"),
    Attack(
        "webp-exif-script",
        PICTURE,
        "w.webp",
        picture("WEBP", exif=exif_with(SCRIPT.decode())),
        None,
        b"<script",
    ),
    Attack("png-named-html", COVER, "page.html", picture() + HTML, None, b"<html"),
    Attack("gifar", PICTURE, "photo.gif", picture("GIF") + zip_archive(), NOT_A_PICTURE),
    Attack("gifar-named-jpg", PICTURE, "photo.jpg", picture("GIF") + zip_archive(), NOT_A_PICTURE),
    Attack(
        "php-with-jpeg-magic", PICTURE, "shell.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + PHP, NOT_A_PICTURE
    ),
    # Not pictures at all, whatever the name says.
    Attack(
        "svg",
        PICTURE,
        "logo.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        NOT_A_PICTURE,
    ),
    Attack(
        "svg-named-png",
        PICTURE,
        "logo.png",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        NOT_A_PICTURE,
    ),
    Attack(
        "svg-xml-named-png", COVER, "c.png", b'<?xml version="1.0"?><svg onload="alert(1)"/>', NOT_A_PICTURE
    ),
    Attack("html-named-jpg", PICTURE, "photo.jpg", HTML, NOT_A_PICTURE),
    Attack("php-named-png", PICTURE, "photo.png", PHP, NOT_A_PICTURE),
    Attack(
        "pdf-named-png",
        PICTURE,
        "photo.png",
        b"%PDF-1.4\n1 0 obj<</JS(app.alert(1))>>endobj\n",
        NOT_A_PICTURE,
    ),
    Attack("bmp-named-jpg", PICTURE, "photo.jpg", picture("BMP"), NOT_A_PICTURE),
    Attack("mp4-named-jpg", PICTURE, "photo.jpg", mp4(), NOT_A_PICTURE),
    Attack("zero-bytes", PICTURE, "empty.png", b"", NOT_A_PICTURE),
    # Decompression bombs and broken files.
    Attack("bomb-100000x100000", PICTURE, "bomb.png", png_header(100_000, 100_000), "像素"),
    Attack("bomb-9000x9000", COVER, "big.png", png_header(9000, 9000), "像素"),
    Attack("declared-5000x5000-empty", PICTURE, "mid.png", png_header(5000, 5000), BROKEN_PICTURE),
    Attack("truncated-png", PICTURE, "half.png", truncated(noisy("PNG")), BROKEN_PICTURE),
    Attack("truncated-jpeg", PICTURE, "half.jpg", truncated(noisy("JPEG")), BROKEN_PICTURE),
    Attack("truncated-webp", PICTURE, "half.webp", truncated(noisy("WEBP")), NOT_A_PICTURE),
    # Videos that are something else.
    Attack(
        "exe-named-mp4",
        VIDEO,
        "film.mp4",
        b"MZ\x90\x00\x03" + bytes(58) + b"PE\0\0" + bytes(200),
        NOT_A_VIDEO,
    ),
    Attack("elf-named-webm", VIDEO, "film.webm", b"\x7fELF\x02\x01\x01" + bytes(120), NOT_A_VIDEO),
    Attack("html-named-mp4", VIDEO, "film.mp4", HTML, NOT_A_VIDEO),
    Attack("png-named-mp4", VIDEO, "film.mp4", picture(), NOT_A_VIDEO),
    Attack("heic-picture-named-mp4", VIDEO, "film.mp4", mp4(brand=b"heic"), NOT_A_VIDEO),
    Attack("quicktime-mov", VIDEO, "film.mov", mp4(brand=b"qt  "), NOT_A_VIDEO),
    Attack("mp4-then-html", VIDEO, "film.mp4", mp4(trailing=HTML), BROKEN_VIDEO),
    Attack("mp4-header-only", VIDEO, "film.mp4", mp4()[:40], BROKEN_VIDEO),
    Attack(
        "mp4-without-moov",
        VIDEO,
        "film.mp4",
        box(b"ftyp", b"isom\0\0\2\0isom") + box(b"mdat", HTML),
        BROKEN_VIDEO,
    ),
    Attack("matroska-not-webm", VIDEO, "film.webm", webm(doctype=b"matroska"), BROKEN_VIDEO),
    Attack("webm-then-html", VIDEO, "film.webm", webm(trailing=HTML), BROKEN_VIDEO),
    Attack("zero-byte-video", VIDEO, "film.mp4", b"", NOT_A_VIDEO),
]
# Hostile file names, each sent byte for byte (not through a client that tidies them) with a real PNG.
HOSTILE_NAMES = [
    "../../etc/passwd.png",
    "..\\..\\x.png",
    "/etc/cron.d/evil.png",
    "C:\\Windows\\system32\\evil.png",
    "evil\x00.php.png",
    "a\x07b\x1bc.png",
    "photo\u202egnp.exe",
    "\u202e\u2066evil\u2069.png",
    "x" * 200 + ".png",
    "图" * 100 + ".png",
    "x" * 5000 + ".png",
    "图" * 300 + ".png",
    "..",
    "....png",
    ".htaccess",
    "%2e%2e%2fetc%2fpasswd.png",
    "&#46;&#46;/&#46;&#46;/x.png",
    " .png",
]
ATTACKS_TRIED = len(ATTACKS) + len(HOSTILE_NAMES)


def test_the_attack_list_is_counted():
    assert len({attack.name for attack in ATTACKS}) == len(ATTACKS)
    assert ATTACKS_TRIED >= 50


def complete(cast, **changes):
    """A work that saves once its file is accepted: every description and transcript filled in."""
    return {
        **form_data(cast),
        **rows(),
        "cover_alt": "封面:草原",
        **changes,
    }


def creators_images(cast):
    return get_image_model().objects.filter(uploaded_by_user=cast["creator"])


def inside(path, folder):
    root = (Path(settings.MEDIA_ROOT) / folder).resolve()
    return Path(path).resolve().is_relative_to(root)


def assert_stored_safely(stored, folder):
    assert inside(stored.file.path, folder), stored.file.name
    name = Path(stored.file.name).name
    assert ".." not in stored.file.name and "\\" not in name and len(stored.file.name) <= 100
    assert all(char.isascii() and (char.isalnum() or char in "-_.") for char in name), name


# The attacks, one by one -------------------------------------------------------------------------


@pytest.mark.parametrize("attack", ATTACKS, ids=[attack.name for attack in ATTACKS])
def test_upload_attack_is_refused_or_stored_re_encoded(portal, cast, attack):
    described = {PICTURE: {"images-0-alt": "草原围栏示意图"}, VIDEO: {"video_transcript": TRANSCRIPT}}
    fields = complete(cast, **described.get(attack.field, {}))
    files = {attack.field: (attack.filename, attack.content)}
    response = post_files(portal, reverse("creators:new_work"), fields, files)
    assert response.status_code in (200, 302), response.status_code
    if attack.refused:
        assert response.status_code == 200
        assert attack.refused in response.content.decode()
        assert not PendingUpload.objects.filter(owner=cast["creator"]).exists()
        assert not creators_images(cast).exists()
        assert not get_document_model().objects.filter(uploaded_by_user=cast["creator"]).exists()
        assert not ArticlePage.objects.filter(owner=cast["creator"]).exclude(pk=cast["work"].pk).exists()
        return
    assert response.status_code == 302
    image = creators_images(cast).get()
    assert_stored_safely(image, "original_images")
    data = Path(image.file.path).read_bytes()
    if attack.payload:
        assert attack.payload not in data
    for marker in (b"<script", b"<?php", b"<html", b"PK\x03\x04"):
        assert marker not in data
    with Image.open(io.BytesIO(data)) as stored:
        stored.verify()
        assert stored.format in ("PNG", "JPEG", "WEBP")
    assert image.file.name.rsplit(".", 1)[-1] == {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}[stored.format]
    assert not PendingUpload.objects.filter(owner=cast["creator"]).exists()  # claimed by the work


@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=range(len(HOSTILE_NAMES)))
def test_hostile_file_names_are_stored_inside_the_upload_folder(portal, cast, name):
    fields = complete(cast, **{"images-0-alt": "草原围栏示意图"})
    response = post_files(portal, reverse("creators:new_work"), fields, {PICTURE: (name, picture())})
    if response.status_code == 400:
        # Django refuses a part header over 1 KB before any view runs: 400, nothing stored.
        assert len(name.encode()) > 900
        assert not creators_images(cast).exists() and not PendingUpload.objects.exists()
        return
    # Django drops a part whose name is nothing once tidied (".."): then there is simply no picture,
    # and the row's description asks for one.
    assert response.status_code in (200, 302)
    for image in creators_images(cast):
        assert_stored_safely(image, "original_images")
        assert image.file.name.endswith(".png")


@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=range(len(HOSTILE_NAMES)))
def test_names_are_made_safe_before_django_sees_them(name):
    shown = display_name(name, "png")
    assert "/" not in shown and "\\" not in shown and len(shown) <= 60 and shown.endswith(".png")
    assert not any(char in shown for char in "\x00\x07\x1b\n\r\u202e\u2066\u2069")
    stored = stored_name(shown, "png")
    assert stored.endswith(".png") and stored.isascii() and ".." not in stored and len(stored) <= 54


# Pictures in the body ----------------------------------------------------------------------------


def test_pictures_go_where_their_placeholders_are(portal, cast):
    # Line breaks as a browser's textarea sends them (CRLF).
    body = "<p>沸腾需要什么条件。</p>\r\n[图2]\r\n<p>气压越低,沸点越低。</p>\r\n【图1】\r\n<p>结尾。</p>"
    fields = complete(
        cast,
        body=body,
        **{
            "images-0-alt": "草原围栏示意图",
            "images-1-alt": "高原上的水壶",
            "images-1-caption": "海拔 4000 米处的沸水",
            "images-2-alt": "附图",
        },
    )
    files = {
        "images-0-file": ("a.png", picture()),
        "images-1-file": ("b.jpg", picture("JPEG")),
        "images-2-file": ("c.png", picture()),
    }
    response = post_files(portal, reverse("creators:new_work"), fields, files)
    assert response.status_code == 302
    latest = submitted(cast).get_latest_revision_as_object()
    kinds = [block.block_type for block in latest.body]
    assert kinds == ["paragraph", "image", "paragraph", "image", "paragraph", "image", "references"]
    images = [block.value for block in latest.body if block.block_type == "image"]
    assert [value["image"].description for value in images] == ["高原上的水壶", "草原围栏示意图", "附图"]
    assert images[0]["caption"] == "海拔 4000 米处的沸水"
    first = images[0]["image"]
    assert first.source == "creator真名" and first.uploaded_by_user == cast["creator"]
    assert first.collection.name == "创作者投稿"
    rendered = str(latest.body)
    assert 'alt="高原上的水壶"' in rendered and "来源：creator真名" in rendered
    assert "[图" not in rendered and "【图" not in rendered


def test_a_placeholder_without_a_picture_gets_a_message_and_nothing_is_saved(portal, cast):
    response = portal.post(
        reverse("creators:new_work"), {**form_data(cast), **rows(), "body": "<p>正文</p>\n[图3]"}
    )
    assert "正文中的 [图3] 没有对应的图片" in response.content.decode()
    assert not ArticlePage.objects.filter(owner=cast["creator"]).exclude(pk=cast["work"].pk).exists()


def test_a_picture_without_a_description_gets_a_message(portal, cast):
    fields = complete(cast, **{"images-0-alt": ""})
    response = post_files(portal, reverse("creators:new_work"), fields, {PICTURE: ("a.png", picture())})
    assert "请为这张图片写一句描述" in response.content.decode()


def test_img_tags_in_the_body_are_dropped_wherever_they_point(portal, cast):
    body = (
        '<p>图:<img src="https://evil.example/track.png" alt="x"></p>'
        '<img src="/uploads/original_images/other.png"><img src="data:image/png;base64,AAAA">'
        "<p>正文。</p>"
    )
    response = portal.post(reverse("creators:new_work"), {**form_data(cast), "body": body})
    assert response.status_code == 302
    stored = str(submitted(cast).get_latest_revision_as_object().body.raw_data)
    assert "<img" not in stored and "evil.example" not in stored and "正文。" in stored


def test_someone_elses_pending_upload_or_image_cannot_be_claimed(portal, cast):
    from creators import uploads

    theirs = uploads.keep(
        cast["other_creator"], SimpleUploadedFile("theirs.png", picture()), PendingUpload.Kind.IMAGE
    )
    their_image = get_image_model().objects.create(
        title="别人的图",
        description="别人的图",
        source="x",
        file=SimpleUploadedFile("o.png", picture()),
        uploaded_by_user=cast["other_creator"],
    )
    for hidden in (
        {"images-0-upload": str(theirs.pk)},
        {"images-0-image": their_image.pk},
        {"cover_upload": str(theirs.pk)},
    ):
        response = portal.post(reverse("creators:new_work"), complete(cast, **hidden))
        assert response.status_code == 200
        assert "已过期" in response.content.decode()
    assert not ArticlePage.objects.filter(owner=cast["creator"]).exclude(pk=cast["work"].pk).exists()
    assert PendingUpload.objects.filter(pk=theirs.pk).exists()


# Video -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "extension"), [("film.MOV", mp4(), "mp4"), ("x.bin", webm(), "webm")]
)
def test_a_video_file_becomes_the_video_block_where_it_is_placed(portal, cast, name, content, extension):
    fields = complete(
        cast,
        body="<p>先看视频:</p>\n[视频]\n<p>再读说明。</p>",
        video_caption="沸点实验",
        video_transcript=TRANSCRIPT,
    )
    response = post_files(portal, reverse("creators:new_work"), fields, {VIDEO: (name, content)})
    assert response.status_code == 302
    latest = submitted(cast).get_latest_revision_as_object()
    assert [block.block_type for block in latest.body] == ["paragraph", "video", "paragraph", "references"]
    video = latest.body[1].value
    document = video["video"]
    assert document.file.name.startswith("documents/") and document.file.name.endswith(f".{extension}")
    assert document.uploaded_by_user == cast["creator"] and document.file_size == len(content)
    assert Path(document.file.path).read_bytes() == content
    assert video["caption"] == "沸点实验" and "水的沸点" in video["transcript"].source
    assert f'<source src="{document.url}">' in str(latest.body)


def test_a_video_file_needs_its_transcript(portal, cast):
    response = post_files(portal, reverse("creators:new_work"), complete(cast), {VIDEO: ("film.mp4", mp4())})
    assert "请填写视频文字稿" in response.content.decode()
    assert (
        PendingUpload.objects.filter(owner=cast["creator"], kind="video").count() == 1
    )  # kept for the retry


@pytest.mark.parametrize(
    ("url", "accepted"),
    [
        ("https://www.bilibili.com/video/BV1GJ411x7h7", True),
        ("https://v.qq.com/x/page/a0012abcd.html", True),
        ("https://www.ixigua.com/7012345678901234567", True),
        ("http://www.bilibili.com/video/BV1GJ411x7h7", False),
        ("https://www.youtube.com/watch?v=abc", False),
        ("https://www.bilibili.com.evil.example/video/1", False),
        ("https://www.bilibili.com@evil.example/video/1", False),
        ("https://www.bilibili.com:8443/video/1", False),
        ("javascript:alert(1)//www.bilibili.com", False),
        ("//www.bilibili.com/video/1", False),
    ],
)
def test_video_links_only_to_the_portals_hosts_over_https(portal, cast, url, accepted):
    response = portal.post(
        reverse("creators:new_work"),
        complete(cast, video_url=url, video_caption="实验", video_transcript=TRANSCRIPT),
    )
    if not accepted:
        assert response.status_code == 200
        assert "只接受以下网站的视频链接" in response.content.decode()
        return
    assert response.status_code == 302
    body = submitted(cast).get_latest_revision_as_object().body
    link = [block for block in body if block.block_type == "paragraph"][-1].value.source
    assert f'href="{url}"' in link and "实验" in link and "水的沸点" in link


# Quotas ------------------------------------------------------------------------------------------


def test_storage_quota_refuses_the_file_and_saves_nothing(portal, cast, settings):
    first = picture(size=(64, 64))
    settings.PORTAL_CREATOR_STORAGE_BYTES = len(first) + 50
    fields = complete(cast, **{"images-0-alt": "草原围栏示意图"})
    assert (
        post_files(portal, reverse("creators:new_work"), fields, {PICTURE: ("a.png", first)}).status_code
        == 302
    )
    assert "图片和视频已用" in portal.get(reverse("creators:my_works")).content.decode()
    work_count = ArticlePage.objects.filter(owner=cast["creator"]).count()
    response = post_files(
        portal, reverse("creators:new_work"), fields, {PICTURE: ("b.png", picture(size=(64, 65)))}
    )
    assert response.status_code == 200
    assert "存储空间不足" in response.content.decode()
    assert ArticlePage.objects.filter(owner=cast["creator"]).count() == work_count
    assert creators_images(cast).count() == 1 and not PendingUpload.objects.exists()


def test_works_per_day_quota(portal, cast, settings):
    settings.PORTAL_CREATOR_WORKS_PER_DAY = 2  # the cast's creator already started one work today
    assert portal.post(reverse("creators:new_work"), form_data(cast)).status_code == 302
    before = ArticlePage.objects.filter(owner=cast["creator"]).count()
    response = post_files(
        portal, reverse("creators:new_work"), complete(cast, title="第三篇"), {PICTURE: ("a.png", picture())}
    )
    assert response.status_code == 429
    content = response.content.decode()
    assert "24 小时内最多新建 2 篇作品" in content and "第三篇" in content  # refused, nothing typed lost
    assert ArticlePage.objects.filter(owner=cast["creator"]).count() == before
    assert not PendingUpload.objects.exists()
    # Revising an existing work is not limited.
    edit = reverse("creators:edit_work", args=[cast["work"].pk])
    assert portal.post(edit, form_data(cast, title="改过的标题")).status_code == 302
    # Another creator has their own count.
    portal.force_login(cast["other_creator"])
    assert portal.post(reverse("creators:new_work"), form_data(cast)).status_code == 302
