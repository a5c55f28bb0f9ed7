"""The Wagtail admin image form, routed through the portal's upload checks."""

from django.core.exceptions import ValidationError

from wagtail.images.forms import BaseImageForm

from .validation import clean_uploaded_image


class PortalImageForm(BaseImageForm):
    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        # An edit that keeps the stored file has nothing new to check.
        if not uploaded or not hasattr(uploaded, "content_type"):
            return uploaded
        try:
            return clean_uploaded_image(uploaded)
        except ValidationError as error:
            raise ValidationError(error.messages) from error
