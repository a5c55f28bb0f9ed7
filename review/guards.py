"""Refusals below every view: a reviewed revision keeps its content, and the pictures, files and tags
that cleared content shows change only through review. Connected in ReviewConfig.ready()."""

from django.db.models.signals import pre_delete, pre_save
from django.utils.translation import gettext as _

from wagtail.models import Revision

from pages.reviewed import ReviewedPageMixin

from . import clearance
from .content import revision_digest, shown_fields


def _reviewed_revision(revision):
    model = revision.content_type.model_class() if revision.content_type_id else None
    return model is not None and issubclass(model, ReviewedPageMixin)


def refuse_rewriting_reviewed_revisions(sender, instance, raw=False, update_fields=None, **kwargs):
    """A submitted, cleared or published revision may gain bookkeeping (its go-live date, the review
    credit) but never other content: the content that was reviewed is the content that stays."""
    if raw or instance._state.adding or instance.pk is None:
        return
    if update_fields is not None and "content" not in update_fields:
        return
    if not _reviewed_revision(instance) or not clearance.is_reviewed_revision(instance):
        return
    stored = Revision.objects.get(pk=instance.pk)
    if revision_digest(stored) != revision_digest(instance):
        raise clearance.UnreviewedContent(_("已送审、已通过或已发布的版本不能改写;修改会保存为新版本。"))


def change_refusal(instance, update_fields=None):
    """Why the change to `instance` (a picture, file or tag) may not be saved, or None. Also called
    by the media forms through settings.PORTAL_MEDIA_CHANGE_GUARD, to answer with a form error."""
    if instance.pk is None:
        return None
    names = _watched_names(type(instance))
    if update_fields is not None:  # only what this save writes (Wagtail fills in file sizes)
        names = [name for name in names if name in update_fields]
    if not names:
        return None
    stored = type(instance).objects.filter(pk=instance.pk).values(*names).first()
    if stored is None or all(_same(stored[name], getattr(instance, name)) for name in names):
        return None
    return clearance.in_use_refusal(instance)


def _watched_names(model):
    for watched, names in shown_fields().items():
        if issubclass(model, watched):
            return [name for name in names if name in {f.attname for f in model._meta.concrete_fields}]
    return []


def _same(stored, current):
    return str(stored or "") == str(getattr(current, "name", current) or "")


def refuse_changing_shown_objects(sender, instance, raw=False, update_fields=None, **kwargs):
    if not raw and (reason := change_refusal(instance, update_fields)):
        raise clearance.UnreviewedContent(reason)


def refuse_deleting_shown_objects(sender, instance, **kwargs):
    if reason := clearance.in_use_refusal(instance):
        raise clearance.UnreviewedContent(reason)


def connect():
    pre_save.connect(
        refuse_rewriting_reviewed_revisions, sender=Revision, dispatch_uid="review_revision_guard"
    )
    for model in shown_fields():
        pre_save.connect(
            refuse_changing_shown_objects, sender=model, dispatch_uid=f"review_shown_{model._meta.label}"
        )
        pre_delete.connect(
            refuse_deleting_shown_objects, sender=model, dispatch_uid=f"review_shown_del_{model._meta.label}"
        )
