"""The texts written before issue 20 are English: copied into their `_en` columns (see programmes 0014)."""

from django.db import migrations
from django.db.models import F

TRANSLATED = {"event": ("title", "description"), "session": ("title", "description"), "material": ("title",)}


def copy_to_english(apps, schema_editor):
    for model_name, fields in TRANSLATED.items():
        model = apps.get_model("events", model_name)
        for field in fields:
            model._base_manager.filter(**{f"{field}_en__isnull": True}).update(**{f"{field}_en": F(field)})


class Migration(migrations.Migration):
    dependencies = [("events", "0006_content_languages")]

    operations = [migrations.RunPython(copy_to_english, migrations.RunPython.noop)]
