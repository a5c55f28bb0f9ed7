"""Reading the demo content files (home/demo/content.py, FORMAT.md): no database needed."""

import re

import pytest

from home.demo import content
from home.demo.content import ContentError, inline, parse_body, read_file, read_folder, rich_text

WORK = """+++
slug = "{slug}"
title = "测试作品"
summary = "摘要。"
form = "video"
disciplines = ["health"]
audiences = ["public"]
regions = ["150100"]
tags = ["测试"]
creator.name = "测试"
creator.affiliation = "测试单位（演示）"
featured = 2
published = 2025-06-12
colour = "#2f7d4f"

[[references]]
title = "Heat and health (fact sheet)"
publisher = "World Health Organization"
year = 2024
+++

第一段，有**加粗**和*斜体*。
第二段在同一块里。

- 要点一
- 要点二

## 小标题

::: fact
没有标题的知识点。
:::

::: quote 出处
引文第一行。
:::

::: qa
问：问题一？
答：回答一。
- 回答里的要点
问：问题二？
答：回答二。
:::

::: image
alt: 示意图：草原
caption: 图注
source: 示意图，演示内容生成
:::

::: transcript
（画面：草原）

解说词。
:::
"""


def write(folder, name, text):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_work_file_gives_the_item_the_loader_expects(tmp_path):
    item = read_file(write(tmp_path, "test-work.md", WORK.format(slug="test-work")), "works")
    assert item.path == tmp_path / "test-work.md"
    assert item["published"] == "2025-06-12"
    assert item["campaign"] is None
    assert item["creator"] == {"name": "测试", "affiliation": "测试单位（演示）"}
    assert item["featured"] == 2
    assert item["references"] == [
        {"title": "Heat and health (fact sheet)", "publisher": "World Health Organization", "year": 2024}
    ]
    assert item["body"] == [
        ("paragraph", "<p>第一段，有<b>加粗</b>和<i>斜体</i>。</p><p>第二段在同一块里。</p>"),
        ("paragraph", "<ul><li>要点一</li><li>要点二</li></ul>"),
        ("heading", "小标题"),
        ("fact", {"title": "知识点", "text": "<p>没有标题的知识点。</p>"}),
        ("quote", {"text": "引文第一行。", "attribution": "出处"}),
        (
            "qa",
            [
                {"question": "问题一？", "answer": "<p>回答一。</p><ul><li>回答里的要点</li></ul>"},
                {"question": "问题二？", "answer": "<p>回答二。</p>"},
            ],
        ),
        ("image", {"alt": "示意图：草原", "caption": "图注", "source": "示意图，演示内容生成"}),
    ]
    assert item["transcript"] == "<p>（画面：草原）</p><p>解说词。</p>"


@pytest.mark.parametrize(
    ("markdown", "html"),
    [
        ("一行。", "<p>一行。</p>"),
        ("第一行\\\n第二行", "<p>第一行<br>第二行</p>"),
        ("1. 先通风\n2. 再检测", "<ol><li>先通风</li><li>再检测</li></ol>"),
        ("引言：\n- 一\n- 二\n结语。", "<p>引言：</p><ul><li>一</li><li>二</li></ul><p>结语。</p>"),
        ("见[世卫组织](https://www.who.int/)。", '<p>见<a href="https://www.who.int/">世卫组织</a>。</p>'),
        ("**要点：**文字", "<p><b>要点：</b>文字</p>"),
        ("3 \\* 4，\\[注\\]，a < b & c", "<p>3 * 4，[注]，a &lt; b &amp; c</p>"),
        ("1\\. 不是列表", "<p>1. 不是列表</p>"),
        ("\\- 不是列表\n\\## 不是标题", "<p>- 不是列表</p><p>## 不是标题</p>"),
    ],
)
def test_rich_text(markdown, html):
    assert rich_text(markdown.split("\n")) == html


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<b>粗</b>", "HTML is not used"),
        ("一颗*星", "unmatched '\\*'"),
    ],
)
def test_rich_text_refuses_what_the_site_would_not_take(text, message):
    with pytest.raises(ContentError, match=message):
        inline(text, "file.md:3")


def _error(tmp_path, text, name="broken.md", kind="works"):
    path = write(tmp_path, name, text)
    with pytest.raises(ContentError) as raised:
        read_file(path, kind)
    message = str(raised.value)
    assert message.startswith(str(path)), message
    return message


def test_malformed_front_matter_names_the_file_and_line(tmp_path):
    broken = WORK.format(slug="broken").replace('title = "测试作品"', 'title = "测试作品')
    message = _error(tmp_path, broken)
    assert "malformed front matter" in message
    assert "line 3" in message  # line 3 of the file, where the string is not closed


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda t: t.replace("+++\n", "", 1), "must start with a front matter"),
        (lambda t: t.replace("+++\n\n第一段", "\n第一段", 1), "not closed"),
        (lambda t: t.replace("form = ", "from = "), r"unknown front matter field\(s\) \['from'\]"),
        (lambda t: t.replace('title = "测试作品"\n', ""), "'title' is missing"),
        (lambda t: t.replace('regions = ["150100"]', "regions = [150100]"), "list of strings"),
        (lambda t: t.replace("published = 2025-06-12", 'published = "2025-06-12"'), "should be date"),
        (lambda t: t.replace("featured = 2", "featured = true"), "should be int"),
        (lambda t: t.replace("year = 2024", 'year = "2024"'), "bad field year"),
        (lambda t: t.replace("::: fact", "::: box"), "unknown block '::: box'"),
        (lambda t: t.replace("引文第一行。\n:::", "引文第一行。"), "is not closed"),
        (lambda t: t.replace("答：回答二。", ""), "has no answer"),
        (lambda t: t.replace("alt: 示意图：草原\n", ""), "needs 'alt"),
        (lambda t: t.replace("## 小标题", "### 小标题"), "only one level"),
        (lambda t: t.replace("第一段", "<p>第一段</p>"), "HTML is not used"),
    ],
)
def test_a_malformed_file_is_refused_with_its_name(tmp_path, change, message):
    assert re.search(message, _error(tmp_path, change(WORK.format(slug="broken"))))


def test_block_errors_give_the_line(tmp_path):
    text = WORK.format(slug="broken").replace("::: fact", "::: box")
    line = text.split("\n").index("::: box") + 1
    assert f"broken.md:{line}:" in _error(tmp_path, text)


def test_news_has_no_transcript_and_no_creator(tmp_path):
    news = (
        '+++\nslug = "n"\ntitle = "资讯"\nsummary = "摘要。"\npublished = 2025-01-01\n'
        'disciplines = []\naudiences = ["public"]\nregions = []\nsource = "来源"\nis_demo_event = true\n+++\n\n正文。\n'
    )
    item = read_file(write(tmp_path, "n.md", news), "news")
    assert item["body"] == [("paragraph", "<p>正文。</p>")] and item["is_demo_event"] is True
    assert "transcript" not in item and "creator" not in item
    assert "only works" in _error(tmp_path, news + "\n::: transcript\n文字稿。\n:::\n", "n.md", "news")
    assert "unknown front matter field" in _error(
        tmp_path, news.replace("+++\n\n", 'creator.name = "某人"\n+++\n\n'), "n.md", "news"
    )


def test_a_folder_reads_every_file_and_refuses_a_slug_twice_or_a_slug_unlike_its_name(tmp_path):
    write(tmp_path / "works", "a.md", WORK.format(slug="a"))
    write(tmp_path / "works", "b.md", WORK.format(slug="b"))
    write(tmp_path / "works", "notes.txt", "not content")
    assert [item["slug"] for item in content.works(tmp_path)] == ["a", "b"]
    assert content.news(tmp_path) == []  # a missing folder is empty
    write(tmp_path / "works", "c.md", WORK.format(slug="a"))
    with pytest.raises(ContentError, match=r"c\.md: slug 'a' differs from the file name"):
        read_folder(tmp_path / "works", "works")


def test_pages_come_in_their_order():
    assert [page["slug"] for page in content.pages()] == ["about", "submission-guide", "privacy"]
    assert [page["show_in_menus"] for page in content.pages()] == [True, True, False]


def test_every_demo_file_reads():
    works, news, submissions = content.works(), content.news(), content.submissions()
    assert len(works) == 32 and len(news) == 12 and len(submissions) == 2
    policies = {item["slug"]: item for item in content.policies()}
    assert set(policies) == {"nmg-kepu-plan-2024", "kepu-law", "national-science-literacy-plan-2021-2035"}
    # The plan's body is its issued text; the other documents' pages only say what they are.
    assert policies["nmg-kepu-plan-2024"]["text"] == "plan-2024.txt"
    assert not policies["nmg-kepu-plan-2024"]["body"]
    assert all(item["body"] for slug, item in policies.items() if slug != "nmg-kepu-plan-2024")
    featured = sorted((work["featured"], work["slug"]) for work in works if work["featured"])
    assert [slug for _place, slug in featured] == [
        "grassland-desertification-causes-and-control",
        "naadam-sports-injury-prevention-first-aid",
        "wind-and-solar-power-how-they-make-electricity",
        "winter-heating-carbon-monoxide-poisoning-prevention",
    ]
    for work in works:
        assert work["form"] not in ("video", "audio") or work["transcript"], work.path


def test_parse_body_alone():
    blocks, transcript = parse_body(["## 标题", "", "段落。"], "x.md")
    assert blocks == [("heading", "标题"), ("paragraph", "<p>段落。</p>")] and transcript is None


def test_windows_line_ends_and_a_byte_order_mark(tmp_path):
    path = tmp_path / "crlf.md"
    path.write_bytes(("\ufeff" + WORK.format(slug="crlf")).replace("\n", "\r\n").encode())
    assert read_file(path, "works") == read_file(write(tmp_path, "lf.md", WORK.format(slug="crlf")), "works")
