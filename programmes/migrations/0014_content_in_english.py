"""The texts written before issue 20 are English: each is copied into its `_en` column (where that is still empty),
so a fresh database and an existing one read the same (modeltranslation's update_translation_fields, as a
migration)."""

from django.db import migrations
from django.db.models import F

TRANSLATED = {
    "programme": ("name", "description"),
    "priority": ("title",),
    "specificobjective": ("title",),
    "indicator": ("name",),
    "call": ("title", "description"),
    "calldocument": ("title",),
}


def copy_to_english(apps, schema_editor):
    for model_name, fields in TRANSLATED.items():
        model = apps.get_model("programmes", model_name)
        for field in fields:
            model._base_manager.filter(**{f"{field}_en__isnull": True}).update(**{f"{field}_en": F(field)})


class Migration(migrations.Migration):
    dependencies = [("programmes", "0013_content_languages")]

    operations = [migrations.RunPython(copy_to_english, migrations.RunPython.noop)]
