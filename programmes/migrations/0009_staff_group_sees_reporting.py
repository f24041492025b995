"""The "Programme staff" group also views the models issue 18 added (contracts, schedules, partner and project
reports, their lines, controls, claims and payments, annual allocations), as migrations 0004 and 0007 granted the
domain's models of their day. What each person sees of them is the reporting policy's (projects.reporting_access);
bank details are shown in the admin to superusers only."""

from django.db import migrations

from programmes.staff_group import staff_group_grant


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0008_reporting_setup"),
        ("partnerships", "0005_bank_accounts"),
        ("projects", "0009_expenditure_sums_index"),
        ("events", "0004_alter_material_file"),
    ]

    operations = [migrations.RunPython(staff_group_grant, migrations.RunPython.noop)]
