"""A work published through the real 三审 with every kind of body block, corrected or retracted
through the real correction case; and the admin's WeChat export read back from its zip."""

import io
import json
import zipfile

from PIL import Image, ImageDraw

from django.core.files.images import ImageFile
from django.urls import reverse

from wagtail.images import get_image_model

from review import corrections
from review.models import CaseStatus
from review.tests.scenario import publish_through_review
from tests import factories


def picture(title, *, size, kind="photo"):
    """A photo-like JPEG (gradient and grain: compresses like a photo) or a flat PNG diagram."""
    width, height = size
    if kind == "diagram":
        canvas = Image.new("RGB", size, (255, 255, 255))
        draw = ImageDraw.Draw(canvas)
        for n, share in enumerate((0.3, 0.55, 0.8)):
            left = 100 + n * (width - 200) // 3
            draw.rectangle([left, int(height * (1 - share)), left + 160, height - 60], fill=(47, 125, 79))
        draw.line([80, height - 60, width - 80, height - 60], fill=(31, 42, 36), width=4)
        file_format, name = "PNG", "diagram.png"
    else:
        canvas = Image.linear_gradient("L").resize(size).convert("RGB")
        grain = Image.effect_noise(size, 90).convert("RGB")
        canvas = Image.blend(canvas, grain, 0.5)
        file_format, name = "JPEG", "photo.jpg"
    buffer = io.BytesIO()
    canvas.save(buffer, format=file_format, quality=95)
    image = get_image_model()(
        title=title, description=f"{title}的替代文本", source="测试", file=ImageFile(buffer, name=name)
    )
    image.save()
    return image


def full_body(works_index):
    """One block of every kind a science work's body has, with a link out and one to the portal."""
    photo = picture("煤炉与烟道", size=(2400, 1600))
    diagram = picture("一氧化碳浓度与症状", size=(1600, 1000), kind="diagram")
    poster = factories.make_image("视频封面帧", size=(640, 360))
    return [
        {"type": "heading", "value": {"text": "一氧化碳为什么危险"}},
        {
            "type": "paragraph",
            "value": (
                '<p>据<a href="https://www.nhc.gov.cn/">国家卫生健康委员会</a>的资料，<b>一氧化碳</b>'
                "无色无味，与血红蛋白结合的能力约为氧气的 200 倍以上。</p>"
                f'<ul><li>更多作品见<a linktype="page" id="{works_index.pk}">科普作品</a>栏目</li>'
                "<li><i>烟道</i>要定期清理</li></ul>"
            ),
        },
        {"type": "image", "value": {"image": photo.pk, "caption": "煤炉与烟道", "source": ""}},
        {
            "type": "image",
            "value": {"image": diagram.pk, "caption": "浓度越高，症状越重", "source": "示意图"},
        },
        {
            "type": "fact",
            "value": {"title": "知识点", "text": "<p>使用煤炉时要保持烟道畅通，并安装一氧化碳报警器。</p>"},
        },
        {"type": "quote", "value": {"text": "预防胜于救治。\n通风是关键。", "attribution": "急诊科医生"}},
        {
            "type": "qa",
            "value": {
                "items": [
                    {
                        "question": "开一条窗缝就安全了吗？",
                        "answer": "<p>不一定。还要保证烟道畅通、安装报警器。</p>",
                    }
                ]
            },
        },
        {
            "type": "video",
            "value": {
                "video": factories.make_document().pk,
                "poster": poster.pk,
                "caption": "煤炉的正确使用",
                "transcript": "<p>睡前要检查炉火和烟道。</p>",
            },
        },
        {
            "type": "audio",
            "value": {"audio": None, "caption": "牧区广播", "transcript": "<p>冬季取暖要防煤气中毒。</p>"},
        },
        {
            "type": "references",
            "value": {
                "items": [
                    {
                        "title": "一氧化碳中毒临床治疗指南",
                        "authors": "中华医学会",
                        "publisher": "示例出版社",
                        "year": 2024,
                        "url": "https://example.org/guide",
                        "doi": "10.1000/xyz123",
                    }
                ]
            },
        },
    ]


def publish_full_work(cast):
    """The cast's work, with a cover and every kind of block, through 初审, two experts and 终审."""
    work = cast["work"]
    work.body = full_body(cast["works"])
    work.cover_image = picture("封面", size=(1200, 800))
    work.save_revision(user=cast["creator"])
    return publish_through_review(cast, work)


def handle_case(cast, work, outcome, note):
    """A reader's report verified by an expert, then corrected or retracted by an editor."""
    case = corrections.file_report(work, problem="文中把一氧化碳的结合能力写错了。")
    case = corrections.assign_verifier(case, cast["editor"], cast["experts"]["expert_c"])
    case = corrections.record_finding(case, cast["expert_c"], confirmed=True, finding="确有错误。")
    case = corrections.decide(case, cast["editor"], outcome, note)
    assert case.status == outcome
    work.refresh_from_db()
    return work


def correct(cast, work, note="第二段已更正：一氧化碳与血红蛋白的结合能力约为氧气的 200 至 250 倍。"):
    return handle_case(cast, work, CaseStatus.CORRECTED, note)


def retract(cast, work):
    return handle_case(cast, work, CaseStatus.RETRACTED, "关键数据来源无法核实，予以撤稿。")


def download(client, work):
    return client.post(reverse("channels_admin:wechat_download", args=[work.pk]))


def unzip(response):
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    return {name: archive.read(name) for name in archive.namelist()}


def meta_of(files):
    return json.loads(files["meta.json"])
