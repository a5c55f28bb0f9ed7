"""The one way public templates show a picture: a responsive WebP <img>.

    {% load pictures %}
    {% picture page.cover_image "cover" lead=True %}
    {% picture image "card" class="card__image" %}

writes `src` (the role's first rendition), `srcset` of all the role's renditions with their
widths, `sizes` from the layout, `width` and `height` (the box is reserved before the file
arrives: no layout shift), and the image's description as `alt`. A picture below the fold is
`loading="lazy" decoding="async"`; the page's lead picture — its largest contentful paint, at the
top — is fetched at once with `fetchpriority="high"`.
"""

from django import template

from wagtail.images.shortcuts import get_renditions_or_not_found

from media.renditions import PICTURES

register = template.Library()


@register.simple_tag
def picture(image, role, lead=False, **attrs):
    if not image:
        return ""
    specs, sizes = PICTURES[role]
    renditions = list(get_renditions_or_not_found(image, specs).values())
    # A picture smaller than the larger specs gives renditions of the same width: list each once.
    by_width = {rendition.width: rendition for rendition in reversed(renditions)}
    srcset = ", ".join(f"{by_width[width].url} {width}w" for width in sorted(by_width))
    attrs = {"alt": image.description, "srcset": srcset, "sizes": sizes, **attrs}
    if lead:
        attrs["fetchpriority"] = "high"
    else:
        attrs.update(loading="lazy", decoding="async")
    return renditions[0].img_tag(attrs)
