"""Pictures sized for a WeChat article: body pictures at most 1080 px wide and under 2 MB each, the
2.35:1 cover (900×383) and the 1:1 share thumbnail, all read from the originals with Pillow.

The originals are read rather than the site's WebP renditions: WeChat's editor takes JPEG and PNG.
A PNG original (a chart, a diagram) stays PNG when that file is the smaller one: flat colours and
text compress better losslessly and stay sharp.
"""

import io
from dataclasses import dataclass

from PIL import Image, ImageOps

MAX_WIDTH = 1080
JPEG_QUALITY = 85
# Tried in turn when a picture is still too large at the usual quality (a tall infographic).
FALLBACK_QUALITIES = (75, 65, 55)
MAX_BYTES = 2 * 1024 * 1024
COVER_SIZE = (900, 383)  # WeChat's 2.35:1 article cover
SQUARE_SIZE = (600, 600)  # the 1:1 thumbnail shown when the article is shared
# Grassland green, the portal's accent: the cover when a work has no picture at all.
PLAIN_COVER_COLOUR = (46, 125, 79)
LOSSLESS_SOURCES = {"PNG", "GIF"}


@dataclass(frozen=True)
class Picture:
    """One encoded file: its bytes, extension (jpg or png) and pixel size."""

    data: bytes
    extension: str
    width: int
    height: int


def _opened(image):
    """The original of a Wagtail image, upright (EXIF orientation applied), first frame only, and the
    format it was stored in."""
    with image.open_file() as file:
        picture = Image.open(file)
        source_format = picture.format
        picture.seek(0)
        picture = ImageOps.exif_transpose(picture)
        picture.load()
    return picture, source_format


def _flattened(picture):
    """RGB on white: JPEG has no transparency, and a transparent diagram is drawn for a white page."""
    if picture.mode in ("RGBA", "LA") or (picture.mode == "P" and "transparency" in picture.info):
        rgba = picture.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return picture.convert("RGB")


def _jpeg(picture, quality=JPEG_QUALITY):
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=quality, optimize=True, progressive=True)
    return buffer.getvalue()


def _png(picture):
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _within_width(picture, width=MAX_WIDTH):
    if picture.width <= width:
        return picture
    height = max(1, round(picture.height * width / picture.width))
    return picture.resize((width, height), Image.Resampling.LANCZOS)


def _small_jpeg(picture):
    """JPEG under MAX_BYTES: lower quality first, then fewer pixels."""
    data = _jpeg(picture)
    for quality in FALLBACK_QUALITIES:
        if len(data) <= MAX_BYTES:
            break
        data = _jpeg(picture, quality)
    while len(data) > MAX_BYTES:
        picture = picture.resize((picture.width * 4 // 5, picture.height * 4 // 5), Image.Resampling.LANCZOS)
        data = _jpeg(picture, FALLBACK_QUALITIES[-1])
    return picture, data


def body_picture(image):
    """A picture of the body: JPEG (or PNG for a lossless original when smaller), ≤ 1080 px wide."""
    original, source_format = _opened(image)
    sized = _within_width(original)
    flat, jpeg = _small_jpeg(_flattened(sized))
    if source_format in LOSSLESS_SOURCES:
        png = _png(sized if sized.mode in ("RGB", "RGBA", "L", "LA", "P") else flat)
        if len(png) < len(jpeg) and len(png) <= MAX_BYTES:
            return Picture(png, "png", sized.width, sized.height)
    return Picture(jpeg, "jpg", flat.width, flat.height)


def _centering(image):
    """The image's focal point as Pillow's centering fractions (the middle when none is set)."""
    if image.has_focal_point() and image.width and image.height:
        return (
            min(1.0, max(0.0, image.focal_point_x / image.width)),
            min(1.0, max(0.0, image.focal_point_y / image.height)),
        )
    return (0.5, 0.5)


def cropped(image, size):
    """The picture cut to `size` around its focal point, scaled up if smaller (WeChat wants the size)."""
    if image is None:
        return Picture(_jpeg(Image.new("RGB", size, PLAIN_COVER_COLOUR)), "jpg", *size)
    original, _format = _opened(image)
    fitted = ImageOps.fit(
        _flattened(original), size, method=Image.Resampling.LANCZOS, centering=_centering(image)
    )
    return Picture(_jpeg(fitted), "jpg", *size)
