"""Demo learning events from the seed pages: the Knowledge Fair, alternative funding models, and the autumn events."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.text import slugify

from events.choices import EventFormat, EventStatus, EventType, MaterialKind, Visibility
from events.models import Audience, Event, Material, Session, Speaker, Topic
from programmes.models import Office

BRUSSELS = ZoneInfo("Europe/Brussels")
HELSINKI = ZoneInfo("Europe/Helsinki")  # the Turku office's webinar is on Finnish time: the admin shows it so
TOPICS = [
    "Partnership principle",
    "Civil society",
    "Alternative funding",
    "Support to applicants",
    "Capitalisation",
    "Programme management",
]


def _at(day: datetime, hour: int, zone: ZoneInfo = BRUSSELS) -> datetime:
    return day.astimezone(zone).replace(hour=hour, minute=0, second=0, microsecond=0)


def events_seed() -> list[Event]:
    for code, name in Audience.defaults():
        Audience.objects.update_or_create(code=code, defaults={"name": name})
    topics = {name: Topic.objects.update_or_create(slug=slugify(name), defaults={"name": name})[0] for name in TOPICS}
    vienna = Office.objects.filter(name="Interact Office Vienna").first()
    turku = Office.objects.filter(name="Interact Office Turku").first()
    now = timezone.now()
    soon, later = now + timedelta(days=14), now + timedelta(days=35)
    specs = [
        {
            "slug": "interreg-knowledge-fair-2024",
            "title": "Interreg Knowledge Fair 2024",
            "type": EventType.KNOWLEDGE_FAIR,
            "format": EventFormat.ONSITE,
            "capacity": 400,
            "starts_at": datetime(2024, 3, 19, 9, tzinfo=BRUSSELS),
            "ends_at": datetime(2024, 3, 20, 17, tzinfo=BRUSSELS),
            "venue": "Venue communicated to registered participants",
            "topics": ["Civil society", "Capitalisation"],
            "office": vienna,
            "description": "The Interreg community meets to share knowledge. A session presented and explored the "
            "report on the engagement of civil society in Interreg, published early in 2024.",
            "sessions": [("Engaging civil society in Interreg: the report", 10, 11)],
        },
        {
            "slug": "alternative-funding-models-2024",
            "title": "Alternative funding models in Interreg",
            "type": EventType.WEBINAR,
            "format": EventFormat.ONLINE,
            "capacity": 300,
            "starts_at": datetime(2024, 6, 10, 10, tzinfo=BRUSSELS),
            "ends_at": datetime(2024, 6, 10, 12, 30, tzinfo=BRUSSELS),
            "online_url": "https://meet.example.org/interact-alternative-funding",
            "topics": ["Alternative funding"],
            "office": turku,
            "description": "An online event exploring alternative funding models in Interreg, such as crowd-funding.",
            "materials": [
                (MaterialKind.REPORT, "Report: alternative funding models in Interreg", Visibility.PUBLIC),
                (MaterialKind.PRESENTATION, "Presentations of the speakers", Visibility.PUBLIC),
                (MaterialKind.RECORDING, "Video recording of the online event", Visibility.PARTICIPANTS),
            ],
        },
        {
            "slug": "webinar-supporting-applicants-and-partners",
            "title": "Supporting project applicants and partners",
            "type": EventType.WEBINAR,
            "format": EventFormat.ONLINE,
            "capacity": 150,
            "starts_at": _at(soon, 10, HELSINKI),
            "ends_at": _at(soon, 12, HELSINKI),
            "timezone": "Europe/Helsinki",
            "online_url": "https://meet.example.org/interact-applicant-support",
            "topics": ["Support to applicants"],
            "office": turku,
            "description": "An online webinar on the approaches Interreg programmes use to support project "
            "applicants and partners.",
        },
        {
            "slug": "partnership-principle-2021-2027-exchange",
            "title": "The partnership principle in 2021-27: exchange",
            "type": EventType.SEMINAR,
            "format": EventFormat.HYBRID,
            "capacity": 60,
            "starts_at": _at(later, 9),
            "ends_at": _at(later, 16),
            "venue": "Interact Office Vienna",
            "online_url": "https://meet.example.org/interact-partnership",
            "topics": ["Partnership principle", "Programme management"],
            "office": vienna,
            "description": "An exchange on the ongoing application of the partnership principle and the Code of "
            "conduct for partnership in 2021-27 programmes.",
            "sessions": [("Where programmes stand", 9, 11), ("Working with the wider partnership", 11, 13)],
        },
    ]
    events = []
    for spec in specs:
        event, _ = Event.objects.update_or_create(
            slug=spec["slug"],
            defaults={
                "title": spec["title"],
                "type": spec["type"],
                "format": spec["format"],
                "capacity": spec["capacity"],
                "starts_at": spec["starts_at"],
                "ends_at": spec["ends_at"],
                "venue": spec.get("venue", ""),
                "online_url": spec.get("online_url", ""),
                "description": spec["description"],
                "status": EventStatus.PUBLISHED,
                "organising_office": spec["office"],
                "timezone": spec.get("timezone", "Europe/Brussels"),
                "registration_opens_at": spec["starts_at"] - timedelta(days=60),
                "registration_closes_at": spec["starts_at"] - timedelta(hours=2),
            },
        )
        event.topics.set([topics[name] for name in spec["topics"]])
        event.audiences.set(Audience.objects.exclude(code="applicants"))
        for title, start, end in spec.get("sessions", []):
            Session.objects.update_or_create(
                event=event,
                title=title,
                defaults={
                    "starts_at": _at(event.starts_at, start, ZoneInfo(event.timezone)),
                    "ends_at": _at(event.starts_at, end, ZoneInfo(event.timezone)),
                },
            )
        for kind, title, visibility in spec.get("materials", []):
            Material.objects.update_or_create(
                event=event,
                title=title,
                defaults={
                    "kind": kind,
                    "visibility": visibility,
                    "url": f"https://www.interact.eu/library/{slugify(title)}",
                },
            )
        Speaker.objects.get_or_create(event=event, name="Besiana Ninka", defaults={"affiliation": "Interact"})
        events.append(event)
    return events
