"""Demo users only with DEBUG: a module of its own, because every test of test_seed_demo.py meets the demo seeded
once for that module, and this one starts from an empty database."""

import pytest
from django.core.management import call_command

from interact_portal.accounts.models import User

pytestmark = pytest.mark.django_db


def test_demo_users_only_when_debug(settings):
    settings.DEBUG = False
    call_command("seed_demo", verbosity=0)
    assert not User.objects.exists()
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    demo_users = User.objects.filter(
        email__in=["admin@example.org", "staff@example.org", "applicant@example.org", "partner@example.org"]
    )
    assert demo_users.count() == 4
    assert all(u.check_password("interact-demo-2024") for u in demo_users)
    assert User.objects.get(email="admin@example.org").is_superuser
    assert User.objects.get(email="staff@example.org").is_staff
