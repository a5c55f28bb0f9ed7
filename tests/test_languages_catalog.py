"""The Mongolian catalog (locale/mn): complete, compiled, in the traditional script, and covering every
message of the public interface — the templates, views and forms locale/mn/PUBLIC_SOURCES lists — so
a reader of /mn/ meets neither Chinese interface text nor the Cyrillic of Django's own mn catalog."""

import ast
import gettext as gnu_gettext
import re
from pathlib import Path

import pytest

from django.conf import settings
from django.utils import translation
from django.utils.translation.template import templatize

from articles.models import Audience, Discipline, Region
from tests import factories
from tests.test_admin_chinese import read_po

ROOT = Path(settings.BASE_DIR)
CATALOG = ROOT / "locale" / "mn" / "LC_MESSAGES"
MONGOLIAN = re.compile("[\u1800-\u18af]")
HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
CYRILLIC = re.compile("[\u0400-\u04ff]")
PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[sd]")
# Chinese a Mongolian message keeps on purpose: the markers a creator types in the body ([图1] puts
# picture 1 there, the form reads exactly these) and the example of a document number.
KEPT_CHINESE = ("[图1]", "[图2]", "[视频]", "内科政字〔2024〕39号")
TRANSLATION_CALLS = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext", "pgettext_lazy"}


def public_sources():
    listed = [
        line.strip()
        for line in (ROOT / "locale" / "mn" / "PUBLIC_SOURCES").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    files = []
    for entry in listed:
        path = ROOT / entry
        assert path.exists(), f"PUBLIC_SOURCES names a missing path: {entry}"
        files.extend(sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path])
    return [path for path in files if path.suffix in (".py", ".html", ".txt")]


def catalog():
    return read_po(CATALOG / "django.po")


def msgids():
    return {key if isinstance(key, str) else key[0] for key in catalog()}


def template_messages(path):
    """The msgids of a template's {% translate %} and {% blocktranslate %} tags (as makemessages reads
    them: Django's templatize turns each into a gettext call)."""
    code = templatize(path.read_text(encoding="utf-8"), origin=str(path))
    found = set()
    for call in re.finditer(r"\b(n?p?gettext)\((.*?)\)\s", code):
        literals = [ast.literal_eval(m.group(0)) for m in re.finditer(r"u?'(?:[^'\\]|\\.)*'", call.group(2))]
        if literals:
            found.add(literals[1] if call.group(1).startswith("p") else literals[0])
    return found


def python_messages(path):
    """The msgids of a module's gettext calls with a literal first argument."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = getattr(node.func, "id", getattr(node.func, "attr", None))
        if name not in TRANSLATION_CALLS:
            continue
        arg = node.args[1] if name.startswith("p") and len(node.args) > 1 else node.args[0]
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value:
            found.add(arg.value)
    return found


# The catalog file


def test_the_committed_mo_is_the_compiled_po():
    with (CATALOG / "django.mo").open("rb") as compiled:
        mo = gnu_gettext.GNUTranslations(compiled)._catalog
    mo = {key: value for key, value in mo.items() if key != ""}
    assert mo == catalog(), (
        "compile it: msgfmt -c -o locale/mn/LC_MESSAGES/django.mo locale/mn/LC_MESSAGES/django.po"
    )


def test_every_message_is_translated_and_none_is_fuzzy_or_obsolete():
    text = (CATALOG / "django.po").read_text(encoding="utf-8")
    assert not re.search(r"^#,.*\bfuzzy\b", text, re.M), (
        "a fuzzy entry: check its translation, then drop the flag"
    )
    assert not re.search(r"^#~", text, re.M), "obsolete entries: rebuild with --no-obsolete"
    empty = [key for key, value in catalog().items() if not value.strip()]
    assert not empty, empty
    assert len(catalog()) > 450


def test_every_translation_is_in_the_traditional_script_with_the_same_placeholders():
    problems = []
    for key, value in catalog().items():
        msgid = key if isinstance(key, str) else key[0]
        kept = value
        for literal in KEPT_CHINESE:
            kept = kept.replace(literal, "")
        if not MONGOLIAN.search(value) or HAN.search(kept) or CYRILLIC.search(value):
            problems.append((msgid, value))
        if sorted(PLACEHOLDER.findall(msgid)) != sorted(PLACEHOLDER.findall(value)):
            problems.append((msgid, value))
    assert not problems, problems[:10]


def test_it_is_the_catalog_django_uses_for_mn():
    with translation.override("mn"):
        assert translation.gettext("搜索") == "ᠡᠷᠢᠬᠦ"
        assert translation.gettext("This field is required.").startswith("ᠡᠨᠡ")  # not Django's Cyrillic
        assert MONGOLIAN.search(translation.ngettext("共 %(counter)s 篇作品", "共 %(counter)s 篇作品", 3))
    with translation.override("zh-hans"):
        assert translation.gettext("搜索") == "搜索"


# Coverage of the public interface


def test_every_public_template_message_is_in_the_catalog():
    known = msgids()
    missing = {
        f"{path.relative_to(ROOT)}: {message}"
        for path in public_sources()
        if path.suffix in (".html", ".txt")
        for message in template_messages(path)
        if message not in known
    }
    assert not missing, sorted(missing)


def test_every_public_python_message_is_in_the_catalog():
    known = msgids()
    missing = {
        f"{path.relative_to(ROOT)}: {message}"
        for path in public_sources()
        if path.suffix == ".py"
        for message in python_messages(path)
        if message not in known
    }
    assert not missing, sorted(missing)


def test_the_extraction_reads_what_it_should():
    """The two readers above find the messages makemessages finds (a reader that found nothing would
    pass them trivially)."""
    assert "本文已于 %(date)s 撤稿，原文不再提供。" in template_messages(
        ROOT / "articles/templates/articles/retracted.html"
    )
    assert "共 %(counter)s 篇作品" in template_messages(ROOT / "portal/templates/includes/work_list.html")
    assert "请描述您发现的问题。" in python_messages(ROOT / "review/corrections/forms.py")


# What a Mongolian reader sees


def data_names():
    """Names that are data, not interface (taxonomies kept in Chinese, the site's name)."""
    names = [settings.WAGTAIL_SITE_NAME, "测试数据"]  # the site's brand; the test works' import note
    for model in (Discipline, Audience, Region):
        names.extend(model.objects.values_list("name", flat=True))
    return sorted(set(names), key=len, reverse=True)


def interface_text(html, names):
    """The page as text, without scripts, styles, attributes' URLs and data names."""
    html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    html = re.sub(r'(href|src|action|content)="[^"]*"', "", html)
    # What is marked as Chinese is meant to be: the switcher's 中文.
    html = re.sub(r'<a [^>]*\blang="zh-Hans"[^>]*>.*?</a>', "", html, flags=re.S)
    for name in names:
        html = html.replace(name, "")
    for literal in KEPT_CHINESE:
        html = html.replace(literal, "")
    return html


@pytest.mark.django_db
def test_public_pages_in_mongolian_show_no_chinese_interface_and_no_cyrillic(client, site_tree):
    from tests.test_languages import mongolian_tree

    mongolian = mongolian_tree(site_tree, factories.make_work(site_tree["works"], disciplines=["safety"]))
    names = data_names()
    pages = {
        "home": client.get("/mn/"),
        "works index": client.get(mongolian.get_parent().url),
        "work": client.get(mongolian.url),
        "search, found": client.get("/mn/search/", {"q": "ᠭᠡᠷ"}),
        "search, nothing": client.get("/mn/search/", {"q": "ᠮᠣᠷᠢ"}),
        "404": client.get("/mn/no-such-page/"),
        "creator login": client.get("/mn/creators/login/"),
        "creator login, refused": client.post("/mn/creators/login/", {"username": "", "password": ""}),
        "register, errors": client.post("/mn/creators/register/", {"email": "not-an-address"}),
        "digest, errors": client.post("/mn/digest/", {"email": "not-an-address"}),
        "report, errors": client.post(f"/mn/report/{mongolian.pk}/", {"problem": ""}),
        "password reset": client.get("/mn/creators/password/reset/"),
    }
    problems = {}
    for name, response in pages.items():
        assert response.status_code in (200, 404), (name, response.status_code)
        html = response.content.decode()
        assert '<html lang="mn-Mong">' in html, name
        text = interface_text(html, names)
        if found := HAN.findall(text) + CYRILLIC.findall(text):
            problems[name] = "".join(found)[:80]
    assert not problems, problems
