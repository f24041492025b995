"""The "Programme staff" group also views the models issue 21 added (relayed messages, project ideas and the
interest in them, library items), as migration 0011 granted those of issue 19. What each person sees of them is
their policies'; the admin shows ideas and relayed messages read-only (relayed messages to superusers alone)."""

from django.db import migrations

from programmes.staff_group import staff_group_grant


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0011_staff_group_sees_versions"),
        ("partnerships", "0008_project_ideas"),
        ("events", "0005_knowledge_library"),
    ]

    operations = [migrations.RunPython(staff_group_grant, migrations.RunPython.noop)]
