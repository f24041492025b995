"""The "Programme staff" group with its permissions (programmes/staff_group.py), so that a fresh install has it.

Permissions are normally created after migrate (post_migrate); on a fresh database they do not exist yet when
this runs, so it creates those of the domain apps first, from the migration state.
"""

from django.db import migrations

from programmes.staff_group import staff_group_grant


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0003_alter_calldocument_file"),
        ("partnerships", "0003_remove_partnerinvitation_emailed_at"),
        ("projects", "0005_faster_trigram_similarity"),
        ("events", "0004_alter_material_file"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(staff_group_grant, migrations.RunPython.noop)]
