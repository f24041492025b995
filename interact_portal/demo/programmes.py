"""Demo programmes: Interact I–III from the public facts in shared/seeds, and a few other Interreg programmes."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from programmes.choices import BodyKind, CallKind, Fund
from programmes.models import (
    Call,
    Country,
    Office,
    Priority,
    Programme,
    ProgrammeBody,
    ProgrammeFund,
    SpecificObjective,
)
from programmes.reference import EU_MEMBERS

# The monitoring committee of Interact III: the 28 Member States of 2014-2020, Norway and Switzerland.
INTERACT_III_COUNTRIES = [*EU_MEMBERS, "GB", "NO", "CH"]

PROGRAMMES = [
    {
        "slug": "interact-i",
        "name": "Interact I",
        "cci": "2002CE160PC001",
        "period": "2000-2006",
        "strand": "network",
        "total_budget": Decimal("34000000"),
        "eu_cofinancing_rate": Decimal("50"),
        "description": "Interact I primarily focused on the immediate needs to support the Interreg initiative: "
        "the implementation of its three strands (cross-border, transnational and interregional programmes), to "
        "increase efficiency, effectiveness and quality. It also funded projects developing local and regional "
        "initiatives and the institutions involved in Interreg.",
        "countries": list(EU_MEMBERS)[:25],
        "funds": {},
        "priorities": {},
    },
    {
        "slug": "interact-ii",
        "name": "Interact II",
        "cci": "2007CB163PO050",
        "period": "2007-2013",
        "strand": "network",
        "total_budget": Decimal("40000000"),
        "eu_cofinancing_rate": Decimal("75"),
        "description": "Interact II supported the Interreg community as well as IPA and ENPI CBC programmes at the "
        "EU's external borders, with harmonised tools (HIT, eMS, KEEP, European Cooperation Day, Interreg "
        "branding) and new ways of cooperation such as macro-regional strategies.",
        "countries": INTERACT_III_COUNTRIES,
        "funds": {},
        "priorities": {},
    },
    {
        "slug": "interact-iii",
        "name": "Interact III",
        "cci": "2014TC16RFIR003",
        "period": "2014-2020",
        "strand": "network",
        "total_budget": Decimal("46300000"),
        "eu_cofinancing_rate": Decimal("85"),
        "description": "Interact III supports more than 100 Interreg programmes with advice, learning events and "
        "tools, towards a more result-oriented approach. It focuses on thematic objective 11, capacity building.",
        "countries": INTERACT_III_COUNTRIES,
        "funds": {Fund.ERDF: Decimal("39355000"), Fund.NATIONAL: Decimal("6945000")},
        "priorities": {
            "TO11": (
                "Capacity building (thematic objective 11)",
                [
                    ("SO1", "Improve the management capacity of Interreg programmes"),
                    ("SO2", "Improve the Interreg capacity in capturing and communicating project results"),
                    ("SO3", "Improve the implementation of new ways of cooperation"),
                ],
            ),
        },
        "bodies": [
            (BodyKind.MANAGING_AUTHORITY, "Interact Managing Authority", "Bratislava", "SK"),
            (BodyKind.JOINT_SECRETARIAT, "Interact Secretariat", "Bratislava", "SK"),
            (BodyKind.CERTIFYING_AUTHORITY, "Interact Certifying Authority", "Bratislava", "SK"),
            (BodyKind.AUDIT_AUTHORITY, "Interact Audit Authority", "Bratislava", "SK"),
            (BodyKind.MONITORING_COMMITTEE, "Interact Monitoring Committee", "", None),
        ],
        "offices": [
            ("Interact Office Turku", "Turku", "FI"),
            ("Interact Office Valencia", "Valencia", "ES"),
            ("Interact Office Viborg", "Viborg", "DK"),
            ("Interact Office Vienna", "Vienna", "AT"),
        ],
    },
    {
        "slug": "interreg-central-europe",
        "name": "Interreg Central Europe",
        "cci": "2021TC16RFTN003",
        "period": "2021-2027",
        "strand": "transnational",
        "total_budget": Decimal("280000000"),
        "eu_cofinancing_rate": Decimal("80"),
        "description": "Transnational cooperation among regions and cities of central Europe.",
        "countries": ["AT", "CZ", "DE", "HR", "HU", "IT", "PL", "SK", "SI"],
        "funds": {Fund.ERDF: Decimal("224000000"), Fund.NATIONAL: Decimal("56000000")},
        "priorities": {
            "P1": (
                "Cooperating for a smarter central Europe",
                [
                    ("1.1", "Strengthening innovation capacities"),
                    ("1.2", "Strengthening skills for smart specialisation and industrial transition"),
                ],
            ),
            "P2": (
                "Cooperating for a greener central Europe",
                [
                    ("2.1", "Supporting the energy transition"),
                    ("2.2", "Adapting to climate change"),
                ],
            ),
        },
        "bodies": [
            (BodyKind.MANAGING_AUTHORITY, "City of Vienna, Managing Authority", "Vienna", "AT"),
            (BodyKind.JOINT_SECRETARIAT, "Joint Secretariat Central Europe", "Vienna", "AT"),
        ],
    },
    {
        "slug": "interreg-europe",
        "name": "Interreg Europe",
        "cci": "2021TC16FFIR001",
        "period": "2021-2027",
        "strand": "interregional",
        "total_budget": Decimal("494000000"),
        "eu_cofinancing_rate": Decimal("80"),
        "description": "Interregional cooperation helping regional and local governments across Europe to "
        "develop and deliver better policy.",
        "countries": [*EU_MEMBERS, "NO", "CH"],
        "funds": {Fund.ERDF: Decimal("379000000"), Fund.NATIONAL: Decimal("115000000")},
        "priorities": {"P1": ("Better cooperation governance", [("ISO1", "A better cooperation governance")])},
        "bodies": [(BodyKind.MANAGING_AUTHORITY, "Hauts-de-France Region", "Lille", "FR")],
    },
    {
        "slug": "interreg-at-cz",
        "name": "Interreg Austria–Czechia",
        "cci": "2021TC16RFCB002",
        "period": "2021-2027",
        "strand": "cross_border",
        "total_budget": Decimal("125000000"),
        "eu_cofinancing_rate": Decimal("80"),
        "description": "Cross-border cooperation between Austrian and Czech regions.",
        "countries": ["AT", "CZ"],
        "funds": {Fund.ERDF: Decimal("100000000"), Fund.NATIONAL: Decimal("25000000")},
        "priorities": {
            "P1": ("Research and innovation", [("1.1", "Research and innovation capacities")]),
            "P2": ("Environment", [("2.1", "Biodiversity and green infrastructure")]),
        },
        "bodies": [(BodyKind.MANAGING_AUTHORITY, "Office of the Lower Austrian Government", "St. Pölten", "AT")],
    },
]


def programmes_seed() -> dict[str, Programme]:
    seeded = {}
    for spec in PROGRAMMES:
        fields = {
            k: spec[k]
            for k in ("name", "cci", "period", "strand", "total_budget", "eu_cofinancing_rate", "description")
        }
        programme, _ = Programme.objects.update_or_create(slug=spec["slug"], defaults=fields)
        programme.countries.set(Country.objects.filter(code__in=spec["countries"]))
        for fund, amount in spec["funds"].items():
            ProgrammeFund.objects.update_or_create(programme=programme, fund=fund, defaults={"amount": amount})
        for code, (title, objectives) in spec["priorities"].items():
            priority, _ = Priority.objects.update_or_create(programme=programme, code=code, defaults={"title": title})
            for so_code, so_title in objectives:
                priority.objectives.update_or_create(code=so_code, defaults={"title": so_title})
        for kind, name, city, country in spec.get("bodies", []):
            ProgrammeBody.objects.update_or_create(
                programme=programme, kind=kind, name=name, defaults={"city": city, "country_id": country}
            )
        for name, city, country in spec.get("offices", []):
            Office.objects.update_or_create(
                programme=programme, name=name, defaults={"city": city, "country_id": country}
            )
        seeded[spec["slug"]] = programme
    return seeded


def calls_seed(programmes: dict[str, Programme]) -> dict[str, Call]:
    """One open, one upcoming and one closed call, with dates kept relative to today so the demo stays live."""
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    specs = [
        (
            "interreg-central-europe",
            "CE-2026-01",
            "Third call for proposals: a greener central Europe",
            now - timedelta(days=30),
            now + timedelta(days=45),
            Decimal("40000000"),
            ["2.1", "2.2"],
            3,
            3,
        ),
        (
            "interreg-at-cz",
            "ATCZ-2027-01",
            "Small projects call 2027",
            now + timedelta(days=20),
            now + timedelta(days=110),
            Decimal("5000000"),
            ["1.1", "2.1"],
            2,
            2,
        ),
        (
            "interreg-europe",
            "IE-2025-04",
            "Fourth call for project proposals",
            now - timedelta(days=200),
            now - timedelta(days=90),
            Decimal("60000000"),
            ["ISO1"],
            3,
            3,
        ),
    ]
    calls = {}
    for slug, reference, title, opens, closes, budget, objectives, min_partners, min_countries in specs:
        programme = programmes[slug]
        call, _ = Call.objects.update_or_create(
            programme=programme,
            reference=reference,
            defaults={
                "title": title,
                "opens_at": opens,
                "closes_at": closes,
                "budget": budget,
                "kind": CallKind.ONE_STEP,
                "max_cofinancing_rate": Decimal("80"),
                "min_partners": min_partners,
                "min_countries": min_countries,
                "is_published": True,
                "timezone": "Europe/Brussels",
                "description": f"{title} of {programme.name}.",
            },
        )
        call.allowed_objectives.set(
            SpecificObjective.objects.filter(priority__programme=programme, code__in=objectives)
        )
        calls[reference] = call
        if reference in GERMAN:  # issue 20: one programme keeps German texts too, one call has them
            Programme.objects.filter(pk=programme.pk).update(content_languages=["en", "de"])
            title_de, description_de = GERMAN[reference]
            Call.objects.filter(pk=call.pk).update(title_de=title_de, description_de=description_de)
    return calls


GERMAN = {
    "CE-2026-01": (
        "Dritter Projektaufruf: ein grüneres Mitteleuropa",
        "Dritter Projektaufruf von Interreg CENTRAL EUROPE.",
    ),
}
