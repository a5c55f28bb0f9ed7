"""Loads the fixed taxonomies: audiences, disciplines, brand campaigns and Inner Mongolia's regions."""

import json
from pathlib import Path

from django.db import migrations

REGIONS_FILE = Path(__file__).resolve().parent.parent / "data" / "inner_mongolia_regions.json"

AUDIENCES = [
    ("youth", "青少年", "中小学生和青年,培养科学兴趣和科学思维。"),
    ("farmers-herders", "农牧民", "农村牧区群众,实用技术、防灾减灾和健康知识。"),
    ("elderly", "老年人", "健康素养与防范诈骗,跨越数字鸿沟。"),
    ("workers", "产业工人", "安全生产、技能提升和新技术。"),
    ("officials", "领导干部和公务员", "科学决策与科技前沿,“科普大讲堂”。"),
    ("public", "社会公众", "面向所有读者的科学知识。"),
]

# (code, name, [(child code, child name), ...])
DISCIPLINES = [
    ("astronomy", "天文", []),
    ("earth-science", "地球科学", [("meteorology", "气象"), ("geology", "地质与地震")]),
    ("life-science", "生命科学", []),
    (
        "health",
        "医学与健康",
        [("disease-prevention", "疾病预防"), ("nutrition", "营养与食品安全"), ("mental-health", "心理健康")],
    ),
    ("agriculture", "农牧业", [("crops", "种植业"), ("livestock", "畜牧兽医")]),
    ("ecology", "生态环境", []),
    ("energy", "能源", []),
    ("materials", "材料", []),
    ("aerospace", "航空航天", []),
    ("it-ai", "信息技术与人工智能", []),
    ("safety", "应急与安全", [("fraud-prevention", "防诈骗")]),
]

CAMPAIGNS = [
    ("sci-tech-week", "科技活动周", "每年5月", "全国科技活动周,集中展示科技成果、开展群众性科普活动。"),
    ("science-day", "全国科普日", "每年9月", "全国科普日,各地同步开展科普活动。"),
    ("three-rural", "科技文化卫生三下乡", "常年", "科技、文化、卫生下乡,把实用技术和健康知识送到农村牧区。"),
    ("campus-festival", "校园科技节", "每学年", "中小学校园科技节,激发青少年的科学兴趣。"),
    ("worker-day", "全国科技工作者日", "每年5月30日", "弘扬科学家精神,宣传科技工作者。"),
]


def load(apps, schema_editor):
    Audience = apps.get_model("articles", "Audience")
    Discipline = apps.get_model("articles", "Discipline")
    Campaign = apps.get_model("articles", "Campaign")
    Region = apps.get_model("articles", "Region")

    for order, (code, name, description) in enumerate(AUDIENCES):
        Audience.objects.update_or_create(
            code=code, defaults={"name": name, "description": description, "sort_order": order}
        )
    for order, (code, name, children) in enumerate(DISCIPLINES):
        parent, _ = Discipline.objects.update_or_create(
            code=code, defaults={"name": name, "sort_order": order, "parent": None}
        )
        for child_order, (child_code, child_name) in enumerate(children):
            Discipline.objects.update_or_create(
                code=child_code, defaults={"name": child_name, "sort_order": child_order, "parent": parent}
            )
    for code, name, season, description in CAMPAIGNS:
        Campaign.objects.update_or_create(
            code=code, defaults={"name": name, "season": season, "description": description}
        )
    rows = json.loads(REGIONS_FILE.read_text(encoding="utf-8"))
    by_code = {}
    for row in rows:  # the file is in code order: parents come before children
        by_code[row["code"]], _ = Region.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "level": row["level"],
                "kind": row["kind"],
                "parent": by_code.get(row["parent"]) if row["parent"] else None,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("articles", "0002_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
