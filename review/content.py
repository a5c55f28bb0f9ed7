"""What a reader sees of a reviewed page, reduced to one digest: a clearance binds to it.

The digest covers every field a reader can see (title, summary, body, classification, tags,
credits, correction notices) and the state of every picture and file the page shows (the file
itself, its alt text, source and licence). It leaves out where the page sits, who is editing it and
whether it is live: those are what a clearance decides, not what it cleared.
"""

import copy
import datetime
import hashlib
import json
import re

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from modelcluster.models import ClusterableModel, get_all_child_relations
from taggit.models import Tag
from wagtail.blocks import StreamValue
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
    """Per model, the fields of a shared object that a reader sees through a page that uses it:
    pictures and files, tags, and the names of the classification shown on a work. A change to any
    of them on an object that cleared live content shows must pass review (review/guards.py)."""
    from articles.models import Audience, Campaign, Discipline, Region

    return {
        # A new file is stored under a new name; file_hash and file_size are left out, as Wagtail
        # fills them in later, when it first needs them.
        get_image_model(): ("file", "description", "source", "licence"),
        get_document_model(): ("file", "title", "source", "licence"),
        Tag: ("name",),
        Discipline: ("name",),
        Audience: ("name",),
        Region: ("name",),
        Campaign: ("name",),
    }


def _to_milliseconds(value):
    """A date and time as a revision keeps it: revisions are JSON (DjangoJSONEncoder), which cuts
    microseconds to milliseconds, so a stored page and its own revision compare equal (an event's
    start and end)."""
    if isinstance(value, str):
        value = parse_datetime(value) or value
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = value.astimezone(datetime.UTC)
        return value.replace(microsecond=value.microsecond // 1000 * 1000).isoformat()
    return value


def _canonical(value):
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def _canonical_stream(stream_block, value):
    """The stream as it would be saved, every block written back through its definition: a block
    that was read (rendered, or searched for pictures) and one that was not come out the same.
    Returns the data and the value it was read into."""
    current = value.get_prep_value() if isinstance(value, StreamValue) else value
    fresh = stream_block.to_python(copy.deepcopy(current))
    list(fresh)  # read every block, so that each is written back from its value
    return fresh.get_prep_value(), fresh


# Draftail marks each paragraph of rich text it saves with a key for the editor's own use: a work
# saved unchanged in Wagtail's editor gains them, and a reader sees nothing different.
_BLOCK_KEY = re.compile(r'\sdata-block-key="[^"]*"')


def _without_editor_marks(raw):
    """Block ids and rich-text block keys are the editor's handles, not content."""
    if isinstance(raw, dict):
        return {key: _without_editor_marks(value) for key, value in raw.items() if key != "id"}
    if isinstance(raw, list):
        return [_without_editor_marks(item) for item in raw]
    if isinstance(raw, str):
        return _BLOCK_KEY.sub("", raw)
    return raw


class _Reading:
    """One pass over a page's serialized data: its content, and the shared objects it points at."""

    def __init__(self, page):
        self.page = page
        self.references = set()  # (model, pk)
        # modelcluster's own serializer: Wagtail's wrapper falls back to the plain fields (no
        # notices, tags or classification) on an AttributeError, which would leave them out.
        data = ClusterableModel.serializable_data(page)
        children = {relation.get_accessor_name(): relation for relation in get_all_child_relations(page)}
        self.content = {}
        for key, value in data.items():
            if key in NOT_CONTENT:
                continue
            if key in children:
                self.content[key] = self._rows(children[key], value)
            else:
                self.content[key] = self._value(page._meta, key, value, obj=page)

    def _value(self, meta, key, value, obj=None):
        try:
            field = meta.get_field(key)
        except FieldDoesNotExist:
            return value
        if isinstance(field, StreamField):
            stream = getattr(obj, field.attname) if obj is not None else value
            prepared, read = _canonical_stream(field.stream_block, stream)
            self._note(field.stream_block.extract_references(read))
            return _without_editor_marks(prepared)
        if isinstance(field, RichTextField):
            self._note(field.extract_references(value or ""))
            return _without_editor_marks(value)
        elif isinstance(field, models.ManyToManyField):
            self.references.update((field.related_model, str(pk)) for pk in value or [])
            return sorted(value or [], key=str)
        elif isinstance(field, models.ForeignKey) and value is not None:
            self.references.add((field.related_model, str(value)))
        elif isinstance(field, models.DateTimeField) and value:
            return _to_milliseconds(value)
        return value

    def _rows(self, relation, rows):
        """Child rows (correction notices, tag links): what they say, in their order, without the
        keys that identify the row."""
        meta, parent_key = relation.related_model._meta, relation.field.name
        ordered = []
        for row in rows or []:
            values = {
                key: self._value(meta, key, value)
                for key, value in row.items()
                if key not in ROW_KEYS and key != parent_key
            }
            ordered.append((row.get("sort_order"), values))
        if any(order is not None for order, _values in ordered):
            ordered.sort(key=lambda item: (item[0] is None, item[0] or 0))
            return [values for _order, values in ordered]
        return sorted((values for _order, values in ordered), key=_canonical)

    def _note(self, references):
        self.references.update((model, str(pk)) for model, pk, _path, _content_path in references)

    def shown(self):
        """{model: {pk, …}} of the watched shared objects among the references."""
        watched = shown_fields()
        found = {model: set() for model in watched}
        for model, pk in self.references:
            for watched_model in watched:
                if issubclass(model, watched_model) or issubclass(watched_model, model):
                    found[watched_model].add(pk)
        return found


def shown_objects(page):
    """The shared objects (pictures, files, tags, classification) the page shows: {model: {pk, …}}."""
    return _Reading(page).shown()


def _shown_state(shown):
    state = []
    fields = shown_fields()
    for model, pks in shown.items():
        if not pks:
            continue
        names = fields[model]
        existing = model.objects.in_bulk([int(pk) for pk in pks])
        for pk in sorted(pks, key=int):
            obj = existing.get(int(pk))
            values = [str(getattr(obj, name) or "") for name in names] if obj else ["(missing)"]
            state.append([model._meta.label_lower, pk, *values])
    return state


def page_content(page):
    """The reader-visible content of `page` (a specific page instance) as plain data."""
    reading = _Reading(page)
    return {**reading.content, "shown_objects": _shown_state(reading.shown())}


def page_digest(page):
    return hashlib.sha256(_canonical(page_content(page)).encode()).hexdigest()


def revision_digest(revision):
    """The digest of what `revision` would show if it were published now."""
    return page_digest(revision.as_object())
