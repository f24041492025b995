"""The "Programme staff" group also views the models issue 17 added (a call's funds, checklist and criteria,
indicators, and the application form's parts), as migration 0004 granted the domain's models of its day."""

from django.db import migrations

from programmes.staff_group import staff_group_grant


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0006_existing_calls_get_default_setup"),
        ("partnerships", "0004_partner_details_and_budget"),
        ("projects", "0007_existing_projects_get_description"),
        ("events", "0004_alter_material_file"),
    ]

    operations = [migrations.RunPython(staff_group_grant, migrations.RunPython.noop)]
