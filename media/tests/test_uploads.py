"""Upload limits and location stripping, both in the shared validator and through the Wagtail admin."""

import io

import pytest
from PIL import ExifTags, Image

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.images import get_image_model

from media.validation import clean_uploaded_image

pytestmark = pytest.mark.django_db

GPS = {
    ExifTags.GPS.GPSLatitudeRef: "N",
    ExifTags.GPS.GPSLatitude: (40.0, 49.0, 12.0),
    ExifTags.GPS.GPSLongitudeRef: "E",
    ExifTags.GPS.GPSLongitude: (111.0, 39.0, 36.0),
}


def encode(image, fmt, **options):
    out = io.BytesIO()
    image.save(out, format=fmt, **options)
    return out.getvalue()


def jpeg_with_gps():
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "TestCam"
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.CameraOwnerName] = "牧民 张三"
    exif.get_ifd(ExifTags.IFD.GPSInfo).update(GPS)
    return encode(Image.new("RGB", (64, 48), (200, 120, 40)), "JPEG", exif=exif.tobytes())


def upload(data, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def test_gps_and_owner_are_stripped_but_orientation_kept():
    original = Image.open(io.BytesIO(jpeg_with_gps()))
    assert original.getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the fixture really carries a location
    cleaned = clean_uploaded_image(upload(jpeg_with_gps()))
    exif = Image.open(io.BytesIO(cleaned.read())).getexif()
    assert ExifTags.IFD.GPSInfo not in exif
    assert not exif.get_ifd(ExifTags.IFD.GPSInfo)
    assert ExifTags.Base.CameraOwnerName not in exif
    assert exif[ExifTags.Base.Orientation] == 6
    assert exif[ExifTags.Base.Make] == "TestCam"


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_location_stripped_from_png_and_webp(fmt):
    exif = Image.Exif()
    exif.get_ifd(ExifTags.IFD.GPSInfo).update(GPS)
    data = encode(Image.new("RGB", (32, 32), (10, 90, 40)), fmt, exif=exif.tobytes())
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(ExifTags.IFD.GPSInfo)
    cleaned = clean_uploaded_image(upload(data, f"x.{fmt.lower()}", f"image/{fmt.lower()}"))
    assert not Image.open(io.BytesIO(cleaned.read())).getexif().get_ifd(ExifTags.IFD.GPSInfo)


def test_type_is_decided_by_content_not_name():
    png = encode(Image.new("RGB", (20, 20)), "PNG")
    cleaned = clean_uploaded_image(upload(png, "holiday.jpg"))
    assert cleaned.name == "holiday.png"
    assert cleaned.content_type == "image/png"


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (encode(Image.new("RGB", (20, 20)), "GIF"), "anim.gif"),
        (encode(Image.new("RGB", (20, 20)), "BMP"), "pic.jpg"),
        (encode(Image.new("RGB", (20, 20)), "TIFF"), "pic.png"),
        (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>', "logo.png"),
        (b"<html><script>alert(1)</script></html>", "page.jpg"),
        (b"%PDF-1.4\n1 0 obj<<>>endobj\n", "doc.webp"),
        (b"", "empty.jpg"),
    ],
    ids=["gif", "bmp", "tiff", "svg", "html", "pdf", "empty"],
)
def test_wrong_types_are_refused_with_a_clear_message(data, name):
    with pytest.raises(ValidationError) as error:
        clean_uploaded_image(upload(data, name))
    assert "JPEG、PNG 或 WebP" in " ".join(error.value.messages)


def test_oversized_file_is_refused(settings):
    jpeg = encode(Image.new("RGB", (20, 20)), "JPEG")
    padded = jpeg + b"\0" * (settings.MEDIA_MAX_UPLOAD_BYTES + 1 - len(jpeg))
    with pytest.raises(ValidationError) as error:
        clean_uploaded_image(upload(padded))
    assert error.value.code == "file_too_large"
    assert "10.0" in error.value.messages[0]


def test_too_many_pixels_is_refused():
    big = encode(Image.new("L", (8000, 5001)), "PNG")  # 40,008,000 pixels
    assert len(big) < 10 * 1024 * 1024
    with pytest.raises(ValidationError) as error:
        clean_uploaded_image(upload(big, "big.png"))
    assert error.value.code == "too_many_pixels"


def test_frames_count_towards_the_pixel_limit():
    frames = [Image.new("L", (2000, 2000), shade) for shade in range(0, 220, 20)]  # 11 frames × 4 MP
    animated = encode(frames[0], "PNG", save_all=True, append_images=frames[1:])
    assert Image.open(io.BytesIO(animated)).n_frames == 11
    with pytest.raises(ValidationError) as error:
        clean_uploaded_image(upload(animated, "anim.png"))
    assert error.value.code == "too_many_pixels"
    # The same picture as a single frame is accepted.
    clean_uploaded_image(upload(encode(frames[0], "PNG"), "still.png"))


def test_decompression_bomb_is_refused():
    bomb = encode(Image.new("1", (30000, 30000)), "PNG")  # 900 MP, a few hundred KB
    with pytest.raises(ValidationError):
        clean_uploaded_image(upload(bomb, "bomb.png"))


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(
        django_user_model.objects.create_superuser("root", "root@example.org", "pass-word-123")
    )
    return client


def post_image(client, data, name="photo.jpg", **fields):
    form = {"title": "草场", "description": "围栏内恢复的草场", "source": "测试", "licence": "own", **fields}
    return client.post("/admin/images/add/", {**form, "file": upload(data, name)})


def test_admin_upload_stores_a_location_free_image(admin_client):
    response = post_image(admin_client, jpeg_with_gps())
    assert response.status_code == 302
    image = get_image_model().objects.get()
    with image.open_file() as stored:
        exif = Image.open(stored).getexif()
    assert not exif.get_ifd(ExifTags.IFD.GPSInfo)
    assert image.source == "测试"


def test_admin_refuses_wrong_type_with_message_and_stores_nothing(admin_client):
    response = post_image(admin_client, b"<svg onload='alert(1)'></svg>", "logo.jpg")
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not get_image_model().objects.exists()


def test_admin_requires_alt_text(admin_client):
    response = post_image(admin_client, encode(Image.new("RGB", (20, 20)), "JPEG"), description="")
    assert response.status_code == 200
    assert not get_image_model().objects.exists()


def test_admin_refuses_an_animation_over_the_pixel_limit(admin_client):
    frames = [Image.new("L", (2000, 2000), shade) for shade in range(0, 220, 20)]
    response = post_image(
        admin_client, encode(frames[0], "PNG", save_all=True, append_images=frames[1:]), "a.png"
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not get_image_model().objects.exists()
