"""The "Programme staff" group with its permissions (programmes/staff_group.py), so that a fresh install has it.

Permissions are normally created after migrate (post_migrate); on a fresh database they do not exist yet when
this runs, so it creates those of the domain apps first, from the migration state.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from programmes.staff_group import DOMAIN_APPS, staff_group_ensure


def create_group(apps, schema_editor):
    for label in DOMAIN_APPS:
        app_config = apps.get_app_config(label)
        app_config.models_module = True  # create_permissions skips apps without models; the state's have them
        create_permissions(app_config, verbosity=0, apps=apps, using=schema_editor.connection.alias)
        app_config.models_module = None
    staff_group_ensure(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0003_alter_calldocument_file"),
        ("partnerships", "0003_remove_partnerinvitation_emailed_at"),
        ("projects", "0005_faster_trigram_similarity"),
        ("events", "0004_alter_material_file"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, migrations.RunPython.noop)]
