"""The Mongolian content locale (traditional script), beside the default one Wagtail's migrations made.

Wagtail creates only the LANGUAGE_CODE locale; a translation into Mongolian needs its Locale row
before anyone can choose it. The row is created here, not by load_demo, so that a production site
(which never loads the demo) has it too. Reversing leaves it: content may already be in it.
"""

from django.db import migrations

MONGOLIAN = "mn"


def create_mongolian_locale(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Locale.objects.get_or_create(language_code=MONGOLIAN)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_policy_pages"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_mongolian_locale, migrations.RunPython.noop)]
