"""Every payload of the XSS corpus comes out of the sanitiser, and off a rendered page, inert."""

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from creators.sanitize import ALLOWED_TAGS, LINK_REL, sanitize, to_blocks
from tests import factories

CORPUS = Path(__file__).resolve().parents[2] / "tests" / "data" / "xss_payloads.txt"
SAFE_SCHEMES = ("http:", "https:", "mailto:")
# Browsers ignore ASCII whitespace and control characters inside a URL scheme.
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]+")


def load_corpus():
    payloads = []
    for line in CORPUS.read_text(encoding="utf-8").split("\n"):
        if line.strip() and not line.startswith("#"):
            payloads.append(line.replace("\\n", "\n"))
    return payloads


PAYLOADS = load_corpus()


def assert_inert(html, allowed=ALLOWED_TAGS):
    """No tag outside the allowlist, no attribute but a link's href/rel, no scriptable URL."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(True):
        assert tag.name in allowed, (tag.name, html[:200])
        attributes = dict(tag.attrs)
        if tag.name == "a":
            assert set(attributes) <= {"href", "rel"}, html[:200]
            href = _IGNORED_IN_SCHEME.sub("", attributes.get("href", "")).lower()
            scheme = re.match(r"^[a-z][a-z0-9+.-]*:", href)
            assert scheme is None or scheme.group(0) in SAFE_SCHEMES, (href, html[:200])
        else:
            assert not attributes, (tag.name, attributes, html[:200])


def test_the_corpus_is_big_and_varied():
    assert len(PAYLOADS) >= 300
    assert len(set(PAYLOADS)) == len(PAYLOADS)
    families = [line for line in CORPUS.read_text(encoding="utf-8").split("\n") if line.startswith("# ===")]
    assert len(families) >= 12


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_payload_is_inert_after_sanitising(payload):
    cleaned = sanitize(payload)
    assert_inert(cleaned)
    assert sanitize(cleaned) == cleaned  # stable: sanitising twice changes nothing
    for block in to_blocks(payload):
        if block["type"] == "paragraph":
            assert_inert(block["value"])


def test_links_get_rel_and_keep_safe_targets():
    cleaned = sanitize(
        '<a href="https://www.who.int/" target="_blank" class="x" style="color:red">世卫组织</a>'
    )
    assert cleaned == f'<a href="https://www.who.int/" rel="{LINK_REL}">世卫组织</a>'


def test_allowed_formatting_survives():
    html = "<h2>怎样识别</h2><p>叶片出现<strong>水浸状</strong>病斑,<em>潮湿时</em>有白霉。</p><ol><li>巡田</li></ol>"
    assert to_blocks(html) == [
        {"type": "heading", "value": {"text": "怎样识别"}},
        {
            "type": "paragraph",
            "value": "<p>叶片出现<b>水浸状</b>病斑,<i>潮湿时</i>有白霉。</p><ol><li>巡田</li></ol>",
        },
    ]


def test_long_input_is_cut_not_a_crash():
    blocks = to_blocks("<p>" + "草" * 300_000 + "</p>")
    assert len(blocks) == 1 and len(blocks[0]["value"]) < 210_000


@pytest.mark.django_db
def test_rendered_pages_carry_no_executable_markup(client, site_tree):
    """Each payload goes into a real work's body, is rendered, and the article is checked."""
    chunk = 60
    for start in range(0, len(PAYLOADS), chunk):
        body = []
        for payload in PAYLOADS[start : start + chunk]:
            body.extend(to_blocks(payload))
        work = factories.make_work(site_tree["works"], f"样本{start}", body=body or factories.BODY)
        content = client.get(work.url).content.decode()
        article = BeautifulSoup(content, "html.parser").find("article")
        for tag in article.find_all(True):
            assert not any(name.lower().startswith("on") for name in tag.attrs), tag
            assert tag.name not in (
                "script",
                "iframe",
                "object",
                "embed",
                "svg",
                "math",
                "style",
                "base",
                "meta",
            )
            for attribute in ("href", "src", "action", "formaction", "xlink:href"):
                value = _IGNORED_IN_SCHEME.sub("", str(tag.get(attribute, ""))).lower()
                assert not value.startswith(("javascript:", "vbscript:", "data:")), tag


def test_each_line_of_plain_text_is_a_paragraph():
    # What a phone's plain textarea sends: one paragraph per line, blank lines ignored.
    blocks = to_blocks("牧草返青前要休牧。\n\n返青后再适度放牧,<b>不可过牧</b>。\r\n")
    assert blocks == [
        {"type": "paragraph", "value": "<p>牧草返青前要休牧。</p><p>返青后再适度放牧,<b>不可过牧</b>。</p>"}
    ]


def test_placeholders_become_blocks_only_alone_on_a_line():
    html = "前文\r\n[图1]\r\n如[图2]所示\n<p>【 图 3 】\r\n</p>\n  [视频]  \n<h2>[图4]</h2>后文"
    blocks = to_blocks(html, placeholders=True)
    assert blocks == [
        {"type": "paragraph", "value": "<p>前文</p>"},
        {"type": "placeholder", "value": {"kind": "image", "number": 1}},
        {"type": "paragraph", "value": "<p>如[图2]所示</p>"},
        {"type": "placeholder", "value": {"kind": "image", "number": 3}},
        {"type": "placeholder", "value": {"kind": "video", "number": None}},
        {"type": "heading", "value": {"text": "[图4]"}},
        {"type": "paragraph", "value": "<p>后文</p>"},
    ]
    # Without placeholders (anywhere but the creator's work body) they are only text.
    assert all(block["type"] != "placeholder" for block in to_blocks(html))


@pytest.mark.parametrize(
    "src",
    [
        "https://evil.example/pixel.png",
        "/uploads/original_images/photo.png",
        "/zh-hans/",
        "data:image/png;base64,iVBORw0KGgo=",
        "javascript:alert(1)",
        "",
    ],
)
def test_img_is_dropped_wherever_it_points(src):
    cleaned = sanitize(f'<p>图:<img src="{src}" alt="示意图" onerror="alert(1)">后文</p>')
    assert "<img" not in cleaned and "onerror" not in cleaned and cleaned == "<p>图:后文</p>"
    assert "img" not in ALLOWED_TAGS
