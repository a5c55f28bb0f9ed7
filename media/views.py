"""The Wagtail admin's multiple uploader (添加图片 / 添加文档, several files at once) when storage fails:
the uploader shows a Chinese message beside the file instead of 服务器错误 500, and no record or
partial file is left behind.

Wagtail's uploader writes files in two places the forms do not see: a file whose picture lacks a
required field (alt text, source) is held in Wagtail's UploadedFile until the editor fills the
form in, and sending that form copies it into the library. Both writes here go through
media.forms.store_new_file, which removes what a failed write left; the rows are made only after the
file is stored and rolled back with it. Answers stay JSON with status 200, as Wagtail's own refusal
of a bad file: its uploader shows `error_message` (or the returned form) only on a 200 answer.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.http import HttpResponseBadRequest, JsonResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape

from wagtail.documents.views import multiple as documents
from wagtail.images.views import multiple as images
from wagtail.models import UploadedFile

from .forms import storage_failure, store_new_file


class StorageFailed(Exception):
    """The held file could not be copied into the library; `form` carries the message."""

    def __init__(self, form):
        super().__init__()
        self.form = form


class SafeAddMixin:
    """Wagtail 8.0's AddView.post step by step, with its inline UploadedFile.objects.create (which
    writes the file inside the model's save, where a failure leaves part of it) made `hold()`."""

    def post(self, request):
        uploaded = request.FILES.get("files[]")
        if uploaded is None:
            return HttpResponseBadRequest("Must upload a file")
        form = self.get_upload_form_class()(
            {"title": request.POST.get("title", uploaded.name), "collection": request.POST.get("collection")},
            {"file": uploaded},
            user=request.user,
        )
        if form.is_valid():
            # The form stored the file while it was checked (media.forms.StoreNowFormMixin).
            self.object = self.save_object(form)
            return JsonResponse(self.get_edit_object_response_data())
        if "file" in form.errors:  # refused or not stored: the message is on the file
            return JsonResponse(self.get_invalid_response_data(form))
        try:
            self.upload_object = self.hold(uploaded)
        except OSError as error:
            return JsonResponse({"success": False, "error_message": escape(storage_failure(error))})
        self.object = self.model(title=uploaded.name, collection_id=request.POST.get("collection"))
        return JsonResponse(self.get_edit_upload_response_data())

    def save_object(self, form):
        try:
            with transaction.atomic():
                return super().save_object(form)
        except BaseException:
            form.instance.file.delete(save=False)  # stored for a row that was not made
            raise

    def hold(self, uploaded):
        """Keep the file for the form the editor fills in next: stored first, then its row."""
        upload = UploadedFile(
            for_content_type=ContentType.objects.get_for_model(self.model), uploaded_by_user=self.request.user
        )
        store_new_file(upload.file, uploaded.name, uploaded, unique=False)
        try:
            upload.save()
        except BaseException:
            upload.file.delete(save=False)
            raise
        return upload


class SafeCreateFromUploadMixin:
    """Turning a held file into a picture or document: the copy is stored before the row is made, a
    failed copy leaves nothing and keeps the held file, and the form comes back with the message."""

    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except StorageFailed as failed:
            context = {
                self.context_upload_name: self.upload,
                "edit_action": reverse(self.edit_upload_url_name, args=(self.upload.id,)),
                "delete_action": reverse(self.delete_upload_url_name, args=(self.upload.id,)),
                "form": failed.form,
            }
            form = render_to_string(self.edit_form_template_name, context, request=request)
            return JsonResponse({"success": False, "form": form})

    def save_object(self, form):
        try:
            with self.upload.file.open("rb") as held:
                store_new_file(self.object.file, self.upload.file.name.rsplit("/", 1)[-1], held)
        except OSError as error:
            form.add_error(None, storage_failure(error))
            raise StorageFailed(form) from error
        self.object.uploaded_by_user = self.request.user
        try:
            self.set_file_metadata()
            with transaction.atomic():
                form.save()
        except BaseException:
            self.object.file.delete(save=False)
            raise


class ImageAddView(SafeAddMixin, images.AddView):
    pass


class ImageFromUploadView(SafeCreateFromUploadMixin, images.CreateFromUploadedImageView):
    def set_file_metadata(self):
        self.object._set_image_file_metadata()


class DocumentAddView(SafeAddMixin, documents.AddView):
    pass


class DocumentFromUploadView(SafeCreateFromUploadMixin, documents.CreateFromUploadedDocumentView):
    def set_file_metadata(self):
        self.object._set_document_file_metadata()

    def get_edit_form_class(self):
        """A document checks its file's extension (WAGTAILDOCS_EXTENSIONS) in the model's clean, which
        the form runs before the held file is copied: on the empty file that check fails for a field
        the form has not got — a ValueError, a 500 for every held document in Wagtail 8.0. The check
        is made on the held file's name instead (the uploader accepted it under the same rule)."""
        view = self

        class HeldDocumentForm(super().get_edit_form_class()):
            def _post_clean(self):
                self.instance.file.name = view.upload.file.name
                super()._post_clean()

        return HeldDocumentForm
