"""POST data for Wagtail's page forms, built from a page as the admin's own form would render it.

Tests drive Wagtail's create, edit and autosave views with it exactly as a browser would after
loading the form: every field, StreamField block and inline formset, with any changes applied.
"""

from django import forms

from wagtail import blocks
from wagtail.blocks.field_block import FieldBlock
from wagtail.blocks.list_block import ListValue
from wagtail.blocks.stream_block import StreamValue


def _stream(prefix, block, value):
    data = {}
    if isinstance(block, blocks.StreamBlock):
        children = list(value or [])
        data[f"{prefix}-count"] = str(len(children))
        for index, child in enumerate(children):
            data.update(
                {
                    f"{prefix}-{index}-type": child.block_type,
                    f"{prefix}-{index}-deleted": "",
                    f"{prefix}-{index}-order": str(index),
                    f"{prefix}-{index}-id": child.id or "",
                }
            )
            data.update(_stream(f"{prefix}-{index}-value", child.block, child.value))
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            data.update(_stream(f"{prefix}-{name}", child_block, value.get(name) if value else None))
    elif isinstance(block, blocks.ListBlock):
        items = list(value.bound_blocks if isinstance(value, ListValue) else [])
        data[f"{prefix}-count"] = str(len(items))
        for index, item in enumerate(items):
            data.update(
                {
                    f"{prefix}-{index}-deleted": "",
                    f"{prefix}-{index}-order": str(index),
                    f"{prefix}-{index}-id": item.id or "",
                }
            )
            data.update(_stream(f"{prefix}-{index}-value", block.child_block, item.value))
    elif isinstance(block, blocks.RichTextBlock):
        data[prefix] = block.field.widget.format_value(value.source if value else "")
    elif isinstance(block, FieldBlock | blocks.ChooserBlock):
        prepared = block.value_for_form(block.get_prep_value(value)) if value is not None else None
        data[prefix] = "" if prepared in (None, False) else str(prepared)
    else:
        raise TypeError(f"no form data for {type(block).__name__}")
    return data


def _field(name, field, value):
    if hasattr(field, "block"):  # a StreamField
        stream = value if isinstance(value, StreamValue) else field.block.to_python(value or [])
        return _stream(name, field.block, stream)
    if isinstance(field, forms.ModelMultipleChoiceField):
        return {name: [str(getattr(item, "pk", item)) for item in value or []]}
    if isinstance(field, forms.BooleanField):
        return {name: "on"} if value else {}
    if value is None:
        return {name: ""}
    if hasattr(value, "pk"):
        return {name: str(value.pk)}
    formatted = field.widget.format_value(value)
    return {name: "" if formatted is None else formatted}


def _form(form):
    data = {}
    for name, field in form.fields.items():
        data.update(_field(form.add_prefix(name), field, form[name].value()))
    for formset in getattr(form, "formsets", {}).values():
        management = formset.management_form
        for name in management.fields:
            value = management[name].value()
            data[management.add_prefix(name)] = "" if value is None else str(value)
        for subform in formset.forms:
            data.update(_form(subform))
    return data


def page_form_data(page, user, parent=None, **changes):
    """What Wagtail's add or edit view posts for `page` as it stands, with `changes` applied: field
    values, or for StreamFields a list of (block type, value) pairs."""
    page = page.specific
    for name, value in changes.items():
        setattr(page, name, value)
    form_class = page.get_edit_handler().get_form_class()
    parent = parent or page.get_parent()
    return _form(form_class(instance=page, for_user=user, parent_page=parent))
