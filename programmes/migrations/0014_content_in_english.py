"""The texts written before issue 20 are English: each is copied into its `_en` column (where that is still empty),
so a fresh database and an existing one read the same (modeltranslation's update_translation_fields, as a
migration)."""

from django.db import migrations

TRANSLATED = {
    "programme": ("name", "description"),
    "priority": ("title",),
    "specificobjective": ("title",),
    "indicator": ("name",),
    "call": ("title", "description"),
    "calldocument": ("title",),
}


def copy_to_english(apps, schema_editor):
    """In SQL: the same with the models of any state (a model's manager would read `title` as the current language's
    column once the app's translation options are loaded)."""
    quote = schema_editor.connection.ops.quote_name
    for model_name, fields in TRANSLATED.items():
        model = apps.get_model("programmes", model_name)
        for field in fields:
            english = quote(f"{field}_en")
            with schema_editor.connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {quote(model._meta.db_table)} SET {english} = {quote(field)} WHERE {english} IS NULL"
                )


class Migration(migrations.Migration):
    dependencies = [("programmes", "0013_content_languages")]

    operations = [migrations.RunPython(copy_to_english, migrations.RunPython.noop)]
