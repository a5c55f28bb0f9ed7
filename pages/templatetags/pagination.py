"""Numbered page links for listings: the first and last pages, and two either side of this one."""

from django import template

register = template.Library()


@register.filter
def page_links(page_obj):
    """Page numbers to link, with Paginator.ELLIPSIS where a run is left out."""
    return list(page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1))
