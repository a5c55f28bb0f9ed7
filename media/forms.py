"""The Wagtail admin image and document forms, routed through the portal's upload checks and the
change guard that keeps reviewed content as it was reviewed."""

import copy

from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms.models import construct_instance
from django.utils.module_loading import import_string

from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from .validation import check_video, clean_uploaded_image


def change_refusal(changed):
    """Why `changed` (an edited, unsaved picture or file) may not be saved, or None. The answer comes
    from settings.PORTAL_MEDIA_CHANGE_GUARD: a higher layer (review) knows which media readers see
    through reviewed content; the model layer refuses the same change with the same words."""
    guard = getattr(settings, "PORTAL_MEDIA_CHANGE_GUARD", None)
    return import_string(guard)(changed) if guard else None


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


class PortalImageForm(ChangeGuardFormMixin, BaseImageForm):
    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        # An edit that keeps the stored file has nothing new to check.
        if not uploaded or not hasattr(uploaded, "content_type"):
            return uploaded
        try:
            return clean_uploaded_image(uploaded)
        except ValidationError as error:
            raise ValidationError(error.messages) from error


class PortalDocumentForm(ChangeGuardFormMixin, BaseDocumentForm):
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
