"""The full-width punctuation converter (home/demo/punctuation.py) and the demo content it guards."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from home.demo import punctuation
from home.demo.punctuation import check, convert, convert_file_text, demo_files, fix


def converted(text):
    return convert(text)[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("草原为什么会沙化,又该怎样治理", "草原为什么会沙化，又该怎样治理"),
        ("沙尘暴是怎样形成的?遇到它该怎么办?", "沙尘暴是怎样形成的？遇到它该怎么办？"),
        ("我是你的眼睛!每天你看书", "我是你的眼睛！每天你看书"),
        ("记住五个字:护、休、冷、压、抬;然后就医.", "记住五个字：护、休、冷、压、抬；然后就医。"),
        ("须取得本人(未成年人须取得监护人)同意", "须取得本人（未成年人须取得监护人）同意"),
        # A mark between Latin or digits and Chinese is in Chinese text.
        ("立即拨打119,说清地点", "立即拨打119，说清地点"),
        (
            "两类Cookie:会话Cookie,用于保持登录状态;CSRF防护",
            "两类Cookie：会话Cookie，用于保持登录状态；CSRF防护",
        ),
        ("嫦娥五号返回舱在四子王旗着陆,2020年12月", "嫦娥五号返回舱在四子王旗着陆，2020年12月"),
        ("世界卫生组织(WHO)指出", "世界卫生组织（WHO）指出"),
        ("捕集、利用与封存(CCUS)。", "捕集、利用与封存（CCUS）。"),
        ("蒙ICP备00000000号-1(演示)", "蒙ICP备00000000号-1（演示）"),
        ("《中国居民膳食指南(2022)》建议", "《中国居民膳食指南（2022）》建议"),
        ("(画面:夏夜草原,一道流星划过)", "（画面：夏夜草原，一道流星划过）"),
        ("依据GB/T 15834(标点符号用法),全角", "依据GB/T 15834（标点符号用法），全角"),
        ("“PN结”,结的两侧", "“PN结”，结的两侧"),
        ("《稀土管理条例》,自2024年10月1日起施行", "《稀土管理条例》，自2024年10月1日起施行"),
        ("水不到100℃,就开了", "水不到100℃，就开了"),
        # Straight double quotes are paired.
        ('他说"捡回去炖肉"。', "他说“捡回去炖肉”。"),
        ('被称为"WHO"的组织和"DNA"', "被称为“WHO”的组织和“DNA”"),
        # Spaces between a converted mark and Chinese go: the full-width mark carries its own space.
        ("作品的科学性审核, 净化网络科普生态", "作品的科学性审核，净化网络科普生态"),
        ("中文 , 中文", "中文，中文"),
        # Looked through: HTML tags and Markdown emphasis.
        ("<li><b>初审</b>:由编辑检查</li>", "<li><b>初审</b>：由编辑检查</li>"),
        ("<p><b>接触病畜:</b>羊、牛等感染后</p>", "<p><b>接触病畜：</b>羊、牛等感染后</p>"),
        ("- **摔跤:**对抗激烈", "- **摔跤：**对抗激烈"),
        ("是<b>短报文通信</b>,在没有手机信号的地方", "是<b>短报文通信</b>，在没有手机信号的地方"),
        # An e-mail address, a URL or a link target is Latin, the mark after it is Chinese text.
        ("发送邮件至 editor@example.org,写明作品标题", "发送邮件至 editor@example.org，写明作品标题"),
        (
            "见 https://www.who.int/news-room/fact-sheets,以及",
            "见 https://www.who.int/news-room/fact-sheets，以及",
        ),
        ("[世卫组织](https://www.who.int/a_(b)),继续", "[世卫组织](https://www.who.int/a_(b))，继续"),
    ],
)
def test_chinese_context_becomes_full_width(text, expected):
    assert converted(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # Numbers, dates, ranges, times, versions, codes.
        "共1,000人",
        "约3.14倍",
        "每次15~20分钟",
        "2024-05-12前",
        "10:30前",
        "GB/T 2260 and GB/T 15834-2011",
        "v2.0版",
        # URLs and e-mail addresses, with their own punctuation.
        "https://example.org/search?q=a,b&x=(1);y=2!",
        "mailto:editor@example.org",
        # HTML tags and attributes.
        '<a href="https://example.org/a,b:c">链接</a>',
        '<p class="x" title="a, b">',
        # Markdown syntax.
        "1. 入冬前请人检查炉具",
        "::: fact 知识点",
        ":::",
        "alt: 示意图",
        "## 小标题",
        # Latin-only text: English titles, abbreviations.
        "Heat and health (fact sheet)",
        "Blindness and vision impairment (fact sheet), WHO, 2023.",
        'The "Blue Marble" photograph',
        "WHO; DNA: RNA?",
        # English prose with a Chinese word keeps English punctuation.
        "Two demo submissions waiting in 初审, to walk through 三审.",
        "static pages (关于本站、投稿须知、隐私政策) and metadata",
        # A backslash escape keeps the mark as written.
        "中文\\,中文",
        # Straight quotes that do not pair are not guessed at.
        '他说"你好',
    ],
)
def test_left_alone(text):
    assert converted(text) == text


def test_changes_report_each_mark():
    _text, changes = convert("草原,沙化(荒漠化)")
    assert [(c.index, c.old, c.new) for c in changes] == [(2, ",", "，"), (5, "(", "（"), (9, ")", "）")]


_TOML_AND_MARKDOWN = """+++
slug = "grassland-desertification"
title = "草原为什么会沙化,又该怎样治理"
summary = "他说\\"草原会沙化\\"。"
tags = ["草原", "沙化"] # 注释:不改
creator.name = "巴特尔"
"quoted key" = "值,值"

[[references]]
title = "Heat and health (fact sheet)"
publisher = "国家卫生健康委员会(演示)"
url = "https://www.who.int/a,b"
+++

正文,第一段。
- **要点:**一
1. 第一步:准备

::: fact 知识点:三不三报
不私自捕猎,不私自剥食。
:::

::: image
alt: 示意图:草原
caption: 第一格:牧民
:::
"""

_TOML_AND_MARKDOWN_CONVERTED = """+++
slug = "grassland-desertification"
title = "草原为什么会沙化，又该怎样治理"
summary = "他说“草原会沙化”。"
tags = ["草原", "沙化"] # 注释:不改
creator.name = "巴特尔"
"quoted key" = "值，值"

[[references]]
title = "Heat and health (fact sheet)"
publisher = "国家卫生健康委员会（演示）"
url = "https://www.who.int/a,b"
+++

正文，第一段。
- **要点：**一
1. 第一步：准备

::: fact 知识点：三不三报
不私自捕猎，不私自剥食。
:::

::: image
alt: 示意图：草原
caption: 第一格：牧民
:::
"""


def test_markdown_file_with_front_matter():
    new, changes = convert_file_text(_TOML_AND_MARKDOWN, ".md")
    assert new == _TOML_AND_MARKDOWN_CONVERTED
    assert len(changes) == 13
    assert convert_file_text(new, ".md") == (new, [])


def test_toml_file_changes_only_string_values():
    text = 'title = "中文,中文"\n# 注释,不改\nitems = ["一", "二"]\n"键,不改" = 1\n'
    assert (
        convert_file_text(text, ".toml")[0]
        == 'title = "中文，中文"\n# 注释,不改\nitems = ["一", "二"]\n"键,不改" = 1\n'
    )


def test_plain_text_file():
    text = "二、强化科普职能职责\n(一)完善科普协同工作机制\n作品的科学性审核, 净化网络科普生态.\n"
    assert convert_file_text(text, ".txt")[0] == (
        "二、强化科普职能职责\n（一）完善科普协同工作机制\n作品的科学性审核，净化网络科普生态。\n"
    )


def test_python_file_changes_only_str_literals():
    source = (
        "# 注释,不改\n"
        'NOTE = "演示内容:由演示数据导入,未经本站三审。"\n'
        'PATTERN = r"^(\\([一二三]+\\))(.*)$"\n'
        "caption = f\"{item['title']}(演示:未附{'视频' if video else '音频'}文件,请阅读文字稿)\"\n"
        'key = f"{slug}:cover"\n'
        'DOC = """English, with 初审, unchanged."""\n'
    )
    expected = (
        "# 注释,不改\n"
        'NOTE = "演示内容：由演示数据导入，未经本站三审。"\n'
        'PATTERN = r"^(\\([一二三]+\\))(.*)$"\n'
        "caption = f\"{item['title']}（演示：未附{'视频' if video else '音频'}文件，请阅读文字稿）\"\n"
        'key = f"{slug}:cover"\n'
        'DOC = """English, with 初审, unchanged."""\n'
    )
    assert convert_file_text(source, ".py")[0] == expected


def test_check_names_file_line_and_column_and_fix_rewrites(tmp_path, capsys):
    path = tmp_path / "work.md"
    path.write_text('+++\ntitle = "标题"\n+++\n\n第一段。\n第二段,有逗号。\n', encoding="utf-8")
    problems = check([path])
    assert [str(p) for p in problems] == [f"{path}:6:4: ASCII ',' in Chinese text, write '，'"]
    assert punctuation.main(["--check", str(path)]) == 1
    assert f"{path}:6:4:" in capsys.readouterr().out
    assert fix([path]) == {path: 1}
    assert path.read_text(encoding="utf-8").endswith("第二段，有逗号。\n")
    assert punctuation.main(["--check", str(path)]) == 0


def test_every_demo_content_file_passes_the_check():
    files = demo_files()
    assert len([f for f in files if f.suffix == ".md"]) >= 50
    problems = check(files)
    assert not problems, "ASCII punctuation in Chinese text (python -m home.demo.punctuation fixes it):\n" + (
        "\n".join(str(p) for p in problems[:50])
    )


_MIXED = st.text(
    alphabet=st.sampled_from(list("草原沙化科普中文") + list("abcXYZ019") + list(' ,.:;?!()"<>/*-')),
    max_size=40,
)
_BACK = str.maketrans(
    {"，": ",", "。": ".", "：": ":", "；": ";", "？": "?", "！": "!", "（": "(", "）": ")"}
)


@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=60))
def test_latin_only_text_is_never_changed(text):
    assert converted(text) == text


@given(_MIXED)
def test_only_marks_change_and_converting_twice_changes_nothing(text):
    new = converted(text)
    assert converted(new) == new
    back = re.sub("[“”]", '"', new.translate(_BACK))
    assert back.replace(" ", "") == text.replace(" ", "")


def test_windows_line_ends_and_a_byte_order_mark(tmp_path):
    path = tmp_path / "work.md"
    path.write_bytes('\ufeff+++\r\ntitle = "标题,副标题"\r\n+++\r\n\r\n正文,第一段。\r\n'.encode())
    assert [(p.line, p.column) for p in check([path])] == [(2, 12), (5, 3)]
    fix([path])
    assert path.read_bytes().decode() == '+++\r\ntitle = "标题，副标题"\r\n+++\r\n\r\n正文，第一段。\r\n'
