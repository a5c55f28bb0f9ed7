"""`{% venue_json_ld page league %}`: a venue as a schema.org Place (JSON-LD), for search engines and
map apps that read structured data. A data block, never run: the page's CSP does not apply to it."""

import json

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

# Nothing in the JSON may close the <script> element or open a comment.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


@register.simple_tag(takes_context=True)
def venue_json_ld(context, page, league):
    data = {
        "@context": "https://schema.org",
        "@type": "Place",
        "name": page.title,
        "description": page.summary,
        "url": page.get_full_url(context["request"]),
        "address": {
            "@type": "PostalAddress",
            "streetAddress": page.address,
            "addressLocality": page.region.name,
            "addressRegion": league.name,
            "addressCountry": "CN",
        },
    }
    if page.point:
        data["geo"] = {"@type": "GeoCoordinates", "latitude": page.point[0], "longitude": page.point[1]}
    if page.phone:
        data["telephone"] = page.phone
    payload = json.dumps(data, ensure_ascii=False).translate(_SCRIPT_SAFE)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308 - escaped above
