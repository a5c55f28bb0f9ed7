"""Segmentation, queries and synonyms: a query finds a text exactly when its words are in it.

`finds(query, text)` is the engines' rule — every group of `query_terms(query)` has an alternative
whose tokens are all among `index_tokens(text)` — checked here without an engine.
"""

import html
import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from home.demo import content
from search import synonyms as vocabulary
from search.analysis import (
    MAX_QUERY_GROUPS,
    analyse_query,
    dictionary_terms,
    index_text,
    index_tokens,
    normalize,
    query_terms,
    related_queries,
    segmenter,
    synonym_groups,
    synonyms_of,
)

RELEVANCE_FILE = Path(__file__).parent / "data" / "relevance.json"
SENTENCE = "科学技术普及工作是推动社会发展的重要基础性工作"
# 内蒙古自治区 in Mongolian script (Öbür mongγol-un öbertegen jasaqu orun), the genitive suffix
# ᠤᠨ joined by NARROW NO-BREAK SPACE as it is typed.
INNER_MONGOLIA_MN = "ᠦᠪᠦᠷ ᠮᠣᠩᠭᠤᠯ\u202fᠤᠨ ᠥᠪᠡᠷᠲᠡᠭᠡᠨ ᠵᠠᠰᠠᠬᠤ ᠣᠷᠤᠨ"
MONGOL_MN = "ᠮᠣᠩᠭᠤᠯ"


def finds(query, text):
    groups, tokens = query_terms(query), set(index_tokens(text))
    return bool(groups) and all(any(set(option) <= tokens for option in group) for group in groups)


# --- normalize ------------------------------------------------------------------------------


def test_normalize_folds_width_case_and_traditional_characters():
    assert normalize("ＡＩ与ＧＰＳ") == "ai与gps"
    assert normalize("科學技術普及") == "科学技术普及"
    assert normalize("錫林郭勒盟的沙塵暴") == "锡林郭勒盟的沙尘暴"


def test_normalize_drops_invisible_characters_and_turns_line_breaks_into_spaces():
    assert normalize("近\u200b视\u00ad防\ufeff控") == "近视防控"
    assert normalize("第一行\n第二行\t完") == "第一行 第二行 完"
    assert normalize("a\x00b\x1fc") == "ab c"


def test_normalize_mongolian_drops_variation_selectors_and_splits_suffixes():
    assert normalize("ᠮᠣᠩᠭ\u180bᠤᠯ") == MONGOL_MN
    assert normalize("ᠮᠣ\u180fᠩᠭ\u180cᠤᠯ") == MONGOL_MN
    # temege (camel) is written with the vowel separator before its final e.
    assert normalize("ᠲᠡᠮᠡᠭ\u180eᠡ") == "ᠲᠡᠮᠡᠭᠡ"
    assert normalize("ᠮᠣᠩᠭᠤᠯ\u202fᠤᠨ") == "ᠮᠣᠩᠭᠤᠯ ᠤᠨ"


# --- index tokens -----------------------------------------------------------------------------


def test_compound_words_are_indexed_whole_and_by_their_parts():
    tokens = index_tokens("北斗卫星导航系统为牧民放牧定位")
    assert {"北斗卫星导航系统", "北斗", "卫星", "导航", "系统", "导航系统"} <= set(tokens)
    assert {"科学技术", "科学", "技术", "普及", "社会", "发展"} <= set(index_tokens(SENTENCE))


def test_every_character_is_indexed_so_one_character_words_are_found_inside_words():
    assert finds("躲", "地震来了要就近躲避")
    assert finds("地震时怎么躲", "地震时要就近躲避")
    assert not finds("躲", "地震来了要就近避险")


def test_punctuation_whitespace_and_symbols_are_not_tokens():
    tokens = index_tokens("“先通风、再检测、后作业”!\n\t…… 😷 ① —— 《草原法》")
    assert tokens and all(re.fullmatch(r"\w+", token) for token in tokens)
    assert "先" in tokens and "草原法" in tokens


def test_latin_words_and_numbers_are_lowercased_and_hyphens_do_not_matter():
    tokens = index_tokens("公共Wi-Fi下不登录网银,GPT-4o 拨打96110,增长3.5倍")
    assert {"wifi", "wi", "fi", "gpt4o", "96110", "3.5"} <= set(tokens)
    assert finds("WiFi", "慎连公共Wi-Fi") and finds("wi-fi", "公共WiFi热点")
    assert not finds("co", "二氧化碳的化学式是CO2")


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_gives_word_tokens_and_any_query_well_formed_groups(text):
    assert all(
        token and re.search(r"[^\W_]", token) and not re.search(r"\s", token) for token in index_tokens(text)
    )
    groups = query_terms(text)
    assert len(groups) <= MAX_QUERY_GROUPS
    assert all(group and all(option and all(option) for option in group) for group in groups)


def test_index_text_is_the_tokens_joined_by_spaces():
    assert index_text(SENTENCE) == " ".join(index_tokens(SENTENCE))
    assert index_text("") == "" and index_text(" ,。!") == ""


def test_equivalent_spellings_give_the_same_tokens():
    assert index_tokens("ＡＩ大模型") == index_tokens("AI大模型")
    assert index_tokens("cafe\u0301 咖啡") == index_tokens("café 咖啡")
    assert index_tokens("豈有此理") == index_tokens("\uf900有此理")  # CJK compatibility ideograph
    assert index_tokens("科學普及") == index_tokens("科学普及")
    assert index_tokens(SENTENCE) == index_tokens(SENTENCE)


def test_mongolian_words_are_tokens_whatever_the_variation_selectors():
    tokens = index_tokens(INNER_MONGOLIA_MN)
    assert tokens == ["ᠦᠪᠦᠷ", MONGOL_MN, "ᠤᠨ", "ᠥᠪᠡᠷᠲᠡᠭᠡᠨ", "ᠵᠠᠰᠠᠬᠤ", "ᠣᠷᠤᠨ"]
    assert finds(MONGOL_MN, INNER_MONGOLIA_MN)
    assert finds("ᠮᠣᠩᠭ\u180bᠤᠯ", INNER_MONGOLIA_MN)  # the query carries a selector
    assert finds(MONGOL_MN, "ᠮᠣ\u180fᠩᠭᠤᠯ\u202fᠤᠨ ᠪᠠᠶᠢᠭᠠᠯᠢ")  # the text does
    assert finds("ᠲᠡᠮᠡᠭᠡ", "ᠲᠡᠮᠡᠭ\u180eᠡ")
    assert not finds("ᠵᠠᠰᠠᠬᠤ", MONGOL_MN)


def test_mongolian_next_to_chinese_stays_one_word():
    assert index_tokens("ᠮᠣᠩᠭᠤᠯ蒙古") == [MONGOL_MN, "蒙古", "蒙", "古"]


def test_every_region_name_is_one_token_in_running_text():
    names = vocabulary.region_names()
    assert len(names) == 116
    for name in names:
        assert segmenter().cut(name) == [name]
        assert name in index_tokens(f"来自{name}的牧民在那达慕上")


def test_domain_terms_are_one_token_and_found_whatever_surrounds_them():
    for term in dictionary_terms():
        term = normalize(term)
        assert segmenter().cut(term) == [term]
        for text in (term, f"预防{term}的方法", f"{term}工作", f"关于{term},专家说"):
            assert finds(term, text), (term, text)


# --- queries ----------------------------------------------------------------------------------


def test_query_words_are_found_in_a_sentence_that_segments_them_differently():
    assert finds("普及", SENTENCE)
    assert finds("社会发展", SENTENCE)
    assert finds("科学普及 基础性工作", SENTENCE)
    assert finds("技术普及", SENTENCE)
    assert not finds("近视", SENTENCE)
    assert not finds("普及 近视", SENTENCE)


def test_a_group_is_the_word_and_each_synonym_as_the_tokens_a_document_holds():
    groups = query_terms("科普 近视")
    assert len(groups) == 2
    assert groups[0][0] == ("科普",)
    assert ("科学", "普及") in groups[0] and ("科学", "技术", "普及") in groups[0]
    assert groups[1][0] == ("近视",) and ("近视眼",) in groups[1]


def test_a_long_word_not_covered_by_shorter_words_is_searched_whole():
    assert query_terms("一氧化碳") == [[("一氧化碳",), ("co",)]]
    assert finds("一氧化碳", "谨防一氧化碳中毒") and finds("导航系统", "北斗卫星导航系统")


def test_traditional_and_full_width_queries_match_simplified_text():
    assert finds("科學普及", "开展科学普及活动")
    assert finds("錫林郭勒", "锡林郭勒盟的草原")
    assert finds("ＡＩ", "人工智能大模型") and finds("ＡＩ", "用AI写作文")
    assert finds("科学普及", "開展科學普及活動")


def test_stop_words_are_dropped_from_queries():
    assert query_terms("孩子近视怎么办") == query_terms("孩子 近视")
    assert [g[0] for g in query_terms("地震时怎么躲")] == [("地震",), ("时",), ("躲",)]
    assert query_terms("的") == [] and query_terms("是什么 怎么办") == []


@pytest.mark.parametrize("query", ["", "   ", ",。!?……", "😷🌾🐑", "《》“”——", "\u200b\u180e"])
def test_a_query_with_nothing_searchable_has_no_groups(query):
    assert query_terms(query) == []


def test_repeated_and_synonymous_words_make_one_group():
    assert query_terms("近视 近视 近视") == query_terms("近视")
    assert len(query_terms("老人 老年人")) == 1


def words_of(groups):
    return [group[0] for group in groups]


@pytest.mark.parametrize(
    ("query", "partial"),
    [
        ("量子色动力学xyz", [("量子",), ("动力", "力学"), ("xyz",)]),  # not 色, left over from the rest
        ("区块链", [("区块",)]),  # not 链
        ("雷雨天怎么躲", [("雷雨",)]),  # 天 and 躲 are cut from the longer word typed
        ("雷电 躲", [("雷电",), ("躲",)]),  # 躲 typed on its own
        ("维生素c", [("维生素",)]),
        ("co中毒", [("co", "中毒")]),  # a synonym-file term
        ("阿巴嘎旗", [("阿巴嘎旗",)]),  # a county
        ("嗷呜", []),
    ],
)
def test_a_partial_match_may_rest_on_meaningful_words_only(query, partial):
    analysed = analyse_query(query)
    assert words_of(analysed.partial) == partial
    assert set(analysed.partial) <= set(analysed.groups)
    assert [list(group) for group in analysed.groups] == query_terms(query)  # every word for a full match


def test_a_word_typed_twice_is_meaningful_if_either_time_is():
    assert words_of(analyse_query("地震时怎么躲 躲").partial) == [("地震",), ("躲",)]


def test_a_huge_query_is_cut_and_answered_at_once():
    started = time.perf_counter()
    groups = query_terms("内蒙古草原沙化治理与近视防控" * 7200)
    elapsed = time.perf_counter() - started
    assert 0 < len(groups) <= MAX_QUERY_GROUPS
    assert elapsed < 0.5
    assert len(query_terms("".join(chr(0x4E00 + i) for i in range(100_000)))) == MAX_QUERY_GROUPS


# --- synonyms and the vocabulary -------------------------------------------------------------


def test_synonyms_work_both_ways():
    assert {"科学普及", "科学技术普及"} <= set(synonyms_of("科普"))
    assert "科普" in synonyms_of("科学技术普及")
    assert synonyms_of("AI") == ["人工智能", "人工智慧"] and "ai" in synonyms_of("人工智能")
    assert finds("布病", "布鲁氏菌病的防护") and finds("布鲁氏菌病", "布病可防可治")
    assert finds("电诈", "识破电信网络诈骗") and finds("反诈", "老年人防诈骗")
    assert synonyms_of("草原") == []


def test_a_word_on_two_lines_expands_to_both_but_does_not_link_them():
    assert {"新冠病毒", "新冠肺炎"} <= set(synonyms_of("新冠"))
    assert "新冠肺炎" not in synonyms_of("新冠病毒")


def test_every_member_of_every_synonym_group_finds_every_other():
    groups = synonym_groups()
    assert len(groups) > 60
    for group in groups:
        for asked in group:
            for written in group:
                assert finds(asked, f"关于{written}的科普"), (asked, written)


def test_synonym_file_lines_are_real_groups():
    lines = vocabulary.synonym_lines()
    assert len(lines) >= 20
    for line in lines:
        assert len(line) >= 2 and len(set(line)) == len(line), line


def test_region_short_forms_only_where_unambiguous():
    forms = vocabulary.region_short_forms()
    assert forms["阿巴嘎旗"] == "阿巴嘎" and forms["额济纳旗"] == "额济纳"
    assert forms["包头市"] == "包头" and forms["阿拉善盟"] == "阿拉善"
    assert forms["内蒙古自治区"] == "内蒙古" and forms["白云鄂博矿区"] == "白云鄂博"
    # 鄂托克 is also in 鄂托克前旗, 兴安 in 大兴安岭, 海南 is a province, 巴林左 is no name.
    for name in ("鄂托克旗", "兴安盟", "海南区", "巴林左旗", "鄂伦春自治旗", "达尔罕茂明安联合旗"):
        assert name not in forms
    assert finds("阿巴嘎", "阿巴嘎旗的牧民") and finds("阿巴嘎旗", "阿巴嘎的牧民")
    assert finds("锡盟", "锡林郭勒盟") and finds("呼市", "呼和浩特市")


def test_dictionary_terms_hold_the_domain_and_every_region():
    terms = dictionary_terms()
    assert len(terms) == len(set(terms)) > 500
    assert {"那达慕", "北斗卫星导航系统", "布鲁氏菌病", "白灾", "碳达峰", "蒙医药"} <= set(terms)
    assert set(vocabulary.region_names()) <= set(terms)
    assert "阿巴嘎" in terms


def test_related_queries_offer_synonyms_then_longer_terms():
    assert related_queries("电诈怎么办")[:2] == ["电信诈骗", "电信网络诈骗"]
    assert related_queries("沙化", limit=10)[:3] == ["土地沙化", "沙漠化", "沙质荒漠化"]
    assert "老年人 近视眼" in related_queries("老人 近视眼")
    assert related_queries("锡林郭勒")[:2] == ["锡林郭勒盟", "锡盟"]
    assert related_queries("CO中毒")[:2] == ["一氧化碳中毒", "煤气中毒"]
    assert len(related_queries("草原", limit=3)) == 3
    assert related_queries("😷") == [] and "草原" not in related_queries("草原")


def test_the_segmenter_is_loaded_once():
    assert segmenter() is segmenter()


def test_analysis_imports_without_django(tmp_path):
    # bench/ and the Elasticsearch mapping use the analysis outside Django.
    code = "import search.analysis as a; print(a.index_text('那达慕在锡林郭勒盟举行'))"
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parents[2],
    )
    assert "那达慕" in out.stdout.split() and "锡林郭勒盟" in out.stdout.split()


# --- the labelled queries ---------------------------------------------------------------------

_NOT_TEXT = {"slug", "form", "disciplines", "audiences", "regions", "campaign", "creator"}
_NOT_TEXT |= {"featured", "published", "colour", "references"}


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in _NOT_TEXT:
                yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def _demo_work_tokens():
    """slug → the index tokens of a demo work's text and its region and league names."""
    regions = {row["code"]: row for row in json.loads(vocabulary.REGIONS_FILE.read_text("utf-8"))}
    works = {}
    for work in content.works():
        text = html.unescape(re.sub(r"<[^>]+>", " ", " ".join(_strings(work))))
        for code in work["regions"]:
            text += " " + regions[code]["name"] + " " + regions[regions[code]["parent"]]["name"]
        works[work["slug"]] = set(index_tokens(text))
    return works


def test_labelled_queries_find_their_works():
    works = _demo_work_tokens()
    queries = json.loads(RELEVANCE_FILE.read_text("utf-8"))["queries"]
    recall = {}
    for labelled in queries:
        groups = query_terms(labelled["query"])
        found = {
            slug
            for slug, tokens in works.items()
            if all(any(set(option) <= tokens for option in group) for group in groups)
        }
        recall[labelled["query"]] = len(found & set(labelled["relevant"])) / len(labelled["relevant"])
    places = [q["query"] for q in queries if q["kind"] == "place"]
    assert all(recall[query] == 1 for query in places)
    by_form = {q["query"]: normalize(q["query"]) for q in queries if q["kind"] == "traditional"}
    assert all(
        recall[query] == recall.get(simplified, recall[query]) for query, simplified in by_form.items()
    )
    assert sum(recall.values()) / len(recall) >= 0.85
