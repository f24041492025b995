"""`make cluster`'s people and objects (run inside `manage.py shell` on the cluster's database; prints JSON).

A person who signs in through the login form; 200 people with sessions made here (so that 200 registrations do not
cost 200 password hashes on a 2-core machine); a superuser with a complete (second-factor) session for the report
and the upload; a webinar of 50 seats; a big event (40,000 registrations) whose attendance report runs long enough
to kill its worker midway; a webinar starting within the hour with 30 confirmed seats whose reminders are due.
Re-running resets them.
"""

import json
import time
from datetime import timedelta

from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection, transaction
from django.utils import timezone

from events.models import Audience, Event, Material, Registration
from interact_portal.demo.events import events_seed
from interact_portal.notifications.models import OutboxEmail
from interact_portal.reports.models import Report
from programmes.models import Country

PASSWORD = "cluster-test-password-2026"  # noqa: S105 - a throwaway account on the cluster check's own database
PEOPLE = 200
SEATS = 50
BIG = 40_000
REMINDED = 30


def _person(email: str, **fields):
    User = get_user_model()
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=None, first_name="Cluster", last_name=email, **fields)
    EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


def _session(user, second_factor: bool = False) -> str:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    if second_factor:
        now = time.time()
        session[AUTHENTICATION_METHODS_SESSION_KEY] = [
            {"method": "password", "at": now, "email": user.email},
            {"method": "mfa", "at": now, "type": "totp"},
        ]
    session.create()
    return session.session_key


def _event(slug: str, capacity: int, starts_in: timedelta, status: str = "published") -> Event:
    now = timezone.now()
    event, _ = Event.objects.update_or_create(
        slug=slug,
        defaults={
            "title": f"Cluster {slug}",
            "type": "webinar",
            "format": "online",
            "starts_at": now + starts_in,
            "ends_at": now + starts_in + timedelta(hours=2),
            "capacity": capacity,
            "registration_opens_at": now - timedelta(days=1),
            "registration_closes_at": now + starts_in - timedelta(minutes=1),
            "status": status,
        },
    )
    Registration.objects.filter(event=event).delete()
    return event


def _copy(model, template, source: str, **columns: str) -> None:
    """INSERT a copy of the template row for each row of the source, some columns computed from it (as the report
    recovery test does); rows that exist already (a second run) are skipped."""
    names = [f.column for f in model._meta.concrete_fields if not f.primary_key]
    values = [columns.get(name, f"template.{name}") for name in names]
    table = model._meta.db_table
    sql = f"INSERT INTO {table} ({', '.join(names)}) SELECT {', '.join(values)} FROM {table} AS template, {source}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql + " WHERE template.id = %s ON CONFLICT DO NOTHING", [template.pk])


@transaction.atomic
def load_world() -> dict:
    events_seed()
    # files of earlier runs lived in their runs' object store (moto keeps nothing): their rows go too
    Report.objects.all().delete()
    Material.objects.filter(title="Cluster slides").delete()
    signer = _person("cluster-login@example.org")
    signer.set_password(PASSWORD)
    signer.save(update_fields=["password"])
    admin = _person("cluster-admin@example.org", is_staff=True, is_superuser=True)
    if not Authenticator.objects.filter(user=admin, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(admin, generate_totp_secret())
    people = [_person(f"cluster-p{i}@example.org") for i in range(PEOPLE)]
    seats = _event("cluster-seats", SEATS, timedelta(days=30))
    big = _event("cluster-big", BIG + 10, timedelta(days=60))
    # the big event's registrations: copies of one, written by PostgreSQL itself
    first = Registration.objects.create(event=big, user=people[0], organisation_name="Org", status="confirmed")
    _copy(
        get_user_model(),
        people[0],
        f"generate_series(1, {BIG}) AS n",
        email="'cluster-big' || n || '@example.org'",
        last_name="n::text",
    )
    people_rows = "(SELECT id AS person FROM accounts_user WHERE email LIKE 'cluster-big%%@example.org') AS people"
    _copy(Registration, first, people_rows, user_id="people.person")
    # a draft until the second-beat check publishes it: its reminders become due while two beats run
    soon = _event("cluster-reminders", REMINDED + 5, timedelta(minutes=45), status="draft")
    for person in people[-REMINDED:]:
        Registration.objects.create(event=soon, user=person, organisation_name="Org", status="confirmed")
    OutboxEmail.objects.filter(subject__contains=soon.title).delete()
    return {
        "login": {"email": signer.email, "password": PASSWORD},
        "sessions": [_session(person) for person in people],
        "admin_session": _session(admin, second_factor=True),
        "seats": {"slug": seats.slug, "pk": seats.pk},
        "big": {"slug": big.slug, "pk": big.pk, "rows": Registration.objects.filter(event=big).count()},
        "reminders": {"slug": soon.slug, "pk": soon.pk, "title": soon.title, "confirmed": REMINDED},
        "country": Country.objects.order_by("code").values_list("code", flat=True).first(),
        "audience": Audience.objects.order_by("pk").values_list("pk", flat=True).first(),
    }


def main() -> None:
    print(json.dumps(load_world()))
