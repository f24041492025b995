"""The knowledge library of Interact's partnership page (the seed page): the topic with its contact, the Code of
conduct for partnership, the report on the engagement of civil society and its Knowledge Fair session; the 10 June
2024 event's report, presentations and recording and the two autumn events appear on the topic through the events
themselves (events.library). Short PDFs are generated here (no internet); idempotent."""

from datetime import date

from django.core.files.base import ContentFile
from fpdf import FPDF

from events.library_services import library_item_extract_text, library_item_save
from events.models import Event, LibraryItem, Topic

PARTNERSHIP = "Partnership principle"
DESCRIPTION = (
    "Partnerships are the foundations of Interreg. A strong partnership is vital to the success of a programme; this "
    "topic looks at partnerships within the programme structure. Interact promotes and takes forward interventions "
    "to explore partnership models in Interreg, and to strengthen partnerships between existing, and with new "
    "stakeholders. For project partnerships, see the open calls."
)
# the events of the seed page, tagged with the topic so that their materials and dates show on its shelf
EVENTS = [
    "interreg-knowledge-fair-2024",
    "alternative-funding-models-2024",
    "webinar-supporting-applicants-and-partners",
    "partnership-principle-2021-2027-exchange",
]


def _pdf(title: str, paragraphs: list[str]) -> bytes:
    pdf = FPDF()
    pdf.set_title(title)
    pdf.set_lang("en")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 9, title)
    pdf.set_font("Helvetica", size=11)
    for paragraph in paragraphs:
        pdf.ln(4)
        pdf.multi_cell(0, 6, paragraph)
    return bytes(pdf.output())


ITEMS = [
    {
        "title": "European Code of Conduct on Partnership",
        "kind": "guidance",
        "date": date(2014, 1, 7),
        "url": "https://eur-lex.europa.eu/eli/reg_del/2014/240/oj",
        "description": "The core document on partnership: it sets out the basic principles and obligations for a "
        "wider partnership, which apply in Interreg as well as in wider EU funding (Commission Delegated Regulation "
        "(EU) No 240/2014).",
    },
    {
        "title": "The engagement of civil society in Interreg",
        "kind": "report",
        "date": date(2024, 2, 15),
        "description": "Published early in 2024: how programmes currently engage citizens and civil society, and "
        "feasible approaches to strengthen this engagement, building partnerships that support the set-up and "
        "operation of the programme.",
        "pdf": [
            "Interreg programmes work with a wider partnership: regional and local authorities, economic and social "
            "partners, and the bodies representing civil society.",
            "This report looks at how programmes currently engage citizens and civic society in programming, "
            "monitoring committees and calls, and explores feasible approaches to strengthen this engagement.",
            "It draws on a survey of programme bodies and interviews with monitoring committee members.",
        ],
    },
    {
        "title": "Engaging civil society in Interreg: session at the Interreg Knowledge Fair 2024",
        "kind": "presentation",
        "date": date(2024, 3, 19),
        "description": "The report on the engagement of civil society, presented and explored in a session at the "
        "Interreg Knowledge Fair in March 2024.",
        "pdf": [
            "Session slides: why civil society matters to cooperation programmes, what the survey found, and "
            "questions for discussion with the participants of the Knowledge Fair.",
        ],
    },
]


def library_seed() -> list[LibraryItem]:
    topic, _ = Topic.objects.update_or_create(
        slug="partnership-principle",
        defaults={
            "name": PARTNERSHIP,
            "description": DESCRIPTION,
            "contact_name": "Besiana Ninka",
            "contact_role": "Contact person for the partnership principle",
            "contact_office": "Interact",
        },
    )
    for event in Event.objects.filter(slug__in=EVENTS):
        event.topics.add(topic)
    items = []
    for spec in ITEMS:
        item = LibraryItem.objects.filter(topic=topic, title=spec["title"]).first() or LibraryItem(topic=topic)
        item.title, item.kind, item.date = spec["title"], spec["kind"], spec["date"]
        item.description, item.url, item.language = spec["description"], spec.get("url", ""), "en"
        if "pdf" in spec and not item.file:
            item.file.save("report.pdf", ContentFile(_pdf(spec["title"], spec["pdf"])), save=False)
        library_item_save(item=item)
        library_item_extract_text(item_id=item.pk)  # at once: the demo is searchable without a worker
        items.append(item)
    return items
