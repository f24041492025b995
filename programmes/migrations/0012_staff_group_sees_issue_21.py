"""The "Programme staff" group also views the models issue 21 added (relayed messages, project ideas and the
interest in them, library items), as migration 0011 granted those of issue 19. What each person sees of them is
their policies'; the admin shows ideas and relayed messages read-only (relayed messages to superusers alone)."""

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
        ("programmes", "0011_staff_group_sees_versions"),
        ("partnerships", "0008_project_ideas"),
        ("events", "0005_knowledge_library"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
