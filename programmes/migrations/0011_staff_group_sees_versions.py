"""The "Programme staff" group also views the models issue 19 added (application versions, modifications and their
steps, budget reallocations, closure sections), as migration 0009 granted those of issue 18. What each person sees
of them is projects.modification_access's; the admin shows them read-only."""

from django.db import migrations

from programmes.staff_group import staff_group_grant


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0010_call_reallocation_limit"),
        ("projects", "0014_results_index"),
    ]

    operations = [migrations.RunPython(staff_group_grant, migrations.RunPython.noop)]
