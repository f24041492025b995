"""The person's rights over their data (GDPR): a copy of it, and erasure.

Domain apps register what they hold about a person (`personal_data_section`) and how to forget it (`eraser`);
this module knows no domain model. Submitted applications are the programme's legal record: they stay, and the
person in them is pseudonymised (the account row keeps its id, loses every personal detail).
"""

import json
import uuid
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from interact_portal.audit.services import audit_record
from interact_portal.reports.services import reports_forget

SECTIONS: dict[str, Callable] = {}  # name → user → JSON-able list/dict
ERASERS: list[Callable] = []  # user → None, inside the deletion's transaction


def personal_data_section(name: str):
    def register(function: Callable) -> Callable:
        SECTIONS[name] = function
        return function

    return register


def eraser(function: Callable) -> Callable:
    ERASERS.append(function)
    return function


def personal_data(user) -> dict:
    account = {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "email_addresses": list(user.emailaddress_set.values("email", "verified", "primary")),
        "two_factor_methods": list(user.authenticator_set.values_list("type", flat=True)),
    }
    return {"account": account, **{name: section(user) for name, section in SECTIONS.items()}}


def personal_data_write(parameters: dict, path: str, progress) -> int:
    user = get_user_model().objects.get(pk=parameters["user"])
    data = {"exported_at": timezone.now(), **personal_data(user)}
    with open(path, "w", encoding="utf-8") as out:
        json.dump(data, out, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    return sum(len(value) for value in data.values() if isinstance(value, list))


def personal_data_scope(user, parameters: dict):
    from interact_portal.reports.registry import Scope

    if not user.is_authenticated:
        raise Http404
    return Scope(title=_("Your personal data"), parameters={"user": user.pk})


@transaction.atomic
def account_delete(*, user, password: str) -> None:
    """Erase the person: every domain forgets them, then the account keeps only its id and a pseudonym."""
    if not user.check_password(password):
        raise ValidationError({"password": _("This is not your password.")})
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    for erase in ERASERS:
        erase(user)
    reports_forget(user)
    pseudonym = f"deleted-{uuid.uuid4().hex[:12]}"
    audit_record(action="account.deleted", actor=user, target=user, label=pseudonym)
    user.emailaddress_set.all().delete()
    user.authenticator_set.all().delete()
    user.email = f"{pseudonym}@deleted.invalid"
    user.first_name, user.last_name = _("Deleted"), _("user")
    user.is_active = user.is_staff = user.is_superuser = False
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
