"""Demo accounts (only when DEBUG is on), verified so they can log in at once."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from programmes.staff_group import staff_group_ensure as programme_staff_group_ensure

DEMO_PASSWORD = "interact-demo-2024"  # noqa: S105 - documented demo password, DEBUG only
DEMO_USERS = {
    "admin@example.org": {"first_name": "Ada", "last_name": "Admin", "is_staff": True, "is_superuser": True},
    "staff@example.org": {"first_name": "Sven", "last_name": "Staff", "is_staff": True},
    "applicant@example.org": {"first_name": "Alma", "last_name": "Applicant"},
    "partner@example.org": {"first_name": "Pavel", "last_name": "Partner"},
    # after the contract (interact_portal/demo/reporting.py): programme roles of Interreg Central Europe
    "controller@example.org": {"first_name": "Clara", "last_name": "Controller"},
    "finance@example.org": {"first_name": "Finn", "last_name": "Finance"},
}


def staff_group_ensure() -> Group:
    """The "Programme staff" group the migrations created (programmes/staff_group.py), or again after a flush."""
    return programme_staff_group_ensure(Group, Permission)


def users_seed() -> dict[str, object]:
    User = get_user_model()
    group = staff_group_ensure()
    users = {}
    for email, fields in DEMO_USERS.items():
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=DEMO_PASSWORD, **fields)
        EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        if fields.get("is_staff") and not fields.get("is_superuser"):
            user.groups.add(group)
        users[email.split("@")[0]] = user
    return users
