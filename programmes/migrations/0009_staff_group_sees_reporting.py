"""The "Programme staff" group also views the models issue 18 added (contracts, schedules, partner and project
reports, their lines, controls, claims and payments, annual allocations), as migrations 0004 and 0007 granted the
domain's models of their day. What each person sees of them is the reporting policy's (projects.reporting_access);
bank details are shown in the admin to superusers only."""

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
        ("programmes", "0008_reporting_setup"),
        ("partnerships", "0005_bank_accounts"),
        ("projects", "0009_expenditure_sums_index"),
        ("events", "0004_alter_material_file"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
