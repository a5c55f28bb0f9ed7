"""The Wagtail admin image and document forms, routed through the portal's upload checks and the
change guard that keeps reviewed content as it was reviewed."""

import contextlib
import copy
import errno
import os
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms.models import construct_instance
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from .validation import check_video, clean_uploaded_image


def change_refusal(changed):
    """Why `changed` (an edited, unsaved picture or file) may not be saved, or None. The answer comes
    from settings.PORTAL_MEDIA_CHANGE_GUARD: a higher layer (review) knows which media readers see
    through reviewed content; the model layer refuses the same change with the same words."""
    guard = getattr(settings, "PORTAL_MEDIA_CHANGE_GUARD", None)
    return import_string(guard)(changed) if guard else None


def store_new_file(field_file, name, content, *, unique=True):
    """Write an upload to storage at once, under a name no other file has (a random part is added
    unless `unique` says the name already has one). When the storage fails — disk full, an I/O or
    permission error — the part it wrote is removed and the OSError raised on: no file is left
    without its record, and the caller says why in words."""
    if not unique:
        stem, extension = os.path.splitext(os.path.basename(name))
        name = f"{stem[:60]}_{secrets.token_hex(4)}{extension}"
    storage = field_file.storage
    target = field_file.field.generate_filename(field_file.instance, name)
    content.seek(0)
    try:
        saved = storage.save(target, content, max_length=field_file.field.max_length)
    except OSError:
        with contextlib.suppress(OSError):
            if storage.exists(target):
                storage.delete(target)
        raise
    field_file.name = saved
    setattr(field_file.instance, field_file.field.attname, saved)
    field_file._committed = True
    return saved


def is_disk_full(error):
    return getattr(error, "errno", None) in (errno.ENOSPC, errno.EDQUOT)


def storage_failure(error):
    """What an editor reads when the server could not store a file (the admin's forms and uploader)."""
    if is_disk_full(error):
        return _("服务器存储空间不足，文件未保存。请联系管理员清理空间后重新上传。")
    return _("文件存储出错，未保存：%(error)s。请稍后重新上传。") % {"error": error.strerror or error}


class StoreNowFormMixin:
    """The admin's picture and file forms write a new file while the form is checked, so a storage
    failure is a message on the form (the multiple-upload page shows it beside the file) rather than
    an error page, and no record is made for a file that was not stored."""

    def _post_clean(self):
        super()._post_clean()
        uploaded = self.cleaned_data.get("file")
        if self.errors or "file" not in self.changed_data or not hasattr(uploaded, "read"):
            return
        try:
            store_new_file(self.instance.file, uploaded.name, uploaded, unique=False)
        except OSError as error:
            self.add_error("file", storage_failure(error))


class ChangeGuardFormMixin:
    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk and not self.errors:
            changed = construct_instance(
                self, copy.copy(self.instance), self._meta.fields, self._meta.exclude
            )
            if reason := change_refusal(changed):
                raise ValidationError(reason)
        return cleaned_data


class PortalImageForm(StoreNowFormMixin, ChangeGuardFormMixin, BaseImageForm):
    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        # An edit that keeps the stored file has nothing new to check.
        if not uploaded or not hasattr(uploaded, "content_type"):
            return uploaded
        try:
            return clean_uploaded_image(uploaded)
        except ValidationError as error:
            raise ValidationError(error.messages) from error


class PortalDocumentForm(StoreNowFormMixin, ChangeGuardFormMixin, BaseDocumentForm):
    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if (
            uploaded
            and hasattr(uploaded, "content_type")
            and uploaded.name.lower().endswith((".mp4", ".webm"))
        ):
            # A video is checked by its structure, as in the creator portal, not by its name.
            check_video(uploaded)
        return uploaded
