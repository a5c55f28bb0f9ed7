"""{% languages as languages %}: the reader's languages for base.html's head and header slots
(portal/templates/includes/head_language.html, header_language.html). See home/languages.py."""

from django import template

from wagtail.models import Page

from home import languages as site_languages

register = template.Library()


@register.simple_tag(takes_context=True)
def languages(context):
    request = context.get("request")
    if request is None:
        return None
    page = context.get("page")
    # Django's error views pass the exception (and a 404 its path): no page stands behind them, so
    # the switcher offers each language's home.
    error = "exception" in context or "request_path" in context
    return site_languages.languages_for(request, page if isinstance(page, Page) else None, error=error)
