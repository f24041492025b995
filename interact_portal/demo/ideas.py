"""The partner search's demo (issue 21): the applicant looks for partners for a heat-pump idea in Interreg Central
Europe, and the partner (Budapest Climate Agency) expressed interest; the partner posted an idea of their own.
Through the services, idempotent (an idea is made once per owner and title)."""

from datetime import timedelta

from django.utils import timezone

from partnerships.choices import OrganisationType
from partnerships.idea_models import IdeaInterest, ProjectIdea
from partnerships.idea_policy import organisations_of
from partnerships.idea_services import idea_create, interest_express
from programmes.models import Country, Programme

IDEAS = [
    {
        "owner": "applicant",
        "programme": "interreg-central-europe",
        "title": "Heat pumps for the district heating of small towns",
        "summary": "Small towns of Central Europe heat with old coal and gas boilers. We want to test large heat "
        "pumps on rivers and sewage in three pilot towns, compare their costs, and write a guide for "
        "municipal utilities.",
        "countries": ["HU", "CZ", "SK"],
        "types": [OrganisationType.LOCAL_AUTHORITY, OrganisationType.INFRASTRUCTURE_PROVIDER],
        "days": 75,
        "interested": "partner",
        "message": "The Budapest Climate Agency advises municipal utilities on heat planning and would like to "
        "join as a partner with a pilot in a town near Budapest.",
    },
    {
        "owner": "partner",
        "programme": "interreg-europe",
        "title": "Climate adaptation plans shared between capital regions",
        "summary": "Peer reviews of the climate adaptation plans of capital regions, with study visits and a "
        "common set of indicators.",
        "countries": ["AT", "DE"],
        "types": [OrganisationType.REGIONAL_AUTHORITY, OrganisationType.HIGHER_EDUCATION],
        "days": 120,
    },
]


def ideas_seed(users) -> None:
    today = timezone.localdate()
    for spec in IDEAS:
        owner = users[spec["owner"]]
        idea = ProjectIdea.objects.filter(owner=owner, title=spec["title"]).first()
        if idea is None:
            programme = Programme.objects.filter(slug=spec["programme"]).first()
            if programme is None:
                continue
            idea = idea_create(
                owner=owner,
                data={
                    "title": spec["title"],
                    "summary": spec["summary"],
                    "programme": programme,
                    "partner_types_sought": list(spec["types"]),
                    "expires_on": today + timedelta(days=spec["days"]),
                },
                countries=Country.objects.filter(code__in=spec["countries"]),
            )
        if (person := users.get(spec.get("interested", ""))) and not IdeaInterest.objects.filter(
            idea=idea, person=person
        ).exists():
            interest_express(
                idea=idea, person=person, body=spec["message"], organisation=organisations_of(person).first()
            )
