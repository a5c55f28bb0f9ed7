"""The creator's uploads: checked the moment they arrive and kept as pending uploads (so a form that
comes back with a message keeps them), counted against the creator's storage quota, and turned into
library images and documents when the work is saved. Also the daily limit on new works and the
check on video links."""

import contextlib
import re
import secrets
import unicodedata
import uuid
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import CharField, Min, Sum
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Revision

from articles.models import ArticlePage
from creators.models import InterruptedSubmission, PendingUpload
from creators.sizes import human_size
from media.forms import is_disk_full, store_new_file
from media.validation import check_video, clean_uploaded_image
from review.clearance import in_use_refusal

CREATOR_COLLECTION = "创作者投稿"
NAME_CHARACTERS = 60
# The form's file inputs, each with the hidden field that carries its pending upload's id.
FIXED_SLOTS = {
    "cover": ("cover_upload", PendingUpload.Kind.IMAGE),
    "video_file": ("video_upload", PendingUpload.Kind.VIDEO),
}
ROW_FILE = re.compile(r"^images-(\d{1,3})-file$")


def display_name(name, extension):
    """The creator's file name made safe to show and to keep: no folders, control or direction
    characters, bounded length, and the extension of what the file really is."""
    name = re.split(r"[/\\]", str(name or ""))[-1]
    name = "".join(char for char in name if unicodedata.category(char)[0] not in ("C", "Z") or char == " ")
    stem = name.rsplit(".", 1)[0].strip(" .") or _("未命名")
    return f"{stem[: NAME_CHARACTERS - len(extension) - 1]}.{extension}"


def stored_name(name, extension):
    """A file name for storage: ASCII, nothing from outside but letters and digits, and a random
    part so a draft's files cannot be found by guessing."""
    stem = slugify(name.rsplit(".", 1)[0])[:40] or "upload"
    return f"{stem}-{secrets.token_hex(4)}.{extension}"


# Storage quota -----------------------------------------------------------------------------------


def storage_used(user):
    """Bytes of every image and video the creator has uploaded, pending ones included."""
    images = get_image_model().objects.filter(uploaded_by_user=user).aggregate(n=Sum("file_size"))["n"]
    documents = get_document_model().objects.filter(uploaded_by_user=user).aggregate(n=Sum("file_size"))["n"]
    pending = PendingUpload.objects.filter(owner=user).aggregate(n=Sum("size"))["n"]
    return (images or 0) + (documents or 0) + (pending or 0)


def check_storage(user, size):
    used, limit = storage_used(user), settings.PORTAL_CREATOR_STORAGE_BYTES
    if used + size > limit:
        raise ValidationError(
            _(
                "存储空间不足：您的图片和视频已占用 %(used)s,上限 %(limit)s,这个文件 %(size)s,未保存。如需更多空间，请联系编辑部。"
            )
            % {"used": human_size(used), "limit": human_size(limit), "size": human_size(size)},
            code="storage_quota",
        )


# Pending uploads ---------------------------------------------------------------------------------


def keep(user, uploaded, kind):
    """Check one upload (re-encoding a picture), count it against the quota and keep it pending."""
    if kind == PendingUpload.Kind.IMAGE:
        content = clean_uploaded_image(uploaded)
        extension = content.name.rsplit(".", 1)[-1]
    else:
        content, extension = uploaded, check_video(uploaded)
    check_storage(user, content.size)
    pending = PendingUpload(
        owner=user, kind=kind, name=display_name(getattr(uploaded, "name", ""), extension), size=content.size
    )
    try:
        store_new_file(pending.file, f"{pending.pk.hex}.{extension}", content)
    except OSError as error:
        raise ValidationError(storage_failure(error), code="storage_error") from error
    pending.save()
    return pending


def storage_failure(error):
    """What the creator reads when the server could not store their file."""
    if is_disk_full(error):
        return _("服务器存储空间不足，这个文件未保存，请稍后再试。")
    return _("这个文件未能保存，请稍后再试。")


def save_failure(error):
    """What the creator reads when storage failed while their work was being saved."""
    if is_disk_full(error):
        return _("服务器存储空间不足，作品未能保存。您填写的内容和上传的文件都还在，请稍后再保存。")
    return _("服务器保存文件时出错，作品未能保存。您填写的内容和上传的文件都还在，请稍后再保存。")


def keep_new_files(user, data, files):
    """Keep every file of the request that passes the checks, writing its pending id into `data`
    (a mutable copy of the POST) in place of the one it replaces. Returns {file field: message}
    for the files refused."""
    refused = {}
    for field in files:
        if field in FIXED_SLOTS:
            hidden, kind = FIXED_SLOTS[field]
        elif match := ROW_FILE.match(field):
            if int(match.group(1)) >= settings.PORTAL_CREATOR_IMAGES_PER_WORK:
                continue
            hidden, kind = f"images-{match.group(1)}-upload", PendingUpload.Kind.IMAGE
        else:
            continue
        try:
            pending = keep(user, files[field], kind)
        except ValidationError as error:
            refused[field] = " ".join(error.messages)
            continue
        discard(user, data.get(hidden))
        data[hidden] = str(pending.pk)
    return refused


def own_pending(user, pk, kind=None):
    """The creator's own pending upload with this id, or None (someone else's id finds nothing)."""
    try:
        pk = uuid.UUID(str(pk))
    except ValueError:
        return None
    found = PendingUpload.objects.filter(pk=pk, owner=user)
    return (found.filter(kind=kind) if kind else found).first()


def discard(user, pk):
    if pk and (pending := own_pending(user, pk)):
        pending.file.delete(save=False)
        pending.delete()


def purge_expired():
    """Pending uploads and interrupted forms older than a day go (run on every work form)."""
    for pending in PendingUpload.expired():
        pending.file.delete(save=False)
        pending.delete()
    InterruptedSubmission.expired().delete()


# Into the library --------------------------------------------------------------------------------


def creator_collection():
    root = Collection.get_first_root_node()
    return root.get_children().filter(name=CREATOR_COLLECTION).first() or root.add_child(
        name=CREATOR_COLLECTION
    )


class LibraryIntake:
    """Held uploads turned into the creator's library pictures and videos during one save of a work,
    remembering every file written. The save's transaction rolls back the rows of a failed save but
    not the files (storage has no transaction and Django no on-rollback hook): the save calls
    `remove_written()` when it fails, so no library file is left without its row."""

    def __init__(self, user):
        self.user = user
        self.written = []

    def image(self, pending, *, title, alt, source):
        """The pending picture as a library image owned by the creator, in the creators' collection."""
        image = get_image_model()(
            title=title[:255],
            description=alt[:255],
            source=source[:255],
            uploaded_by_user=self.user,
            collection=creator_collection(),
        )
        return self._move(pending, image)

    def relabelled(self, image, alt):
        """The picture with the creator's new alt text. A picture that reviewed live content shows, or
        that someone else uploaded, is shared: the new text goes on a copy, so that every page using
        the original stays as it was reviewed until the work with the copy passes 三审."""
        alt = alt[:255]
        if image.uploaded_by_user_id == self.user.pk and in_use_refusal(image) is None:
            image.description = alt
            image.save(update_fields=["description"])
            return image
        copy = get_image_model()(
            title=image.title,
            description=alt,
            source=image.source,
            licence=image.licence,
            uploaded_by_user=self.user,
            collection=creator_collection(),
        )
        extension = image.file.name.rsplit(".", 1)[-1]
        with image.file.open("rb") as source:
            self._store(copy.file, stored_name(image.title, extension), File(source))
        copy.file_size = image.file_size
        return self._saved(copy)

    def document(self, pending, *, title, source):
        """The pending video as a library document (what the body's video block plays)."""
        document = get_document_model()(
            title=title[:255],
            source=source[:255],
            uploaded_by_user=self.user,
            collection=creator_collection(),
        )
        return self._move(pending, document)

    def remove_written(self):
        for storage, name in reversed(self.written):
            with contextlib.suppress(OSError):
                storage.delete(name)
        self.written.clear()

    def _move(self, pending, record):
        """The pending file copied into the library. The pending file goes only once the work is
        saved: if saving fails (the disk full at the next picture …), the uploads are still held."""
        extension = pending.file.name.rsplit(".", 1)[-1]
        with pending.file.open("rb") as source:
            self._store(record.file, stored_name(pending.name, extension), File(source))
        record.file_size = pending.size
        self._saved(record)
        held = pending.file.name
        pending.delete()
        transaction.on_commit(lambda: pending.file.storage.delete(held))
        return record

    def _store(self, field_file, name, content):
        store_new_file(field_file, name, content)  # a failed write removes its own partial file
        self.written.append((field_file.storage, field_file.name))

    def _saved(self, record):
        record.save()
        if isinstance(record, get_image_model()):
            # Renditions made at once (the immediate task backend) are files of this save too.
            self.written += [(made.file.storage, made.file.name) for made in record.renditions.all()]
        return record


def allowed_image(user, pk, known=()):
    """A library image the creator may place: one they uploaded, or one already in this work."""
    image = get_image_model().objects.filter(pk=pk).first() if str(pk).isdigit() else None
    if image is None or not (image.uploaded_by_user_id == user.pk or image.pk in known):
        return None
    return image


def allowed_document(user, pk, known=()):
    document = get_document_model().objects.filter(pk=pk).first() if str(pk).isdigit() else None
    if document is None or not (document.uploaded_by_user_id == user.pk or document.pk in known):
        return None
    return document


# Daily limit on new works ------------------------------------------------------------------------


def new_works_since(user, since):
    """How many of the creator's works were started (first revision) since `since`."""
    own = ArticlePage.objects.filter(owner=user).annotate(key=Cast("pk", CharField())).values("key")
    return (
        Revision.objects.filter(base_content_type=ContentType.objects.get_for_model(Page), object_id__in=own)
        .values("object_id")
        .annotate(first=Min("created_at"))
        .filter(first__gte=since)
        .count()
    )


def works_quota_message(user):
    """Why the creator may not start another work now, or None."""
    limit = settings.PORTAL_CREATOR_WORKS_PER_DAY
    if new_works_since(user, timezone.now() - timedelta(hours=24)) < limit:
        return None
    return _("24 小时内最多新建 %(limit)s 篇作品，这篇没有保存。请稍后再试；修改已有作品不受此限制。") % {
        "limit": limit
    }


# Video links ---------------------------------------------------------------------------------------


def check_video_link(url):
    """An https link to one of the video hosts the portal accepts; anything else gets a message."""
    hosts = settings.PORTAL_VIDEO_HOSTS
    message = _("只接受以下网站的视频链接，且须以 https:// 开头：%(hosts)s。") % {"hosts": "、".join(hosts)}
    try:
        URLValidator(schemes=["https"])(url)
        parts = urlsplit(url)
        port = parts.port
    except (ValidationError, ValueError):
        raise ValidationError(message, code="video_link") from None
    if parts.hostname not in hosts or parts.username or parts.password or port not in (None, 443):
        raise ValidationError(message, code="video_link")
    return url
