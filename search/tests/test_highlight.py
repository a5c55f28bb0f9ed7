"""Highlighting: escaped HTML, marks on the reader's own characters, snippets around the match."""

import html
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from search.analysis import highlight, query_terms


def plain(marked):
    """What a reader sees, marks taken off."""
    return html.unescape(marked.replace("<mark>", "").replace("</mark>", ""))


def marked_words(marked):
    return [html.unescape(word) for word in re.findall(r"<mark>(.*?)</mark>", marked)]


def test_query_words_and_synonyms_are_marked():
    text = "科学普及与科普:近视眼怎样防控"
    assert highlight(text, query_terms("科普 近视")) == (
        "<mark>科学普及</mark>与<mark>科普</mark>:<mark>近视眼</mark>怎样防控"
    )


def test_everything_but_the_marks_is_escaped():
    text = '<script>alert("近视")</script><img src=x onerror=alert(1)>&amp;近视'
    marked = highlight(text, query_terms("近视"))
    assert "<script" not in marked and "<img" not in marked
    assert marked.count("<mark>") == 2
    assert re.sub(r"</?mark>", "", marked).count("<") == 0
    assert plain(marked) == text
    assert highlight("<b>粗体</b>", []) == "&lt;b&gt;粗体&lt;/b&gt;"


def test_marks_land_on_the_original_traditional_and_full_width_characters():
    assert highlight("推動科學普及,重視ＡＩ。", query_terms("科学普及 AI")) == (
        "推動<mark>科學普及</mark>,重視<mark>ＡＩ</mark>。"
    )
    assert marked_words(highlight("錫林郭勒盟的沙塵暴", query_terms("沙尘暴"))) == ["沙塵暴"]


def test_invisible_and_mongolian_variant_characters_stay_inside_the_mark():
    assert highlight("近\u200b视防控", query_terms("近视")) == "<mark>近\u200b视</mark>防控"
    text = "ᠦᠪᠦᠷ ᠮᠣᠩᠭ\u180bᠤᠯ\u202fᠤᠨ ᠥᠪᠡᠷᠲᠡᠭᠡᠨ"
    assert marked_words(highlight(text, query_terms("ᠮᠣᠩᠭᠤᠯ"))) == ["ᠮᠣᠩᠭ\u180bᠤᠯ"]


def test_latin_tokens_are_marked_as_whole_words_with_or_without_hyphens():
    text = "AI said: connect to Wi-Fi, not wifi-free air"
    marked = highlight(text, query_terms("ai wifi"))
    assert marked_words(marked) == ["AI", "Wi-Fi", "wifi"]


def test_an_alternative_is_marked_only_where_all_its_tokens_are_present():
    # 科普 also stands for 科学+技术+普及; 技术 alone in a text about something else is no match.
    assert highlight("新技术", query_terms("科普")) == "新技术"
    assert marked_words(highlight("科学技术普及", query_terms("科普"))) == ["科学技术普及"]


def test_a_snippet_is_cut_around_the_match():
    text = "草原" * 100 + "布鲁氏菌病可防可治" + "牧民" * 100
    snippet = highlight(text, query_terms("布病"), length=40)
    assert snippet.startswith("…") and snippet.endswith("…")
    assert marked_words(snippet) == ["布鲁氏菌病"]
    assert 40 <= len(plain(snippet)) <= 44
    assert plain(snippet).strip("…") in text


def test_a_snippet_prefers_the_place_where_most_query_words_meet():
    text = "近视" + "。" * 200 + "户外活动能预防近视" + "。" * 200
    snippet = highlight(text, query_terms("近视 户外活动"), length=30)
    assert marked_words(snippet) == ["户外活动", "近视"]


def test_a_snippet_without_a_match_is_the_start_of_the_text():
    text = "内蒙古草原" * 30
    assert highlight(text, query_terms("近视"), length=10) == "内蒙古草原内蒙古草原…"
    assert highlight("短文", query_terms("近视"), length=10) == "短文"


def test_a_snippet_never_cuts_a_mark():
    text = "一" * 30 + "北斗卫星导航系统" + "二" * 30
    snippet = highlight(text, query_terms("北斗卫星导航系统"), length=4)
    assert marked_words(snippet) == ["北斗卫星导航系统"]


@settings(max_examples=300, deadline=None)
@given(text=st.text(), query=st.text(max_size=20))
def test_highlighting_changes_nothing_but_the_marks(text, query):
    assert plain(highlight(text, query_terms(query))) == text


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(
        alphabet=st.sampled_from("近视眼科學普及ＡＩai <>&\"'\u180b\u202f\u200b é\u0301"), max_size=80
    ),
    query=st.sampled_from(["近视", "科学普及", "AI", "眼", "<>", "é"]),
    length=st.integers(min_value=1, max_value=40),
)
def test_a_snippet_is_a_piece_of_the_text_with_whole_marks(text, query, length):
    snippet = highlight(text, query_terms(query), length=length)
    assert snippet.count("<mark>") == snippet.count("</mark>")
    assert re.sub(r"</?mark>", "", snippet).count("<") == 0
    inner = plain(snippet).removeprefix("…").removesuffix("…")
    assert inner in text
