"""Printable leaflets: one A4 or A5 page each, with the title, reviewer credit, corrections, the
portal's name and a QR code that decodes to the work; read back with pypdf and zxing-cpp. Works that
are not published (draft, in review, retracted) have none."""

import datetime
import io
import itertools
import re

import pytest
import zxingcpp
from hypothesis import assume, given
from hypothesis import strategies as st
from PIL import Image, ImageDraw
from pypdf import PdfReader
from pypdf.generic import ContentStream

from django.core.cache import cache
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.images import get_image_model

from articles.models import ArticlePage, CorrectionNotice
from channels import credit
from channels.leaflets import fonts, pdf, typeset
from channels.models import Delivery
from home.demo import content as demo_content
from review.models import CaseStatus, Stage
from review.tests.conftest import build_cast
from review.tests.scenario import advance_to, publish_through_review
from tests import factories

from .exports import handle_case

pytestmark = pytest.mark.django_db

MM = 72 / 25.4
PAGE_SIZES = {"a4": (210 * MM, 297 * MM), "a5": (148 * MM, 210 * MM)}
FACT = "一氧化碳与血红蛋白结合的能力约为氧气的200倍以上，少量吸入也会让人缺氧。"
SECOND_FACT = "煤炉取暖要保持烟道畅通，睡前检查炉火，并在室内安装一氧化碳报警器。"


def photo(title, size):
    """A photo-like JPEG: a gradient with a few shapes."""
    canvas = Image.linear_gradient("L").resize(size).convert("RGB")
    draw = ImageDraw.Draw(canvas)
    draw.ellipse([size[0] // 4, size[1] // 4, size[0] // 2, size[1] // 2], fill=(47, 125, 79))
    buffer = io.BytesIO()
    canvas.save(buffer, format="JPEG", quality=90)
    image = get_image_model()(
        title=title, description=title, source="测试", file=ImageFile(buffer, name="p.jpg")
    )
    image.save()
    return image


def fact(text, title="知识点"):
    return {"type": "fact", "value": {"title": title, "text": f"<p>{text}</p>"}}


@pytest.fixture
def cast(site_tree):
    return build_cast(site_tree)


@pytest.fixture
def published(cast):
    """The cast's work with a cover and two 知识点, through 初审, two experts and 终审."""
    cache.clear()
    work = cast["work"]
    work.cover_image = photo("封面", (1600, 1000))
    work.body = [*factories.BODY[:2], fact(FACT), fact(SECOND_FACT, title="怎样预防")]
    work.save_revision(user=cast["creator"])
    return publish_through_review(cast, work)


def leaflet_url(work, size):
    return reverse("leaflets:leaflet", args=[work.pk, size])


def download(client, work, size):
    response = client.get(leaflet_url(work, size))
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    return PdfReader(io.BytesIO(response.content))


def text_of(reader):
    """The page's text without the spaces pypdf puts between glyphs of a CID font."""
    return "".join(reader.pages[0].extract_text().split())


def compact(text):
    return "".join(text.split())


def placed_images(reader):
    """{name: (image, width pt, height pt)} for the images drawn on the first page."""
    page = reader.pages[0]
    images = {image.name.rsplit(".", 1)[0]: image.image for image in page.images}
    operations = ContentStream(page.get_contents(), reader).operations
    placed = {}
    for (operands, operator), (previous, previous_operator) in zip(operations[1:], operations, strict=False):
        if operator == b"Do" and previous_operator == b"cm":
            name = operands[0].lstrip("/")
            placed[name] = (images[name], float(previous[0]), float(previous[3]))
    return placed


@pytest.mark.parametrize("size", ["a4", "a5"])
def test_a_leaflet_is_one_page_of_its_size_with_the_work_its_reviewers_and_the_portal(
    client, published, size
):
    reader = download(client, published, size)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(PAGE_SIZES[size], abs=1)
    text = text_of(reader)
    line = credit.credit_line(published.review_credit)
    assert line.startswith("科学性审核：expert_a（研究员，内蒙古农业大学(测试)）")
    for expected in (published.title, published.summary, line, "内蒙古科普", FACT, SECOND_FACT, "怎样预防"):
        assert compact(expected) in text, expected
    assert "http://testserver" + published.url in text
    assert reader.metadata.title == published.title


def test_every_font_is_embedded_in_the_pdf(client, published):
    reader = download(client, published, "a4")
    page_fonts = reader.pages[0]["/Resources"]["/Font"]
    assert page_fonts
    for font in page_fonts.values():
        font = font.get_object()
        assert font["/Subtype"] == "/Type0"
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), font["/BaseFont"]
        assert "/ToUnicode" in font  # the text can be searched and copied


@pytest.mark.parametrize("size", ["a4", "a5"])
def test_the_qr_code_decodes_to_the_works_address(client, published, size):
    reader = download(client, published, size)
    decoded = [
        result.text
        for image, _, _ in placed_images(reader).values()
        for result in zxingcpp.read_barcodes(image.convert("L"))
    ]
    assert decoded == ["http://testserver" + published.url]


@pytest.mark.parametrize(("size", "text_width_mm"), [("a4", 180), ("a5", 128)])
def test_the_cover_is_printed_across_the_text_at_150_to_200_dpi(client, published, size, text_width_mm):
    placed = placed_images(download(client, published, size))
    assert len(placed) == 2  # the cover and the QR code
    image, width, height = next(found for found in placed.values() if found[0].mode == "RGB")
    assert width == pytest.approx(text_width_mm * MM, abs=1)
    assert width / height == pytest.approx(16 / 9, rel=0.01)
    dpi = image.width / (width / 72)
    assert 150 <= dpi <= 200, dpi


def test_a_published_correction_is_printed(client, cast, published):
    note = "第二段已更正：一氧化碳与血红蛋白的结合能力约为氧气的200至250倍。"
    corrected = handle_case(cast, published, CaseStatus.CORRECTED, note)
    for size in ("a4", "a5"):
        text = text_of(download(client, corrected, size))
        assert compact(credit.correction_lines(corrected.corrections.all())[0]) in text
        assert compact(note) in text


def test_works_that_are_not_published_have_no_leaflet(client, cast, site_tree):
    draft = cast["work"]
    for size in ("a4", "a5"):
        assert client.get(leaflet_url(draft, size)).status_code == 404
    advance_to(cast, Stage.EXPERT)  # submitted: in review
    response = client.get(leaflet_url(draft, "a4"))
    assert response.status_code == 404 and response["Content-Type"] != "application/pdf"
    news = factories.make_news(site_tree["news"])
    assert client.get(leaflet_url(news, "a4")).status_code == 404
    assert client.get(reverse("leaflets:leaflet", args=[999999, "a4"])).status_code == 404


def test_a_retracted_work_answers_410_without_a_pdf(client, cast, published):
    assert client.get(leaflet_url(published, "a4")).status_code == 200
    retracted = handle_case(cast, published, CaseStatus.RETRACTED, "关键数据来源无法核实，予以撤稿。")
    for size in ("a4", "a5"):
        response = client.get(leaflet_url(retracted, size))
        assert response.status_code == 410
        assert response["Content-Type"].startswith("text/html")
        assert "已撤稿" in response.content.decode()


def test_only_a4_and_a5(client, published):
    for size in ("a3", "letter", "A4x"):
        assert client.get(f"/zh-hans/leaflets/{published.pk}/{size}.pdf").status_code == 404
    assert client.post(leaflet_url(published, "a4")).status_code == 405


def test_the_download_is_named_cached_briefly_and_writes_nothing(client, published):
    client.get(leaflet_url(published, "a5"))  # the first print rendition of the cover is made once
    with CaptureQueriesContext(connection) as queries:
        response = client.get(leaflet_url(published, "a5"))
    assert response.status_code == 200
    writes = [q["sql"] for q in queries if not re.match(r"\s*(SELECT|SAVEPOINT|RELEASE)", q["sql"], re.I)]
    assert writes == []
    assert not Delivery.objects.exists()
    disposition = response["Content-Disposition"]
    assert disposition.startswith('inline; filename="leaflet-')
    assert f'filename="leaflet-{published.slug}-a5.pdf"' in disposition
    assert "filename*=UTF-8''%E5%86%AC%E5%AD%A3" in disposition  # 冬季…
    assert disposition.endswith("-A5.pdf")
    assert response["Cache-Control"] == "public, max-age=60, s-maxage=86400"  # purged on a correction


def test_a_leaflet_is_made_once_per_live_revision(client, cast, published, monkeypatch):
    made = []
    render = pdf.render
    monkeypatch.setattr(pdf, "render", lambda work, **kw: made.append(kw["size"]) or render(work, **kw))
    first = client.get(leaflet_url(published, "a4")).content
    assert client.get(leaflet_url(published, "a4")).content == first
    assert made == ["A4"]  # the second download came from the cache
    corrected = handle_case(cast, published, CaseStatus.CORRECTED, "第二段的数值已更正。")
    assert compact("第二段的数值已更正。") in text_of(download(client, corrected, "a4"))
    assert made == ["A4", "A4"]  # a new live revision, a new leaflet


def test_the_work_page_links_both_leaflets(client, published):
    page = client.get(published.url).content.decode()
    assert f'href="{leaflet_url(published, "a4")}"' in page
    assert f'href="{leaflet_url(published, "a5")}"' in page


def test_a_missing_configured_font_is_a_clear_503(client, published, settings):
    settings.PORTAL_LEAFLET_FONT = "/nonexistent/NotoSansCJK-Regular.ttc"
    response = client.get(leaflet_url(published, "a4"))
    assert response.status_code == 503
    assert "/nonexistent/NotoSansCJK-Regular.ttc" in response.content.decode()
    assert "中文字体" in response.content.decode()


def long_work(site_tree, facts=10):
    title = "内蒙古草原牧区冬春季节白毛风暴风雪灾害的成因、预警信号识别与牧户防灾减灾避险自救指南"
    return factories.make_work(
        site_tree["works"],
        title,
        summary=("白毛风是内蒙古牧区冬春季节常见的灾害性天气，" * 14)[:300],
        body=[fact(f"第{n + 1}条：" + FACT * 4) for n in range(facts)],
        cover_image=photo("封面", (1600, 900)),
    )


@pytest.mark.parametrize("size", ["A4", "A5"])
def test_a_long_work_stays_one_page_and_sends_the_reader_to_the_qr_code(site_tree, size):
    work = long_work(site_tree)
    reader = PdfReader(io.BytesIO(pdf.render(work, size=size, url="http://testserver" + work.url)))
    assert len(reader.pages) == 1
    text = text_of(reader)
    assert compact(work.title) in text and "第1条" in text and "第10条" not in text
    assert "……" in text and "全文见二维码" in text
    assert "内蒙古科普" in text and "http://testserver" + work.url in text


@pytest.mark.parametrize("size", ["A4", "A5"])
def test_many_corrections_are_cut_but_the_key_points_still_print(site_tree, size):
    work = factories.make_work(site_tree["works"], body=[fact(FACT)], cover_image=photo("封面", (1600, 900)))
    corrected = work.get_latest_revision_as_object()
    for day in range(1, 9):
        notice = CorrectionNotice(date=datetime.date(2026, 3, day), text=f"第{day}处更正：" + SECOND_FACT)
        corrected.corrections.add(notice)
    factories.publish_imported(corrected)
    work = ArticlePage.objects.get(pk=work.pk)
    reader = PdfReader(io.BytesIO(pdf.render(work, size=size, url="http://testserver" + work.url)))
    assert len(reader.pages) == 1
    text = text_of(reader)
    assert "更正（2026-03-01）：第1处更正" in text and "第8处更正" not in text
    assert compact(FACT) in text and "全文见二维码" in text


def test_a_short_work_is_not_cut(client, published):
    text = text_of(download(client, published, "a5"))
    assert "全文见二维码" not in text and "……" not in text


def demo_works():
    """The demo's works, longest leaflet text first (title, summary and 知识点)."""

    def length(item):
        facts = [value["text"] for kind, value in item["body"] if kind == "fact"]
        return len(item["title"]) + len(item["summary"]) + sum(len(text) for text in facts)

    return sorted(demo_content.works(), key=length, reverse=True)


@pytest.mark.parametrize("size", ["A4", "A5"])
def test_the_longest_demo_work_fits_one_page_uncut(site_tree, size):
    item = demo_works()[0]
    body = [{"type": kind, "value": value} for kind, value in item["body"] if kind in ("paragraph", "fact")]
    work = factories.make_work(
        site_tree["works"],
        item["title"],
        summary=item["summary"],
        body=body,
        cover_image=photo("封面", (1600, 900)),
    )
    reader = PdfReader(io.BytesIO(pdf.render(work, size=size, url="http://testserver" + work.url)))
    assert len(reader.pages) == 1
    text = text_of(reader)
    assert compact(item["title"]) in text and compact(item["summary"]) in text
    assert "全文见二维码" not in text


def test_the_bundled_fonts_cover_every_demo_work_and_region():
    """The cut-down fonts (fonts/build.py) hold every character of the demo and of the region names."""
    regular = fonts.face(fonts.BUNDLED_REGULAR).characters
    bold = fonts.face(fonts.BUNDLED_BOLD).characters
    for item in demo_works():
        facts = "".join(value["text"] + value["title"] for kind, value in item["body"] if kind == "fact")
        text = re.sub(r"<[^>]+>", "", item["title"] + item["summary"] + facts)
        assert {ord(c) for c in text if not c.isspace()} <= regular, item["slug"]
        assert {ord(c) for c in item["title"] if not c.isspace()} <= bold, item["slug"]
    with open(fonts.HERE.parents[2] / "articles/data/inner_mongolia_regions.json", encoding="utf-8") as file:
        regions = {ord(c) for c in file.read() if not c.isspace()}
    assert regions <= regular and regions <= bold


@pytest.mark.skipif(
    not fonts.system_fonts(), reason="no full system CJK font (apt-get install fonts-noto-cjk)"
)
def test_a_character_beyond_the_bundled_fonts_comes_from_the_system_font(site_tree):
    rare = "堃"  # in 通用规范汉字表 but not in GB 2312
    assert ord(rare) not in fonts.face(fonts.BUNDLED_REGULAR).characters
    work = factories.make_work(site_tree["works"], "测试作品", creator_name=f"王{rare}")
    reader = PdfReader(io.BytesIO(pdf.render(work, size="A5", url="http://testserver" + work.url)))
    # The system font is CID-keyed CFF, whose custom encoding CMap pypdf reads as one-byte codes
    # (hence the NUL); poppler's pdftotext reads "王堃". The bundled fonts are TrueType (fonts/build.py).
    assert f"王{rare}" in text_of(reader).replace("\x00", "")
    assert len(reader.pages[0]["/Resources"]["/Font"]) == 3  # bundled regular and bold, and the fallback


# Line breaking (禁则): pure functions, checked on text drawn from hanzi, both kinds of punctuation,
# Latin and digits, with a measure where a hanzi is 1 wide and a Latin letter ½.
HANZI = "一氧化碳无色味中毒者往近视防控户外"
CLOSING = "，。、：；！？）」』】》”…—%"
OPENING = "（「『【《“"


def measure(text):
    return sum(1 if ord(char) > 0x2000 else 0.5 for char in text)


@given(st.text(alphabet=HANZI + CLOSING + OPENING + "PM2.5CO", min_size=1, max_size=120), st.integers(4, 24))
def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(text, width):
    assume(all(measure(unit) <= width for unit in typeset.units(text)))
    lines = typeset.wrap(text, width, measure)
    assert "".join(lines) == text
    assert all(measure(line) <= width for line in lines)
    assert not any(line[0] in typeset.NO_START for line in lines[1:])
    assert not any(line[-1] in typeset.NO_END for line in lines[:-1])


def test_words_numbers_ellipses_and_dashes_stay_whole():
    text = "细颗粒物（PM2.5）浓度超过75微克每立方米……这时——尤其是老人——要减少外出。"
    for width in range(5, 16):
        lines = typeset.wrap(text, width, measure)
        assert "".join(lines) == text
        for first, second in itertools.pairwise(lines):
            assert not (first[-1] == second[0] == "…") and not (first[-1] == second[0] == "—")
            assert not (
                first[-1].isalnum() and first[-1].isascii() and second[0].isalnum() and second[0].isascii()
            )


def test_a_cut_line_ends_in_an_ellipsis_and_still_fits():
    line = "使用煤炉时要保持烟道畅通，并安装一氧化碳报警器"
    for width in range(3, 14):
        cut = typeset.cut(line, width, measure)
        assert cut.endswith("……") and measure(cut) <= width
        assert cut[-3] not in "，（"


def test_rich_text_becomes_paragraphs_of_plain_text():
    html = (
        "<p>一氧化碳&nbsp;<b>无色无味</b>。</p><ul><li>开窗</li><li>报警器</li></ul><p>A&amp;B<br>第二行</p>"
    )
    assert typeset.paragraphs(html) == ["一氧化碳 无色无味。", "• 开窗", "• 报警器", "A&B", "第二行"]
