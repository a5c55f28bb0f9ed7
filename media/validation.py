"""Checks every uploaded image by its content, and strips location data before it is stored;
checks uploaded videos by their container's structure.

Shared by the Wagtail admin form and the creator portal, so one rule applies to every upload.
"""

import io
import re
import struct

from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

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

# Markup or code hidden in a picture's metadata (EXIF text, ICC profile): such a picture is stored
# with no metadata at all. Long signatures only, so compressed pixel data never matches by chance.
CODE_IN_METADATA = re.compile(
    rb"<\?php|<script|<html|<body|<svg|<iframe|<object|<embed|<!doctype|javascript:", re.IGNORECASE
)


def _read(uploaded):
    uploaded.seek(0)
    data = uploaded.read()
    uploaded.seek(0)
    return data


def _check_size(uploaded, max_bytes, message):
    """The upload's size in bytes, if within `max_bytes`."""
    size = getattr(uploaded, "size", None)
    if size is None or size > max_bytes:
        raise ValidationError(
            message % {"size": filesizeformat(size or 0), "limit": filesizeformat(max_bytes)},
            code="file_too_large",
        )
    return size


def check_image(uploaded):
    """Validate size, type (by content, not name) and pixel count. Returns the Pillow format."""
    _check_size(uploaded, settings.MEDIA_MAX_UPLOAD_BYTES, _("文件过大(%(size)s),图片最大 %(limit)s。"))
    data = _read(uploaded)
    # Pillow's own decompression-bomb limit is above ours; we check pixels ourselves below.
    try:
        with Image.open(io.BytesIO(data)) as image:
            image_format = image.format
            width, height = image.size
            frames = getattr(image, "n_frames", 1)
    except Image.DecompressionBombError as error:
        raise ValidationError(
            _("图片像素过多，上限为 %(limit)s 像素。") % {"limit": f"{settings.MEDIA_MAX_PIXELS:,}"},
            code="too_many_pixels",
        ) from error
    except (UnidentifiedImageError, OSError, ValueError) as error:
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
            _("图片像素过多（%(pixels)s 像素，含全部帧），上限为 %(limit)s 像素。")
            % {"pixels": f"{pixels:,}", "limit": f"{settings.MEDIA_MAX_PIXELS:,}"},
            code="too_many_pixels",
        )
    return image_format


def strip_location(uploaded, image_format):
    """Return a re-encoded copy of the image without GPS/identifying EXIF, XMP and comments.

    Re-encoding drops whatever was appended to or smuggled into the file. JPEGs keep their
    quantisation tables (no visible re-compression loss); other formats are saved losslessly
    (PNG) or at high quality (WebP). A picture whose remaining metadata holds markup or code
    is stored without metadata, turned upright first.
    """
    data = _read(uploaded)
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            out = _encode(image, image_format, keep_metadata=True)
            if CODE_IN_METADATA.search(out):
                upright = image
                if image.getexif().get(ExifTags.Base.Orientation, 1) != 1:
                    upright = ImageOps.exif_transpose(image)
                out = _encode(upright, image_format, keep_metadata=False)
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        # Pillow reads lazily: a truncated or corrupt file only fails here, while decoding.
        raise ValidationError(
            _("图片文件不完整或已损坏，请重新导出后再上传。"), code="broken_image"
        ) from error
    extension, content_type = ACCEPTED_IMAGE_FORMATS[image_format]
    name = getattr(uploaded, "name", "") or "image"
    stem = name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1].rsplit(".", 1)[0] or "image"
    return SimpleUploadedFile(f"{stem}.{extension}", out, content_type=content_type)


def _encode(image, image_format, keep_metadata):
    options = {}
    if keep_metadata:
        exif = image.getexif()
        had_exif = bool(exif)
        for tag in (*LOCATION_TAGS, *IDENTIFYING_TAGS):
            if tag in exif:
                del exif[tag]
        if had_exif:
            options["exif"] = exif.tobytes()
        if image.info.get("icc_profile"):
            options["icc_profile"] = image.info["icc_profile"]
    else:
        options["exif"] = b""
    if image_format == "JPEG":
        # "keep" only works on the decoded JPEG itself, not on a turned copy.
        options["quality"] = "keep" if getattr(image, "format", None) == "JPEG" else 90
        options["comment"] = b""  # Pillow would otherwise copy the file's COM segment
        if image.mode not in ("RGB", "L", "CMYK"):
            image = image.convert("RGB")
            options["quality"] = 90
    elif image_format == "WEBP":
        options.update(quality=90, lossless=image.info.get("lossless", False))
    if getattr(image, "n_frames", 1) > 1:
        options["save_all"] = True
    out = io.BytesIO()
    image.save(out, format=image_format, **options)
    return out.getvalue()


def clean_uploaded_image(uploaded):
    """The one entry point: validate, then return a location-free copy to store."""
    image_format = check_image(uploaded)
    return strip_location(uploaded, image_format)


# Videos: the container → MIME type. Told by the file's structure, never by its name.
ACCEPTED_VIDEO_FORMATS = {"mp4": "video/mp4", "webm": "video/webm"}
# ISO base media brands browsers play as MP4 (QuickTime "qt  ", HEIF pictures and audio are not).
MP4_BRANDS = {
    b"isom",
    b"iso2",
    b"iso4",
    b"iso5",
    b"iso6",
    b"mp41",
    b"mp42",
    b"avc1",
    b"dash",
    b"M4V ",
    b"mmp4",
}
MP4_MAX_TOP_LEVEL_BOXES = 20_000
_BOX_TYPE = re.compile(rb"[A-Za-z0-9 \xa9]{4}")
EBML_MAGIC = b"\x1a\x45\xdf\xa3"
EBML_DOCTYPE = 0x4282
MATROSKA_SEGMENT = 0x18538067


def _not_a_video():
    return ValidationError(_("无法识别的视频文件。请上传 MP4 或 WebM 格式的视频。"), code="invalid_video")


def _broken_video():
    return ValidationError(
        _("视频文件不完整、已损坏或附带了其他内容，请用剪辑软件重新导出为 MP4 或 WebM 后再上传。"),
        code="broken_video",
    )


def _mp4_box_types(uploaded, size):
    """The types of the file's top-level boxes, which must tile the file exactly (None if not)."""
    types, offset = [], 0
    while offset < size:
        if len(types) >= MP4_MAX_TOP_LEVEL_BOXES:
            return None
        uploaded.seek(offset)
        header = uploaded.read(16)
        if len(header) < 8:
            return None
        length, box_type = struct.unpack(">I4s", header[:8])
        if length == 1 and len(header) == 16:
            length = struct.unpack(">Q", header[8:])[0]
        elif length == 0:
            length = size - offset
        if length < 8 or not _BOX_TYPE.fullmatch(box_type):
            return None
        types.append(box_type)
        offset += length
    return types if offset == size else None


def _ebml_number(data, position, keep_marker=False):
    """An EBML variable-length number at `position`: (value, next position, all value bits set)."""
    if position >= len(data) or data[position] == 0:
        raise ValueError("not an EBML number")
    first = data[position]
    length = 8 - first.bit_length() + 1
    if position + length > len(data):
        raise ValueError("truncated EBML number")
    value = first if keep_marker else first & ((1 << (8 - length)) - 1)
    for byte in data[position + 1 : position + length]:
        value = (value << 8) | byte
    unknown = not keep_marker and value == (1 << (7 * length)) - 1
    return value, position + length, unknown


def _webm_is_whole(uploaded, size):
    """The EBML header says "webm" and is followed by one Segment that ends with the file."""
    uploaded.seek(0)
    head = uploaded.read(4096)
    try:
        _id, position, _ = _ebml_number(head, 0, keep_marker=True)
        header_size, position, _ = _ebml_number(head, position)
        header_end = position + header_size
        doctype = None
        while position < min(header_end, len(head)):
            element, position, _ = _ebml_number(head, position, keep_marker=True)
            length, position, _ = _ebml_number(head, position)
            if element == EBML_DOCTYPE:
                doctype = head[position : position + length]
            position += length
        if doctype != b"webm":
            return False
        element, position, _ = _ebml_number(head, header_end, keep_marker=True)
        segment_size, position, unknown = _ebml_number(head, position)
    except ValueError:
        return False
    return element == MATROSKA_SEGMENT and (unknown or position + segment_size == size)


def check_video(uploaded):
    """Validate size and container (MP4 or WebM, whole, nothing appended). Returns the extension."""
    size = _check_size(uploaded, settings.MEDIA_MAX_VIDEO_BYTES, _("视频文件过大(%(size)s),最大 %(limit)s。"))
    uploaded.seek(0)
    head = uploaded.read(12)
    try:
        if head[4:8] == b"ftyp":
            if head[8:12] not in MP4_BRANDS:
                raise _not_a_video()
            types = _mp4_box_types(uploaded, size)
            if not types or types[0] != b"ftyp" or b"moov" not in types:
                raise _broken_video()
            return "mp4"
        if head.startswith(EBML_MAGIC):
            if not _webm_is_whole(uploaded, size):
                raise _broken_video()
            return "webm"
    finally:
        uploaded.seek(0)
    raise _not_a_video()
