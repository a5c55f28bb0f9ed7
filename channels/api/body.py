"""A page body (StreamField) as a JSON list of {type, value}, one entry per block the reader sees.

Each block type has its own serializer naming the fields it gives; a block type without one is left
out, so a new block never reaches the API by accident. Rich text is expanded (internal links become
URLs, so no page id is left) and sanitised with nh3 to the tags a work's page allows; links and media
are absolute. Images are given as renditions (the same specs as the page, media/renditions.py),
already loaded in bulk by the caller.
"""

import nh3

from wagtail.rich_text import RichText, expand_db_html

from media import renditions

TAGS = {"p", "br", "b", "i", "strong", "em", "a", "ul", "ol", "li"}
URL_SCHEMES = {"http", "https", "mailto"}


class BodyWriter:
    """Serializes blocks for one request (which makes URLs absolute)."""

    def __init__(self, absolute):
        self.absolute = absolute

    def html(self, value):
        source = value.source if isinstance(value, RichText) else str(value or "")
        return nh3.clean(
            expand_db_html(source),
            tags=TAGS,
            attributes={"a": {"href"}, "*": set()},
            url_schemes=URL_SCHEMES,
            link_rel=None,
            strip_comments=True,
            attribute_filter=self._absolute_links,
        )

    def _absolute_links(self, tag, attribute, value):
        if tag == "a" and attribute == "href" and value.startswith("/") and not value.startswith("//"):
            return self.absolute(value)
        return value

    def renditions(self, image, *specs):
        """{spec: {url, width, height}}; existing renditions are read from the prefetched ones."""
        found = renditions.existing(image, specs)  # made ahead; a missing one is left out
        return {
            spec: {"url": self.absolute(r.url), "width": r.width, "height": r.height}
            for spec, r in found.items()
        }

    def picture(self, image, spec):
        """The picture at `spec`, or None while its rendition is not made yet (made at upload, by a
        job: never in a reader's request)."""
        found = self.renditions(image, spec)
        return {**found[spec], "alt": image.description} if spec in found else None

    def cover(self, image):
        if image is None:
            return None
        sizes = self.renditions(image, renditions.CARD, renditions.COVER)
        if len(sizes) < 2:  # not made yet
            return None
        return {
            "alt": image.description,
            "source": image.source,
            "card": sizes[renditions.CARD],
            "large": sizes[renditions.COVER],
        }

    def blocks(self, stream_value):
        found = []
        for block in stream_value:
            serializer = getattr(self, f"block_{block.block_type}", None)
            if serializer is None:
                continue
            value = serializer(block.value)
            if value is not None:
                found.append({"type": block.block_type, "value": value})
        return found

    def block_heading(self, value):
        return {"text": value["text"]}

    def block_paragraph(self, value):
        return {"html": self.html(value)}

    def block_image(self, value):
        image = value.get("image")
        if image is None:  # the picture was deleted from the library
            return None
        picture = self.picture(image, renditions.BODY)
        if picture is None:
            return None
        return {
            "image": picture,
            "caption": value.get("caption") or "",
            "source": value.get("source") or image.source,
        }

    def block_fact(self, value):
        return {"title": value.get("title") or "", "html": self.html(value.get("text"))}

    def block_quote(self, value):
        return {"text": value.get("text") or "", "attribution": value.get("attribution") or ""}

    def block_qa(self, value):
        return {
            "items": [
                {"question": item["question"], "answer_html": self.html(item["answer"])}
                for item in value.get("items") or []
            ]
        }

    def _media(self, value, file):
        return {
            "url": self.absolute(file.url) if file is not None else None,
            "caption": value.get("caption") or "",
            "transcript_html": self.html(value.get("transcript")),
        }

    def block_video(self, value):
        poster = value.get("poster")
        return {
            **self._media(value, value.get("video")),
            "poster": self.picture(poster, renditions.POSTER) if poster is not None else None,
        }

    def block_audio(self, value):
        return self._media(value, value.get("audio"))

    def block_references(self, value):
        fields = ("title", "authors", "publisher", "url", "doi")
        return {
            "items": [
                {**{name: item.get(name) or "" for name in fields}, "year": item.get("year")}
                for item in value.get("items") or []
            ]
        }
