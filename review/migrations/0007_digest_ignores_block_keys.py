"""The content digest no longer counts Draftail's rich-text block keys (review/content.py): bind the
clearances of live and scheduled revisions to their content as the digest now reads it."""

from django.db import migrations


def rebind(apps, schema_editor):
    from review.clearance import rebind_live_clearances

    rebind_live_clearances()


class Migration(migrations.Migration):
    dependencies = [("review", "0006_clearance_binds_to_content")]

    operations = [migrations.RunPython(rebind, migrations.RunPython.noop)]
