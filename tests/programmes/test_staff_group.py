"""A production install has the "Programme staff" group with its permissions from the migrations alone: the test
database is built by running every migration, with no demo content (only the `demo` fixture seeds it)."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from interact_portal.demo.users import DEMO_USERS
from programmes.staff_group import PROGRAMME_STAFF

pytestmark = pytest.mark.django_db


def _codes(permissions) -> set[str]:
    return {f"{p.content_type.app_label}.{p.codename}" for p in permissions.select_related("content_type")}


def test_a_fresh_database_has_the_programme_staff_group_with_its_permissions():
    assert not Group.objects.exclude(name=PROGRAMME_STAFF).exists()
    granted = _codes(Group.objects.get(name=PROGRAMME_STAFF).permissions.all())
    # view everything of the domain
    views = Permission.objects.filter(
        content_type__app_label__in=["programmes", "partnerships", "projects", "events"], codename__startswith="view_"
    )
    assert _codes(views) <= granted and {"projects.view_project", "partnerships.view_organisation"} <= granted
    # run events and calls
    assert {"events.add_event", "events.change_event", "events.delete_registration", "events.change_session"} <= granted
    assert {"programmes.add_call", "programmes.change_call", "programmes.delete_call"} <= granted
    # and nothing else: no edits of applications, programmes or accounts
    assert not {"projects.change_project", "programmes.change_programme", "accounts.change_user"} & granted
    assert not any(code.startswith(("auth.", "accounts.", "audit.")) for code in granted)


def test_the_demo_puts_its_staff_in_that_group(settings):
    settings.DEBUG = True
    group = Group.objects.get(name=PROGRAMME_STAFF)
    permissions = _codes(group.permissions.all())
    call_command("seed_demo", verbosity=0)
    assert Group.objects.filter(name=PROGRAMME_STAFF).get() == group  # the same group, not a second one
    assert _codes(group.permissions.all()) == permissions
    staff = [email for email, fields in DEMO_USERS.items() if fields.get("is_staff") and not fields.get("is_superuser")]
    assert set(group.user_set.values_list("email", flat=True)) == set(staff)
