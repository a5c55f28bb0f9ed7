"""A work as WeChat's article editor takes it: a fragment of allowed tags in which every rule of
presentation is an inline style (the editor drops classes, ids, <style>, scripts and frames).

WeChat removes links to other sites from an article body, so a link in the text keeps its words and
gets a numbered note; the addresses are listed at the end. Video and audio cannot be embedded from
our files: the poster, a pointer to the original and the transcript stand in for them.
Whatever is built passes through nh3 with the same allow-list the tests check.
"""

import re
from urllib.parse import urljoin

import nh3
from bs4 import BeautifulSoup

from django.template.defaultfilters import linebreaksbr
from django.utils.html import escape
from django.utils.translation import gettext as _

from wagtail.rich_text import expand_db_html

from channels import credit

ALLOWED_TAGS = {
    "section",
    "p",
    "span",
    "strong",
    "em",
    "b",
    "i",
    "u",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "ul",
    "ol",
    "li",
    "img",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"*": {"style"}, "img": {"src", "alt", "style"}, "a": {"href", "style"}}
ALLOWED_STYLE_PROPERTIES = {
    "color",
    "background-color",
    "font-size",
    "font-weight",
    "font-style",
    "line-height",
    "letter-spacing",
    "text-align",
    "text-decoration",
    "margin",
    "margin-top",
    "margin-bottom",
    "margin-left",
    "margin-right",
    "padding",
    "padding-top",
    "padding-bottom",
    "padding-left",
    "padding-right",
    "border",
    "border-top",
    "border-bottom",
    "border-left",
    "border-right",
    "border-radius",
    "border-collapse",
    "display",
    "width",
    "max-width",
    "height",
    "box-sizing",
    "word-break",
    "overflow-wrap",
    "vertical-align",
}
# Values that could fetch something or run something, whatever the property.
_UNSAFE_STYLE_VALUE = re.compile(r"url\s*\(|expression|javascript:|@import|\\", re.IGNORECASE)
# Removed with everything inside them.
_DROPPED_WITH_CONTENT = {
    "script",
    "style",
    "iframe",
    "video",
    "audio",
    "object",
    "embed",
    "template",
    "noscript",
}

# The portal's palette (portal/static/css/portal.css), written out: WeChat has no stylesheet.
GREEN, GREEN_DARK, GREEN_LIGHT = "#2f7d4f", "#215c39", "#e8f3ec"
INK, MUTED, LINE = "#1f2a24", "#55615a", "#d9e2dc"
WARN, WARN_LIGHT = "#8a4b00", "#fff4e0"
LINK_BLUE = "#576b95"  # the colour WeChat itself gives names and links

STYLE = {
    "article": f"margin:0;padding:0;font-size:16px;line-height:1.8;color:{INK};letter-spacing:0.5px;word-break:break-word;",
    "p": "margin:0 0 16px;font-size:16px;line-height:1.8;text-align:justify;",
    "byline": f"margin:0 0 8px;font-size:14px;line-height:1.6;color:{MUTED};",
    "notice": f"margin:0 0 16px;padding:8px 12px;font-size:14px;line-height:1.6;color:{WARN};background-color:{WARN_LIGHT};border-radius:4px;",
    "lead": f"margin:0 0 20px;padding:12px 14px;font-size:15px;line-height:1.75;color:{MUTED};background-color:#f6f8f7;border-radius:4px;",
    "h2": f"margin:28px 0 14px;padding:0 0 0 10px;font-size:18px;line-height:1.5;font-weight:bold;color:{INK};border-left:4px solid {GREEN};",
    "h3": f"margin:24px 0 12px;font-size:17px;line-height:1.5;font-weight:bold;color:{INK};",
    "ul": "margin:0 0 16px;padding:0 0 0 24px;",
    "ol": "margin:0 0 16px;padding:0 0 0 24px;",
    "li": "margin:0 0 6px;font-size:16px;line-height:1.8;",
    "strong": "font-weight:bold;",
    "em": "font-style:italic;",
    "u": "text-decoration:underline;",
    "note_mark": f"font-size:12px;color:{LINK_BLUE};",
    "figure": "margin:20px 0;padding:0;text-align:center;",
    "img": "display:block;max-width:100%;height:auto;margin:0 auto;",
    "caption": f"margin:8px 0 0;font-size:13px;line-height:1.6;color:{MUTED};text-align:left;",
    "fact": f"margin:20px 0;padding:12px 16px;background-color:{GREEN_LIGHT};border-left:4px solid {GREEN};border-radius:0 8px 8px 0;",
    "fact_title": f"margin:0 0 6px;font-size:16px;line-height:1.6;font-weight:bold;color:{GREEN_DARK};",
    "fact_p": "margin:0 0 8px;font-size:15px;line-height:1.75;",
    "quote": f"margin:20px 0;padding:4px 0 4px 14px;border-left:4px solid {LINE};color:{MUTED};",
    "quote_p": "margin:0 0 8px;font-size:16px;line-height:1.8;",
    "quote_by": f"margin:0;font-size:14px;line-height:1.6;color:{MUTED};text-align:right;",
    "qa": "margin:20px 0;",
    "question": f"margin:20px 0 6px;font-size:16px;line-height:1.7;font-weight:bold;color:{GREEN_DARK};",
    "answer": f"margin:0 0 12px;padding:10px 14px;border:1px solid {LINE};border-radius:8px;",
    "answer_p": "margin:0 0 8px;font-size:15px;line-height:1.75;",
    "media": f"margin:20px 0;padding:12px 14px;border:1px solid {LINE};border-radius:8px;",
    "media_notice": f"margin:8px 0;font-size:14px;line-height:1.6;font-weight:bold;color:{GREEN_DARK};",
    "media_label": f"margin:12px 0 6px;font-size:14px;line-height:1.6;font-weight:bold;color:{MUTED};",
    "transcript_p": "margin:0 0 8px;font-size:15px;line-height:1.75;",
    "references": "margin:24px 0 0;",
    "reference": f"margin:0 0 6px;font-size:14px;line-height:1.7;color:{MUTED};overflow-wrap:break-word;",
    "footer": f"margin:32px 0 0;padding:16px 0 0;border-top:1px solid {LINE};",
    "footer_title": f"margin:0 0 6px;font-size:14px;line-height:1.6;font-weight:bold;color:{MUTED};",
    "footer_p": f"margin:0 0 8px;font-size:14px;line-height:1.7;color:{MUTED};overflow-wrap:break-word;",
    "correction": f"margin:0 0 8px;font-size:14px;line-height:1.7;color:{WARN};",
    "credit": f"margin:0 0 8px;font-size:14px;line-height:1.7;color:{GREEN_DARK};",
}

# Tags rich text may bring, as they are written for WeChat.
_RICH_TAGS = {"p": "p", "b": "strong", "strong": "strong", "i": "em", "em": "em", "ul": "ul", "ol": "ol"}
_RICH_TAGS |= {"li": "li", "br": "br", "h2": "h3", "h3": "h3", "h4": "h3", "u": "u"}


def _style(name):
    return f' style="{STYLE[name]}"'


def _p(text, style="p"):
    return f"<p{_style(style)}>{escape(text)}</p>"


class ArticleWriter:
    """Writes one work; `place_picture(image) -> src` stores a picture and says where it is."""

    def __init__(self, *, base_url, place_picture):
        self.base_url = base_url
        self.place_picture = place_picture
        self.links = []

    # Rich text ----------------------------------------------------------

    def _note(self, href):
        """The footnote number of a link in the text (one number per address)."""
        address = urljoin(self.base_url, href.strip())
        if not address.startswith(("http://", "https://")):
            return None
        if address not in self.links:
            self.links.append(address)
        return self.links.index(address) + 1

    def rich(self, value, paragraph="p", lead=""):
        """Rich text restyled: known tags get their inline style, links become numbered notes,
        anything else is unwrapped to its text. `lead` opens the first paragraph (问答's 答：)."""
        source = getattr(value, "source", value) or ""
        soup = BeautifulSoup(expand_db_html(source), "html.parser")
        for tag in soup.find_all(True):
            if tag.name == "a":
                number = self._note(tag.get("href", ""))
                if number is not None:
                    mark = soup.new_tag("span", attrs={"style": STYLE["note_mark"]})
                    mark.string = f"[{number}]"
                    tag.insert_after(mark)
                tag.unwrap()
                continue
            name = _RICH_TAGS.get(tag.name)
            if name is None:
                tag.unwrap()
                continue
            tag.name = name
            style = STYLE.get(paragraph if name == "p" else name)
            tag.attrs = {"style": style} if style else {}
        if lead:
            first = soup.find("p")
            mark = soup.new_tag("strong", attrs={"style": STYLE["strong"]})
            mark.string = lead
            if first is None:
                first = soup.new_tag("p", attrs={"style": STYLE[paragraph]})
                soup.insert(0, first)
            first.insert(0, mark)
        return str(soup)

    # Blocks ---------------------------------------------------------------

    def picture(self, image, caption="", source=""):
        if image is None:
            return ""
        src = self.place_picture(image)
        alt = image.description or image.title
        parts = [f'<img src="{escape(src)}" alt="{escape(alt)}"{_style("img")}>']
        line = caption
        if source := (source or getattr(image, "source", "")):
            line = f"{line} " if line else ""
            line += _("来源：%(source)s") % {"source": source}
        if line:
            parts.append(_p(line, "caption"))
        return f"<section{_style('figure')}>{''.join(parts)}</section>"

    def heading(self, value):
        return f"<h2{_style('h2')}>{escape(value['text'])}</h2>"

    def paragraph(self, value):
        return self.rich(value)

    def image(self, value):
        return self.picture(value.get("image"), value.get("caption", ""), value.get("source", ""))

    def fact(self, value):
        title = _p(value.get("title") or _("知识点"), "fact_title")
        return f"<section{_style('fact')}>{title}{self.rich(value['text'], 'fact_p')}</section>"

    def quote(self, value):
        text = f"<p{_style('quote_p')}>{linebreaksbr(value['text'])}</p>"
        by = _p(f"—— {value['attribution']}", "quote_by") if value.get("attribution") else ""
        return f"<blockquote{_style('quote')}>{text}{by}</blockquote>"

    def qa(self, value):
        parts = []
        for item in value["items"]:
            parts.append(_p(_("问：%(question)s") % {"question": item["question"]}, "question"))
            answer = self.rich(item["answer"], "answer_p", lead=_("答："))
            parts.append(f"<section{_style('answer')}>{answer}</section>")
        return f"<section{_style('qa')}>{''.join(parts)}</section>"

    def _media(self, value, notice, label, poster=None):
        caption = value.get("caption", "")
        if poster is not None:
            parts = [self.picture(poster, caption)]
        else:
            parts = [_p(caption, "media_label")] if caption else []
        parts.append(_p(notice, "media_notice"))
        parts.append(_p(label, "media_label"))
        parts.append(self.rich(value["transcript"], "transcript_p"))
        return f"<section{_style('media')}>{''.join(parts)}</section>"

    def video(self, value):
        return self._media(
            value,
            _("视频请到原文观看（点击文末“阅读原文”）。"),
            _("视频文字稿"),
            poster=value.get("poster"),
        )

    def audio(self, value):
        return self._media(value, _("音频请到原文收听（点击文末“阅读原文”）。"), _("音频文字稿"))

    def references(self, value):
        items = []
        for ref in value["items"]:
            text = ". ".join(
                part for part in (ref.get("authors"), ref.get("title"), ref.get("publisher")) if part
            )
            if ref.get("year"):
                text += f", {ref['year']}"
            text += "."
            if ref.get("doi"):
                text += f" DOI: {ref['doi']}"
            if ref.get("url"):
                text += f" {ref['url']}"
            items.append(f"<li{_style('reference')}>{escape(text)}</li>")
        return (
            f"<section{_style('references')}><h2{_style('h2')}>{escape(_('参考文献'))}</h2>"
            f"<ol{_style('ol')}>{''.join(items)}</ol></section>"
        )

    def block(self, block):
        return getattr(self, BLOCK_WRITERS[block.block_type])(block.value)

    # The whole article ------------------------------------------------------

    def article(self, work, *, url, corrections):
        """The work from its creator's credit to its reviewers' credit, corrections and link."""
        byline = _("作者：%(name)s") % {"name": work.creator_name}
        if work.creator_affiliation:
            byline += f"（{work.creator_affiliation}）"
        head = [_p(byline, "byline")]
        if corrections:
            head.append(_p(_("本文发布后已更正，更正说明见文末。"), "notice"))
        head.append(_p(work.summary, "lead"))
        body = [self.block(block) for block in work.body if block.block_type in BLOCK_WRITERS]
        return sanitize(
            f"<section{_style('article')}>{''.join(head)}{''.join(body)}"
            f"{self.footer(work, url=url, corrections=corrections)}</section>"
        )

    def footer(self, work, *, url, corrections):
        parts = []
        if self.links:
            parts.append(_p(_("文中链接"), "footer_title"))
            parts.extend(_p(f"[{n}] {address}", "footer_p") for n, address in enumerate(self.links, 1))
        if line := credit.credit_line(work.review_credit):
            parts.append(_p(line, "credit"))
        parts.extend(_p(line, "correction") for line in credit.correction_lines(corrections))
        parts.append(_p(_("原文链接：%(url)s") % {"url": url}, "footer_p"))
        return f"<section{_style('footer')}>{''.join(parts)}</section>"


# Block type → ArticleWriter method. Every block of a work's body has one (tests/test_wechat).
BLOCK_WRITERS = {
    "heading": "heading",
    "paragraph": "paragraph",
    "image": "image",
    "fact": "fact",
    "quote": "quote",
    "qa": "qa",
    "video": "video",
    "audio": "audio",
    "references": "references",
}


def _safe_attribute(tag, attribute, value):
    if attribute == "style" and _UNSAFE_STYLE_VALUE.search(value):
        return None
    return value


def sanitize(html):
    """Only WeChat's tags, only style (and src/alt, href), only plain presentational properties."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags=_DROPPED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_safe_attribute,
        filter_style_properties=ALLOWED_STYLE_PROPERTIES,
        url_schemes={"http", "https"},
        link_rel=None,
        strip_comments=True,
    )
