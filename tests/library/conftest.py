"""The knowledge library's tests: items made through the services, PDFs generated with fpdf2."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from fpdf import FPDF

from events.library_cache import library_generation_bump
from events.library_services import library_item_extract_text, library_item_save
from events.models import LibraryItem, Topic


def pdf_bytes(*lines: str) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    for line in lines:
        pdf.multi_cell(0, 8, line)
    return bytes(pdf.output())


def pdf_upload(*lines: str, name: str = "document.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(*lines), content_type="application/pdf")


def topic_make(name: str = "Partnership principle", **fields) -> Topic:
    slug = fields.pop("slug", name.lower().replace(" ", "-"))
    return Topic.objects.create(name=name, slug=slug, **fields)


def item_make(topic: Topic, title: str, *, pdf: list[str] | None = None, read: bool = True, **fields) -> LibraryItem:
    """An item saved through the service; with `pdf`, a PDF of those lines, read at once when `read`."""
    fields.setdefault("kind", "report")
    fields.setdefault("date", date(2024, 2, 15))
    if pdf is None:
        fields.setdefault("url", "https://www.interact.eu/library/item")
    item = LibraryItem(topic=topic, title=title, **fields)
    if pdf is not None:
        item.file = pdf_upload(*pdf)
    library_item_save(item=item)
    if pdf is not None and read:
        library_item_extract_text(item_id=item.pk)
        item.refresh_from_db()
    return item


@pytest.fixture(autouse=True)
def _fresh_library_counts(settings, tmp_path):
    """Counts cached by an earlier test (its rows rolled back) are not this test's; uploads go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    library_generation_bump()


@pytest.fixture
def topic(db) -> Topic:
    return topic_make(
        description="Partnerships are the foundations of Interreg.",
        contact_name="Besiana Ninka",
        contact_role="Contact person",
        contact_office="Interact",
    )
