"""The load test's people and objects, on top of the scale data (run inside `manage.py shell`, prints JSON).

Twenty applicants, each with a draft application for an open call, and a webinar with fewer seats than people, so
registrations and cancellations move its waiting list while the test runs. Re-running resets them.
"""

import json
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from events.models import Audience, Event, Registration
from interact_portal.demo.events import events_seed
from partnerships.models import Organisation
from programmes.models import Call, Country, Programme, SpecificObjective
from projects.models import Project
from projects.services.applications import application_start

PASSWORD = "load-test-password-2026"  # noqa: S105 - a throwaway account on the load test's own database
SEATS = 10


@transaction.atomic
def load_world(users: int) -> dict:
    now = timezone.now()
    events_seed()  # the demo's audiences (and webinars), which the registration form offers
    programme = Programme.objects.order_by("pk").first()
    call, _ = Call.objects.update_or_create(
        programme=programme,
        reference="LOAD-1",
        defaults={
            "title": "Load test call",
            "opens_at": now - timedelta(days=1),
            "closes_at": now + timedelta(days=90),
            "budget": 10_000_000,
            "max_cofinancing_rate": 80,
            "is_published": True,
        },
    )
    call.allowed_objectives.set(SpecificObjective.objects.filter(priority__programme=programme))
    event, _ = Event.objects.update_or_create(
        slug="load-test-webinar",
        defaults={
            "title": "Load test webinar",
            "type": "webinar",
            "format": "online",
            "starts_at": now + timedelta(days=30),
            "ends_at": now + timedelta(days=30, hours=2),
            "capacity": SEATS,
            "registration_opens_at": now - timedelta(days=1),
            "registration_closes_at": now + timedelta(days=29),
            "status": "published",
        },
    )
    Registration.objects.filter(event=event).delete()
    organisation = Organisation.objects.order_by("pk").first()
    accounts = []
    for i in range(users):
        email = f"load{i}@example.org"
        user = get_user_model().objects.filter(email=email).first()
        if user is None:
            user = get_user_model().objects.create_user(
                email=email, password=PASSWORD, first_name="Load", last_name=str(i)
            )
        EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        project = Project.objects.filter(created_by=user, call=call).first()
        if project is None:
            project = application_start(call=call, organisation=organisation, acronym=f"LOAD{i}", by=user)
        accounts.append({"email": email, "password": PASSWORD, "project": project.pk})
    public = Project.objects.public().order_by("pk").values_list("pk", flat=True)[:50]
    return {
        "accounts": accounts,
        "event": event.slug,
        "country": Country.objects.order_by("code").values_list("code", flat=True).first(),
        "audience": Audience.objects.order_by("pk").values_list("pk", flat=True).first(),
        "projects": list(public),
        "programmes": list(Programme.objects.order_by("pk").values_list("slug", flat=True)[:20]),
    }


def main(users: int) -> None:
    print(json.dumps(load_world(users)))
