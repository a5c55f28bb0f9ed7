"""Health works need three experts' approval (the plan's emphasis on accurate health information)."""

from django.db import migrations


def raise_quorum(apps, schema_editor):
    Discipline = apps.get_model("articles", "Discipline")
    Discipline.objects.filter(code="health").update(review_quorum=3)


class Migration(migrations.Migration):
    dependencies = [("articles", "0004_articlepage_review_credit_discipline_review_quorum_and_more")]
    operations = [migrations.RunPython(raise_quorum, migrations.RunPython.noop)]
