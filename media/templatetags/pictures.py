"""The one way public templates show a picture: a responsive WebP <img>.

    {% load pictures %}
    {% picture page.cover_image "cover" lead=True %}
    {% picture image "card" class="card__image" %}

writes `src` (the role's first rendition), `srcset` of all the role's renditions with their
widths, `sizes` from the layout, `width` and `height` (the box is reserved before the file
arrives: no layout shift), and the image's description as `alt`. A picture below the fold is
`loading="lazy" decoding="async"`; the page's lead picture — its largest contentful paint, at the
top — is fetched at once with `fetchpriority="high"`.

Only renditions already made are shown (media/renditions.py `existing()`): a missing one is left
out of the `srcset` (if none of the role's exists, so is the picture) and the background job is
asked to make it. A reader's request never resizes a picture.
"""

from django import template

from media import renditions as made
from media.renditions import PICTURES

register = template.Library()


@register.simple_tag
def picture(image, role, lead=False, **attrs):
    if not image:
        return ""
    specs, sizes = PICTURES[role]
    found = made.existing(image, specs)
    # In the role's order, so the fallback `src` is the first spec's when it exists.
    renditions = [found[spec] for spec in specs if spec in found]
    if not renditions:
        return ""
    # A picture smaller than the larger specs gives renditions of the same width: list each once.
    by_width = {rendition.width: rendition for rendition in reversed(renditions)}
    srcset = ", ".join(f"{by_width[width].url} {width}w" for width in sorted(by_width))
    attrs = {"alt": image.description, "srcset": srcset, "sizes": sizes, **attrs}
    if lead:
        attrs["fetchpriority"] = "high"
    else:
        attrs.update(loading="lazy", decoding="async")
    return renditions[0].img_tag(attrs)


@register.simple_tag
def picture_url(image, role):
    """The URL of the largest existing rendition of `image` for `role` (a video's poster
    attribute), or nothing: like `picture`, it makes none."""
    if not image:
        return ""
    specs, _sizes = PICTURES[role]
    found = made.existing(image, specs[:1])
    return found[specs[0]].url if found else ""
