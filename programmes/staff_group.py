"""The "Programme staff" group: what staff may do in the Django admin — view the whole domain, run events and calls.

Created by migration programmes/0004 so that a fresh production install has it (put staff in it in the admin);
the demo seeder puts its staff in the same group. What each role may do on the staff pages is programmes/staff.py.
Used with the migration's historical models, so it imports no model: Group and Permission are passed in.
"""

PROGRAMME_STAFF = "Programme staff"
DOMAIN_APPS = ("programmes", "partnerships", "projects", "events")


def staff_group_permissions(Permission):
    """View every model of the domain; add, change and delete events (and their parts) and calls."""
    view = Permission.objects.filter(content_type__app_label__in=DOMAIN_APPS, codename__startswith="view_")
    events = Permission.objects.filter(content_type__app_label="events")
    calls = Permission.objects.filter(content_type__app_label="programmes", content_type__model="call")
    return view | events | calls


def staff_group_ensure(Group, Permission):
    """The group with (at least) its permissions; permissions an admin added to it stay."""
    group, _ = Group.objects.get_or_create(name=PROGRAMME_STAFF)
    group.permissions.add(*staff_group_permissions(Permission))
    return group


def staff_group_grant(apps, schema_editor):
    """A migration's step (programmes/0004 and each migration after new domain models): the permissions of every
    domain model in the migration's state, then the group with what it is to have."""
    from django.contrib.auth.management import create_permissions

    for label in DOMAIN_APPS:
        app_config = apps.get_app_config(label)
        app_config.models_module = True  # create_permissions skips apps without models; the state's have them
        create_permissions(app_config, verbosity=0, apps=apps, using=schema_editor.connection.alias)
        app_config.models_module = None
    staff_group_ensure(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))
