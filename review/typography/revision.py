"""The typography check applied to a work in 初审: its findings field by field, and accepting fixes.

Accepting never rewrites anything in place: the fixed text is saved as a new revision by the editor
who accepted it, logged in the review trail, and that revision is what 初审 approves and the experts
read. Its content differs, so its digest does too, and no earlier clearance covers it; the page's
live content (if it has any) is not touched.
"""

import copy
import html
import json
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import TaskState

from review import memo, rules
from review.models import ReviewAction, Stage

from .checker import check

# Plain text fields a reader sees, in the order the panel lists them.
TEXT_FIELDS = ("title", "summary", "listing_title", "listing_summary", "social_text", "source")
# Blocks left to their own conventions: reference lists follow GB/T 7714 ("[M]. 北京: 出版社").
SKIPPED_BLOCKS = frozenset({"references"})
CONTEXT = 16  # characters shown either side of an excerpt
NEAR = 4  # and either side of its replacement
ACTION = "typography-fix"


class StaleFix(Exception):
    """The text changed since the editor saw the finding."""


@dataclass
class TextField:
    locator: str  # "summary", "body/3/value/items/0/value/answer"
    label: str
    text: str
    is_html: bool


@dataclass
class FieldFindings:
    field: TextField
    findings: list = field(default_factory=list)  # [Shown]


@dataclass
class Shown:
    """A finding as the panel shows it: the excerpt between its context, as a reader reads it."""

    finding: object
    before: str
    excerpt: str
    replacement: str
    after: str

    @property
    def before_near(self):
        return self.before[-NEAR:]

    @property
    def after_near(self):
        return self.after[:NEAR]


def _visible(text, is_html):
    return html.unescape(strip_tags(text)) if is_html else text


def _page_model(revision):
    return revision.content_type.model_class()


def _stream(content, name):
    raw = content.get(name)
    return json.loads(raw) if isinstance(raw, str) else (raw or [])


def _leaves(block, value, path, label):
    """(path, label, text, is_html) of every text a reader sees in a block value (raw data)."""
    if isinstance(block, blocks.StructBlock):
        only_child = len(block.child_blocks) == 1  # a heading: "小标题", not "小标题·标题"
        for name, child in block.child_blocks.items():
            if isinstance(value, dict) and name in value:
                child_label = label if only_child else f"{label}·{child.label}"
                yield from _leaves(child, value[name], (*path, name), child_label)
    elif isinstance(block, blocks.ListBlock):
        for i, item in enumerate(value or []):
            if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
                item_value, item_path = item["value"], (*path, i, "value")
            else:
                item_value, item_path = item, (*path, i)
            yield from _leaves(
                block.child_block,
                item_value,
                item_path,
                _("%(label)s第%(n)s项") % {"label": label, "n": i + 1},
            )
    elif isinstance(block, blocks.RichTextBlock) and isinstance(value, str):
        yield path, label, value, True
    elif isinstance(block, blocks.CharBlock | blocks.TextBlock) and isinstance(value, str):
        yield path, label, value, False


def text_fields(revision):
    """Every text of `revision` a reader sees and the check reads, with where it sits."""
    model, content = _page_model(revision), revision.content
    found = []
    for name in TEXT_FIELDS:
        if isinstance(content.get(name), str) and content[name]:
            label = str(model._meta.get_field(name).verbose_name)
            found.append(TextField(name, label, content[name], False))
    for model_field in model._meta.get_fields():
        if not isinstance(model_field, StreamField):
            continue
        stream_block = model_field.stream_block
        for index, raw in enumerate(_stream(content, model_field.name)):
            kind = raw.get("type")
            if kind in SKIPPED_BLOCKS or kind not in stream_block.child_blocks:
                continue
            block = stream_block.child_blocks[kind]
            label = _("%(field)s第%(n)s块·%(block)s") % {
                "field": model_field.verbose_name,
                "n": index + 1,
                "block": block.label,
            }
            for path, leaf_label, text, is_html in _leaves(block, raw.get("value"), (), label):
                locator = "/".join(str(step) for step in (model_field.name, index, "value", *path))
                found.append(TextField(locator, leaf_label, text, is_html))
    return found


def findings_by_field(revision):
    """[FieldFindings] of the fields of `revision` that have findings."""
    result = []
    for text_field in text_fields(revision):
        shown = []
        for finding in check(text_field.text):
            text, is_html = text_field.text, text_field.is_html
            shown.append(
                Shown(
                    finding,
                    _visible(text[max(0, finding.offset - CONTEXT) : finding.offset], is_html),
                    _visible(finding.excerpt, is_html),
                    _visible(finding.replacement, is_html),
                    _visible(text[finding.end : finding.end + CONTEXT], is_html),
                )
            )
        if shown:
            result.append(FieldFindings(text_field, shown))
    return result


# Accepting -------------------------------------------------------------------------------


def refusal(user, task_state):
    """None if `user` may accept typography fixes on the work at `task_state`, else why not: the
    editor who may decide its 初审 (review.rules), while it is at 初审."""
    if task_state.task.specific.stage != Stage.EDITORIAL:
        return _("只有在初审环节才能采用标点修改。")
    return rules.refusal(user, task_state, "approve")


def _set(content, locator, new_text):
    """Write `new_text` at `locator` in a copy of revision content (streams stay as they were stored)."""
    steps = [int(step) if step.isdigit() else step for step in locator.split("/")]
    if len(steps) == 1:
        content[steps[0]] = new_text
        return
    name, raw = steps[0], content.get(steps[0])
    stream = _stream(content, name)
    node = stream
    for step in steps[1:-1]:
        node = node[step]
    node[steps[-1]] = new_text
    content[name] = json.dumps(stream) if isinstance(raw, str) else stream


def _text_at(revision, locator):
    for text_field in text_fields(revision):
        if text_field.locator == locator:
            return text_field
    return None


@transaction.atomic
def accept(task_state, user, wanted, *, seen_revision_id=None):
    """Save the work with the chosen fixes as a new revision by `user`; returns it.

    `wanted`: [(locator, offset, excerpt)] of findings the editor saw, or "all" for every finding of
    the revision they saw (`seen_revision_id`, which must still be the latest). A finding that is no
    longer in the text raises StaleFix and nothing is saved."""
    memo.stop()  # the checks below read the state as it is under the lock
    task_state = TaskState.objects.select_for_update().get(pk=task_state.pk).specific
    if reason := refusal(user, task_state):
        raise PermissionDenied(reason)
    work = task_state.workflow_state.content_object.specific
    latest = work.get_latest_revision()
    if wanted == "all" and latest.pk != seen_revision_id:
        raise StaleFix(_("作品在您查看之后已有新版本，请看过新的检查结果再采用。"))
    fields = text_fields(latest)
    by_locator = {text_field.locator: text_field for text_field in fields}
    if wanted == "all":
        wanted = [(f.locator, finding.offset, finding.excerpt) for f in fields for finding in check(f.text)]
    if not wanted:
        raise StaleFix(_("没有可采用的修改。"))
    chosen = {}  # locator → [Finding]
    for locator, offset, excerpt in wanted:
        text_field = by_locator.get(locator)
        match = None
        if text_field is not None:
            match = next(
                (f for f in check(text_field.text) if f.offset == offset and f.excerpt == excerpt), None
            )
        if match is None:
            raise StaleFix(
                _("“%(excerpt)s”处的文字已经改变，这条修改没有采用；请查看最新的检查结果。")
                % {"excerpt": excerpt}
            )
        chosen.setdefault(locator, []).append(match)
    content = copy.deepcopy(latest.content)
    record = []
    for locator, findings in chosen.items():
        text, applied = by_locator[locator].text, []
        last_start = len(text) + 1
        # From the end, so earlier offsets stay valid; a finding overlapping one applied waits for
        # the next check (the panel shows it again).
        for finding in sorted(findings, key=lambda f: f.offset, reverse=True):
            if finding.end > last_start:
                continue
            text = finding.applied_to(text)
            last_start = finding.offset
            applied.append(
                {
                    "field": locator,
                    "excerpt": finding.excerpt,
                    "replacement": finding.replacement,
                    "rule": finding.rule,
                }
            )
        record += reversed(applied)
        _set(content, locator, text)
    page = work.with_content_json(content)
    revision = page.save_revision(user=user, log_action=True)
    ReviewAction.objects.create(
        page_id=work.pk,
        page_title=work.title[:255],
        workflow_state=task_state.workflow_state,
        task_state=task_state,
        stage=Stage.EDITORIAL,
        revision=revision,
        user=user,
        action=ACTION,
        comment=_("采用标点与排版修改%(n)s处（GB/T 15834—2011）：%(items)s")
        % {
            "n": len(record),
            "items": "；".join(
                f"「{_visible(r['excerpt'], True)}」→「{_visible(r['replacement'], True)}」" for r in record
            ),
        },
        data={"from_revision": latest.pk, "fixes": record},
    )
    return revision
