"""What a reader sees of a reviewed page, reduced to one digest: a clearance binds to it.

The digest covers every field a reader can see (title, summary, body, classification, tags,
credits, correction notices) and the state of every picture and file the page shows (the file
itself, its alt text, source and licence). It leaves out where the page sits, who is editing it and
whether it is live: those are what a clearance decides, not what it cleared.
"""

import hashlib
import json

from django.core.exceptions import FieldDoesNotExist
from django.db import models

from modelcluster.models import get_all_child_relations
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import COMMENTS_RELATION_NAME

# Fields that say where a page sits, who is editing it and whether (or since when) it is live.
NOT_CONTENT = frozenset(
    {
        "pk",
        "id",
        "page_ptr",
        "path",
        "depth",
        "numchild",
        "url_path",
        "slug",
        "content_type",
        "translation_key",
        "locale",
        "alias_of",
        "live",
        "has_unpublished_changes",
        "first_published_at",
        "last_published_at",
        "live_revision",
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "go_live_at",
        "expire_at",
        "expired",
        "locked",
        "locked_at",
        "locked_by",
        "owner",
        "show_in_menus",
        COMMENTS_RELATION_NAME,
        # Written by review itself when it publishes: the credit names who cleared the content.
        "review_credit",
    }
)
# Keys of child rows (correction notices, tag links) that identify the row, not what it says.
ROW_KEYS = frozenset({"pk", "id", "sort_order", "translation_key", "locale"})


def shown_fields():
    """Per model, the fields of a shared object that a reader sees through a page that uses it.
    A change to any of them on an object a live work shows must pass review (review/guards.py)."""
    return {
        get_image_model(): ("file", "file_hash", "file_size", "description", "source", "licence"),
        get_document_model(): ("file", "file_hash", "file_size", "title", "source", "licence"),
        Tag: ("name",),
    }


def _canonical(value):
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def _field_content(page, key, value, child_keys):
    try:
        field = page._meta.get_field(key)
    except FieldDoesNotExist:
        field = None
    if isinstance(field, StreamField) and isinstance(value, str):
        return json.loads(value or "[]")
    if key in child_keys:
        rows = []
        for row in value or []:
            order = row.get("sort_order")
            rows.append((order, {k: v for k, v in row.items() if k not in ROW_KEYS and k != child_keys[key]}))
        if any(order is not None for order, _row in rows):
            rows.sort(key=lambda item: (item[0] is None, item[0] or 0))
            return [row for _order, row in rows]
        return sorted((row for _order, row in rows), key=_canonical)
    if isinstance(field, models.ManyToManyField) and isinstance(value, list):
        return sorted(value, key=str)
    return value


def _references(obj):
    """(model, pk) of every object `obj` points at: foreign keys, StreamField and rich text."""
    for field in obj._meta.concrete_fields:
        if field.name in NOT_CONTENT:
            continue
        if isinstance(field, models.ForeignKey):
            pk = getattr(obj, field.attname)
            if pk is not None:
                yield field.related_model, str(pk)
        elif isinstance(field, StreamField | RichTextField):
            for model, pk, _path, _content_path in field.extract_references(getattr(obj, field.attname)):
                yield model, str(pk)


def shown_objects(page):
    """The shared objects (pictures, files, tags) the page shows, as {model: {pk, …}}."""
    watched = shown_fields()
    found = {model: set() for model in watched}
    objects = [page]
    for relation in get_all_child_relations(page):
        objects.extend(getattr(page, relation.get_accessor_name()).all())
    for obj in objects:
        for model, pk in _references(obj):
            for watched_model in watched:
                if issubclass(model, watched_model) or issubclass(watched_model, model):
                    found[watched_model].add(pk)
    return found


def _shown_state(page):
    state = []
    for model, pks in shown_objects(page).items():
        if not pks:
            continue
        names = shown_fields()[model]
        existing = model.objects.in_bulk([int(pk) for pk in pks])
        for pk in sorted(pks, key=int):
            obj = existing.get(int(pk))
            values = [str(getattr(obj, name) or "") for name in names] if obj else ["(missing)"]
            state.append([model._meta.label_lower, pk, *values])
    return state


def page_content(page):
    """The reader-visible content of `page` (a specific page instance) as plain data."""
    data = page.serializable_data()
    child_keys = {
        relation.get_accessor_name(): relation.field.name for relation in get_all_child_relations(page)
    }
    content = {
        key: _field_content(page, key, value, child_keys)
        for key, value in data.items()
        if key not in NOT_CONTENT
    }
    content["shown_objects"] = _shown_state(page)
    return content


def page_digest(page):
    return hashlib.sha256(_canonical(page_content(page)).encode()).hexdigest()


def revision_digest(revision):
    """The digest of what `revision` would show if it were published now."""
    return page_digest(revision.as_object())
