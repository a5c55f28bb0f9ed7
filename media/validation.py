"""Checks every uploaded image by its content, and strips location data before it is stored.

Shared by the Wagtail admin form and the creator portal, so one rule applies to every upload.
"""

import io

from PIL import ExifTags, Image, UnidentifiedImageError

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# Pillow format name → (extension, MIME type) of the only formats the portal accepts.
ACCEPTED_IMAGE_FORMATS = {
    "JPEG": ("jpg", "image/jpeg"),
    "PNG": ("png", "image/png"),
    "WEBP": ("webp", "image/webp"),
}

# EXIF tags that place a picture on a map or identify the device owner.
LOCATION_TAGS = (ExifTags.IFD.GPSInfo,)
IDENTIFYING_TAGS = (
    ExifTags.Base.CameraOwnerName,
    ExifTags.Base.BodySerialNumber,
    ExifTags.Base.LensSerialNumber,
)


def _read(uploaded):
    uploaded.seek(0)
    data = uploaded.read()
    uploaded.seek(0)
    return data


def check_image(uploaded):
    """Validate size, type (by content, not name) and pixel count. Returns the Pillow format."""
    max_bytes = settings.MEDIA_MAX_UPLOAD_BYTES
    size = getattr(uploaded, "size", None)
    if size is None or size > max_bytes:
        raise ValidationError(
            _("文件过大(%(size)s),图片最大 %(limit)s。")
            % {"size": filesizeformat(size or 0), "limit": filesizeformat(max_bytes)},
            code="file_too_large",
        )
    data = _read(uploaded)
    # Pillow's own decompression-bomb limit is above ours; we check pixels ourselves below.
    try:
        with Image.open(io.BytesIO(data)) as image:
            image_format = image.format
            width, height = image.size
            frames = getattr(image, "n_frames", 1)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, ValueError) as error:
        raise ValidationError(
            _("无法识别的图片文件。请上传 JPEG、PNG 或 WebP 格式的图片。"), code="invalid_image"
        ) from error
    if image_format not in ACCEPTED_IMAGE_FORMATS:
        raise ValidationError(
            _("不支持的图片格式(%(format)s)。请上传 JPEG、PNG 或 WebP 格式的图片。")
            % {"format": image_format or _("未知")},
            code="invalid_image_format",
        )
    pixels = width * height * frames
    if pixels > settings.MEDIA_MAX_PIXELS:
        raise ValidationError(
            _("图片像素过多(%(pixels)s 像素,含全部帧),上限为 %(limit)s 像素。")
            % {"pixels": f"{pixels:,}", "limit": f"{settings.MEDIA_MAX_PIXELS:,}"},
            code="too_many_pixels",
        )
    return image_format


def strip_location(uploaded, image_format):
    """Return a copy of the image without GPS/identifying EXIF and without XMP.

    JPEGs keep their quantisation tables (no visible re-compression loss); other
    formats are saved losslessly (PNG) or at high quality (WebP).
    """
    data = _read(uploaded)
    with Image.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        had_exif = bool(exif)
        for tag in (*LOCATION_TAGS, *IDENTIFYING_TAGS):
            if tag in exif:
                del exif[tag]
        options = {}
        if had_exif:
            options["exif"] = exif.tobytes()
        if image.info.get("icc_profile"):
            options["icc_profile"] = image.info["icc_profile"]
        if image_format == "JPEG":
            options["quality"] = "keep"
            if image.mode not in ("RGB", "L", "CMYK"):
                image = image.convert("RGB")
        elif image_format == "WEBP":
            options.update(quality=90, lossless=image.info.get("lossless", False))
        if getattr(image, "n_frames", 1) > 1:
            options["save_all"] = True
        out = io.BytesIO()
        image.save(out, format=image_format, **options)
    extension, content_type = ACCEPTED_IMAGE_FORMATS[image_format]
    name = getattr(uploaded, "name", "") or "image"
    stem = name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1].rsplit(".", 1)[0] or "image"
    return SimpleUploadedFile(f"{stem}.{extension}", out.getvalue(), content_type=content_type)


def clean_uploaded_image(uploaded):
    """The one entry point: validate, then return a location-free copy to store."""
    image_format = check_image(uploaded)
    return strip_location(uploaded, image_format)
