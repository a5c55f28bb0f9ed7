"""Admin wiring for pictures and files: the multiple uploader's two writing views replaced by ones
that survive a full disk (media/views.py). Same paths as Wagtail's, listed before them (order -1,
and media precedes wagtail.images in INSTALLED_APPS), so Wagtail's URL names, templates and
scripts reach these views unchanged."""

from django.urls import path

from wagtail import hooks

from . import views


@hooks.register("register_admin_urls", order=-1)
def multiple_uploader_urls():
    return [
        path("images/multiple/add/", views.ImageAddView.as_view()),
        path(
            "images/multiple/create_from_uploaded_image/<int:uploaded_file_id>/",
            views.ImageFromUploadView.as_view(),
        ),
        path("documents/multiple/add/", views.DocumentAddView.as_view()),
        path(
            "documents/multiple/create_from_uploaded_document/<int:uploaded_file_id>/",
            views.DocumentFromUploadView.as_view(),
        ),
    ]
