"""The database refuses a picture without alt text (a blank or spaces-only description)."""

import django.db.models.functions.text
import django.db.models.lookups
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("media", "0002_fill_missing_alt_text")]

    operations = [
        migrations.AddConstraint(
            model_name="portalimage",
            constraint=models.CheckConstraint(
                condition=django.db.models.lookups.GreaterThan(
                    django.db.models.functions.text.Length(
                        django.db.models.functions.text.Trim("description")
                    ),
                    0,
                ),
                name="image_has_alt_text",
                violation_error_message="请填写替代文本。",
            ),
        ),
    ]
