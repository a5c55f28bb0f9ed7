"""`{% page_extensions page %}`: what higher apps add to a public page (a question for the reader, a
link), through the Wagtail hook "public_page_extensions" — fn(page, request) → HTML or "" — so the
page's template need not know who adds what."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from wagtail import hooks

register = template.Library()


@register.simple_tag(takes_context=True)
def page_extensions(context, page):
    request = context.get("request")
    parts = (fn(page, request) for fn in hooks.get_hooks("public_page_extensions"))
    # Safe strings (rendered templates) pass as they are; anything else is escaped.
    return mark_safe("".join(conditional_escape(part) for part in parts if part))  # noqa: S308
