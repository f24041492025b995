"""The "Programme staff" group also views the models issue 17 added (a call's funds, checklist and criteria,
indicators, and the application form's parts), as migration 0004 granted the domain's models of its day."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from programmes.staff_group import DOMAIN_APPS, staff_group_ensure


def grant(apps, schema_editor):
    for label in DOMAIN_APPS:
        app_config = apps.get_app_config(label)
        app_config.models_module = True  # create_permissions skips apps without models; the state's have them
        create_permissions(app_config, verbosity=0, apps=apps, using=schema_editor.connection.alias)
        app_config.models_module = None
    staff_group_ensure(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0006_existing_calls_get_default_setup"),
        ("partnerships", "0004_partner_details_and_budget"),
        ("projects", "0007_existing_projects_get_description"),
        ("events", "0004_alter_material_file"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
