"""The references list marks a title written in Latin letters as English, so a screen reader reads
it as English and the page's Chinese-only check can tell a cited title from untranslated interface."""

from articles.blocks import ReferencesBlock
from articles.templatetags.articles_tags import foreign_lang


def test_latin_only_text_is_marked_english_and_chinese_is_not():
    assert foreign_lang("Hypertension fact sheet") == ' lang="en"'
    assert foreign_lang("World Health Organization") == ' lang="en"'
    assert foreign_lang("中国高血压防治指南（2024年修订版）") == ""
    assert foreign_lang("GB/T 20480—2017 沙尘天气等级") == ""
    assert foreign_lang("2017") == ""
    assert foreign_lang(None) == ""


def test_rendered_references_carry_the_language_of_each_part():
    block = ReferencesBlock()
    value = block.to_python(
        {
            "items": [
                {"title": "Hypertension", "publisher": "World Health Organization", "year": 2023},
                {"title": "沙尘天气等级", "publisher": "中国气象局", "year": 2017},
            ]
        }
    )
    html = block.render(value)
    assert '<span lang="en">Hypertension</span>' in html
    assert '<span lang="en">World Health Organization</span>' in html
    assert "<span>沙尘天气等级</span>" in html
    assert "<span>中国气象局</span>" in html
