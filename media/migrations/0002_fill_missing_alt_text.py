"""Pictures stored without alt text get their title before 0003 makes alt text compulsory."""

from django.db import migrations
from django.db.models.functions import Length, Trim


def title_as_missing_alt_text(apps, schema_editor):
    """A picture stored before the constraint with a blank alt text gets its title, so that the
    constraint can be added; an editor should then write a real description."""
    PortalImage = apps.get_model("media", "PortalImage")
    blank = PortalImage.objects.annotate(alt_length=Length(Trim("description"))).filter(alt_length=0)
    for image in blank:
        image.description = image.title[:255]
        image.save(update_fields=["description"])


class Migration(migrations.Migration):
    dependencies = [("media", "0001_initial")]

    operations = [migrations.RunPython(title_as_missing_alt_text, migrations.RunPython.noop)]
