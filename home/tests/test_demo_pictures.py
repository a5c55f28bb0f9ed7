"""The demo's pictures (home/demo/pictures): drawn from the content files' `draw:` specs and front
matter, lettered in the CJK font subset shipped in home/demo/fonts, one distinct cover per item."""

import hashlib
import io
import warnings

import pytest
from fontTools.ttLib import TTFont
from PIL import Image

from articles.blocks import AudioBlock, VideoBlock
from home.demo import content, pictures
from home.demo.content import ContentError, parse_body
from home.demo.pictures import canvas, figures, icons


@pytest.fixture(scope="module")
def drawn():
    """Every picture load_demo draws, by image title, and every character drawn in them."""
    works = [*content.works(), *content.submissions()]
    canvas.start_recording()
    try:
        with warnings.catch_warnings():
            # matplotlib warns "Glyph … missing from font(s)" when it draws a tofu box: fail on it.
            warnings.simplefilter("error", UserWarning)
            made = {name: draw() for name, draw in pictures.every_picture(works, content.news())}
    finally:
        characters = canvas.stop_recording()
    return made, characters


def test_every_character_a_picture_draws_is_in_the_shipped_font(drawn):
    _made, characters = drawn
    assert "沙" in characters and "✓" in characters  # the recording saw the pictures' words
    for path in (canvas.REGULAR, canvas.BOLD):
        cmap = TTFont(path)["cmap"].getBestCmap()
        missing = sorted(c for c in characters if ord(c) not in cmap and not c.isspace())
        assert not missing, (
            f"{path.name} lacks {''.join(missing)!r}: run `.venv/bin/python -m home.demo.pictures.font`"
        )


def test_a_character_the_font_lacks_is_noted_for_the_loader_to_name():
    canvas.missing.clear()
    with pytest.warns(UserWarning, match="missing from font"):  # matplotlib sees the tofu too
        pictures.cover({"title": "龘字标题", "form": "article", "disciplines": ["health"]}, "#2f7d4f")
    assert canvas.missing == {"龘"}
    canvas.missing.clear()


def test_the_font_is_a_subset_with_its_licence():
    assert canvas.REGULAR.stat().st_size < 400_000 and canvas.BOLD.stat().st_size < 400_000
    licence = (canvas.FONT_DIR / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and "Noto Sans CJK SC" in licence


def test_each_item_has_its_own_cover_and_each_video_a_poster(drawn):
    made, _ = drawn
    works, news = content.works(), content.news()
    covers = {name: data for name, data in made.items() if name.endswith(":cover")}
    assert len(covers) == len(works) + len(content.submissions()) + len(news)
    assert len({hashlib.sha256(data).hexdigest() for data in covers.values()}) == len(covers)
    videos = [w["slug"] for w in works if w["form"] == "video"]
    assert videos and all(f"{slug}:poster" in made for slug in videos)
    for data in covers.values():
        assert Image.open(io.BytesIO(data)).size == (1200, 675)


def test_every_image_block_of_the_demo_is_drawn_from_its_spec(drawn):
    made, _ = drawn
    blocks = [
        (item, index, value)
        for item in [*content.works(), *content.news()]
        for index, (kind, value) in enumerate(item["body"])
        if kind == "image"
    ]
    assert len(blocks) >= 44
    pngs = set()
    for item, index, value in blocks:
        spec = value["draw"]
        assert figures.check(spec) is None, (item.path, spec["heading"])
        data = made[f"{item['slug']}:{index}"]
        assert Image.open(io.BytesIO(data)).format == "PNG"
        pngs.add(hashlib.sha256(data).hexdigest())
        alt = value["alt"] or pictures.describe(spec)
        assert spec["heading"] in alt
    assert len(pngs) == len(blocks)


def test_the_sandstorm_chart_states_the_five_grades_of_the_text():
    work = next(w for w in content.works() if w["slug"] == "how-sandstorms-form")
    chart = next(v["draw"] for k, v in work["body"] if k == "image")
    assert chart["kind"] == "bars"
    labels = [text.split("=")[0].strip() for _mark, text in chart["lines"]]
    assert labels == ["浮尘", "扬沙", "沙尘暴", "强沙尘暴", "特强沙尘暴"]
    text = work.path.read_text(encoding="utf-8")
    for grade, limit in [("浮尘", "小于10千米"), ("沙尘暴", "小于1千米"), ("特强沙尘暴", "小于50米")]:
        assert f"**{grade}：**" in text and limit in text


SPEC = """::: image
draw: panel 第一格 冒充客服
icon: phone, key!
- 对方说要理赔
+ 挂断电话
x 报出验证码
caption: 图注
:::"""


def test_a_draw_spec_is_read_with_its_marks_and_options():
    [(kind, value)], _ = parse_body(SPEC.split("\n"), "x.md")
    assert kind == "image" and value["caption"] == "图注" and value["alt"] == ""
    assert value["draw"] == {
        "kind": "panel",
        "heading": "第一格 冒充客服",
        "options": {"icon": "phone, key!"},
        "lines": [("-", "对方说要理赔"), ("+", "挂断电话"), ("!", "报出验证码")],
    }
    alt = pictures.describe(value["draw"])
    assert (
        alt
        == "分格图：第一格 冒充客服，画有手机、被划掉的钥匙。对方说要理赔；打勾：挂断电话；打叉：报出验证码。"
    )


def test_every_pictogram_has_words_for_the_alt_text():
    assert set(figures.ICON_WORDS) == set(icons.ICONS)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("draw: panel", "draw: pie"), "KIND one of panel"),
        (("draw: panel 第一格 冒充客服", "draw: panel"), "draw: KIND 标题"),
        (("- 对方", "* 对方"), "not '\\* 对方"),
        (("draw: panel 第一格 冒充客服\n", "alt: 说明\n"), "belongs after a 'draw"),
    ],
)
def test_a_malformed_draw_spec_names_the_file_and_line(change, message):
    with pytest.raises(ContentError, match=message) as raised:
        parse_body(SPEC.replace(*change).split("\n"), "x.md", first_line=7)
    assert str(raised.value).startswith("x.md:7")


def test_check_finds_an_unknown_icon_and_a_bar_without_a_number():
    [(_, value)], _ = parse_body(SPEC.replace("key!", "kettle").split("\n"), "x.md")
    assert "unknown icon 'kettle'" in figures.check(value["draw"])
    bars = {"kind": "bars", "heading": "图", "options": {}, "lines": [("-", "浮尘 = 很多")]}
    assert "数值" in figures.check(bars)


def test_media_blocks_say_what_they_are_and_open_the_transcript_without_a_file():
    audio = AudioBlock().render(
        AudioBlock().to_python({"caption": "广播", "transcript": "<p>文字稿正文</p>"})
    )
    assert (
        "<strong>音频</strong>" in audio
        and "未附音频文件" in audio
        and '<details class="transcript" open>' in audio
    )
    assert "文字稿正文" in audio
    video = VideoBlock().render(VideoBlock().to_python({"caption": "短片", "transcript": "<p>解说</p>"}))
    assert "<strong>视频</strong>" in video and "未附视频文件" in video and "解说" in video
