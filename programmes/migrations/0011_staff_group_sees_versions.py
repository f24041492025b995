"""The "Programme staff" group also views the models issue 19 added (application versions, modifications and their
steps, budget reallocations, closure sections), as migration 0009 granted those of issue 18. What each person sees
of them is projects.modification_access's; the admin shows them read-only."""

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
        ("programmes", "0010_call_reallocation_limit"),
        ("projects", "0014_results_index"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
