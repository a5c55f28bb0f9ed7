"""The WeChat package of one published work, built from the work as it is live (nothing is written):
article.html, its pictures, the two covers, the digest, meta.json and a README for the editor.

WeChat's article editor limits the title to 64 characters and the digest to 120; longer ones are
shortened here with an ellipsis, and meta.json keeps the full text.
"""

import base64
import io
import json
import zipfile
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from channels import credit

from . import pictures
from .html import ArticleWriter

TITLE_MAX = 64
DIGEST_MAX = 120
ARTICLE = "article.html"
COVER = "cover.jpg"
COVER_SQUARE = "cover-square.jpg"
DIGEST = "digest.txt"
META = "meta.json"
README = "README.txt"
# A byte-order mark: a browser opening the fragment from disk reads it as UTF-8 without a <meta>.
BOM = "\ufeff"
MIME_TYPES = {"jpg": "image/jpeg", "png": "image/png"}


def shorten(text, limit):
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass
class Package:
    """The files of one export, in the order they go into the zip, and what meta.json says."""

    work: object
    article: str
    meta: dict
    files: dict = field(default_factory=dict)

    @property
    def filename(self):
        return f"wechat-{self.work.pk}-r{self.meta['revision_id']}.zip"

    def zip(self):
        buffer = io.BytesIO()
        stamp = timezone.localtime().timetuple()[:6]
        with zipfile.ZipFile(buffer, "w") as archive:
            for name, data in self.files.items():
                compress = zipfile.ZIP_STORED if name.endswith((".jpg", ".png")) else zipfile.ZIP_DEFLATED
                info = zipfile.ZipInfo(name, date_time=stamp)
                info.compress_type = compress
                archive.writestr(info, data)
        return buffer.getvalue()

    def article_with_inline_pictures(self):
        """article.html with its pictures as data: URIs, for the admin's preview (no other request)."""
        html = self.article
        for picture in self.meta["images"]:
            data = base64.b64encode(self.files[picture["file"]]).decode("ascii")
            uri = f"data:{MIME_TYPES[picture['file'].rsplit('.', 1)[1]]};base64,{data}"
            html = html.replace(f'src="{picture["file"]}"', f'src="{uri}"')
        return html

    def data_uri(self, name):
        return "data:image/jpeg;base64," + base64.b64encode(self.files[name]).decode("ascii")


class _PictureFiles:
    """Numbers the body's pictures in order of appearance (one file per picture, however often used)."""

    def __init__(self):
        self.files, self.listed, self._by_image = {}, [], {}

    def place(self, image):
        if image.pk in self._by_image:
            return self._by_image[image.pk]
        picture = pictures.body_picture(image)
        name = f"images/{len(self._by_image) + 1:02d}.{picture.extension}"
        self._by_image[image.pk] = name
        self.files[name] = picture.data
        self.listed.append(
            {
                "file": name,
                "alt": image.description or image.title,
                "source": getattr(image, "source", ""),
                "width": picture.width,
                "height": picture.height,
                "bytes": len(picture.data),
            }
        )
        return name


def _cover_image(work):
    """The work's cover, else the first picture or poster of its body, else None (a plain cover)."""
    if work.cover_image is not None:
        return work.cover_image
    for block in work.body:
        for name in ("image", "poster"):
            if block.block_type in ("image", "video") and (image := block.value.get(name)) is not None:
                return image
    return None


def build(work, *, url):
    """The package of `work` (live and public: the caller reads it through the public gate), whose
    public address is `url`."""
    now = timezone.localtime()
    corrections = list(work.corrections.all())
    files = _PictureFiles()
    writer = ArticleWriter(base_url=url, place_picture=files.place)
    article = writer.article(work, url=url, corrections=corrections)
    cover_image = _cover_image(work)
    title, digest = shorten(work.title, TITLE_MAX), shorten(work.summary, DIGEST_MAX)
    meta = {
        "title": title,
        "full_title": work.title,
        "author": work.creator_name,
        "author_affiliation": work.creator_affiliation,
        "digest": digest,
        "content_source_url": url,
        "review_credit": credit.credit_line(work.review_credit),
        "reviewers": credit.reviewers(work.review_credit),
        "corrections": [
            {"date": c.date.isoformat(), "text": c.text, "line": line}
            for c, line in zip(corrections, credit.correction_lines(corrections), strict=True)
        ],
        "page_id": work.pk,
        "revision_id": work.live_revision_id,
        "generated_at": now.isoformat(timespec="seconds"),
        "cover": COVER,
        "cover_square": COVER_SQUARE,
        "cover_from_picture": cover_image is not None,
        "images": files.listed,
        "links": writer.links,
    }
    package = Package(work=work, article=article, meta=meta)
    readme = render_to_string(
        "channels/wechat/README.txt",
        {"meta": meta, "site_name": _("内蒙古科普"), "generated": date_format(now, "DATETIME_FORMAT")},
    )
    package.files = {
        README: readme.encode("utf-8"),
        ARTICLE: (BOM + article).encode("utf-8"),
        DIGEST: digest.encode("utf-8"),
        META: json.dumps(meta, ensure_ascii=False, indent=2).encode("utf-8"),
        COVER: pictures.cropped(cover_image, pictures.COVER_SIZE).data,
        COVER_SQUARE: pictures.cropped(cover_image, pictures.SQUARE_SIZE).data,
        **files.files,
    }
    return package
