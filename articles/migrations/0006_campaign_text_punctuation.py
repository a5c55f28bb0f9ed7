"""The campaigns' descriptions (0003) in full-width punctuation, as readers see them on the home page.
Only a description still as 0003 wrote it is changed: an editor's own wording stays."""

from django.db import migrations

REWRITE = {
    "全国科技活动周,集中展示科技成果、开展群众性科普活动。": "全国科技活动周，集中展示科技成果、开展群众性科普活动。",
    "全国科普日,各地同步开展科普活动。": "全国科普日，各地同步开展科普活动。",
    "科技、文化、卫生下乡,把实用技术和健康知识送到农村牧区。": "科技、文化、卫生下乡，把实用技术和健康知识送到农村牧区。",
    "中小学校园科技节,激发青少年的科学兴趣。": "中小学校园科技节，激发青少年的科学兴趣。",
    "弘扬科学家精神,宣传科技工作者。": "弘扬科学家精神，宣传科技工作者。",
}


def forwards(apps, schema_editor):
    Campaign = apps.get_model("articles", "Campaign")
    for old, new in REWRITE.items():
        Campaign.objects.filter(description=old).update(description=new)


def backwards(apps, schema_editor):
    Campaign = apps.get_model("articles", "Campaign")
    for old, new in REWRITE.items():
        Campaign.objects.filter(description=new).update(description=old)


class Migration(migrations.Migration):
    dependencies = [("articles", "0005_health_review_quorum")]
    operations = [migrations.RunPython(forwards, backwards)]
