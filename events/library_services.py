"""The knowledge library's writes: saving an item, reading the text of its PDF (a Celery task, here beside its
service), and its search vector, rebuilt from the title, description and text in one SQL statement.

An item whose file is new or changed is marked `pending` and its text is read once the transaction commits; the
task is idempotent (it reads only the file the item still has, and skips a text already read from it), and an item
the broker never received is found again by `recover_library_texts` (beat, and every worker start).
"""

import logging
from collections.abc import Iterable

from celery import shared_task
from django.db import connection, transaction

from interact_portal.core.queue import enqueue_each, enqueue_on_commit

from .choices import TextStatus
from .library_cache import library_generation_bump
from .models import LibraryItem

logger = logging.getLogger(__name__)

# One config for documents and queries, as the project database's (projects/search_index.py): English stemming on
# accent-folded text (portal_fold(), a SQL function of migration projects/0003).
SEARCH_CONFIG = "english"
TEXT_LIMIT = 500_000  # characters of a file's text kept and searched (a long report is still found by its body)

_INDEX = f"""
UPDATE events_libraryitem SET search_vector =
    setweight(to_tsvector('{SEARCH_CONFIG}', portal_fold(title)), 'A')
    || setweight(to_tsvector('{SEARCH_CONFIG}', portal_fold(description)), 'B')
    || setweight(to_tsvector('{SEARCH_CONFIG}', portal_fold(text)), 'C')
WHERE {{scope}}
"""  # noqa: S608 - constant SQL; the ids are parameters


def library_index_refresh(item_ids: Iterable[int] | None = None) -> int:
    """Rewrite the search vector of the given items (all when None); returns the rows written."""
    if item_ids is None:
        sql, params = _INDEX.format(scope="TRUE"), []
    else:
        ids = sorted(set(item_ids))
        if not ids:
            return 0
        sql, params = _INDEX.format(scope="id = ANY(%s)"), [ids]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        written = cursor.rowcount
    library_generation_bump()
    transaction.on_commit(library_generation_bump)
    return written


def _stored_file(item: LibraryItem) -> str:
    if item.pk is None:
        return ""
    return LibraryItem.objects.filter(pk=item.pk).values_list("file", flat=True).first() or ""


@transaction.atomic
def library_item_save(*, item: LibraryItem) -> LibraryItem:
    """Save an item (new or changed); a new or changed file is read in the background, then searched."""
    item.full_clean()
    new_file = item.file.name or ""
    if new_file != _stored_file(item) or (new_file and item.text_source != new_file):
        item.text, item.text_source = "", ""
        item.text_status = TextStatus.PENDING if new_file else TextStatus.NONE
    item.save()
    library_index_refresh([item.pk])
    if item.text_status == TextStatus.PENDING:
        enqueue_on_commit(extract_library_text, item.pk)
    return item


@transaction.atomic
def library_item_delete(*, item: LibraryItem) -> None:
    item.delete()
    library_items_deleted()


def library_items_deleted() -> None:
    """Items were deleted (one, or the admin's bulk action): no cached count keeps them."""
    library_generation_bump()
    transaction.on_commit(library_generation_bump)


def pdf_text(file) -> str:
    """The text of a PDF file, page by page; ValueError when it cannot be read."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        with file.open("rb") as handle:
            reader = PdfReader(handle)
            pages = []
            size = 0
            for page in reader.pages:
                text = page.extract_text() or ""
                pages.append(text)
                size += len(text)
                if size >= TEXT_LIMIT:
                    break
    except (PyPdfError, OSError, KeyError, TypeError) as error:
        raise ValueError(str(error)) from error
    return "\n".join(pages).replace("\x00", "")[:TEXT_LIMIT]


def library_item_extract_text(*, item_id: int) -> str:
    """Read the text of the item's file and rebuild its search vector; returns the item's text status.

    The file is read outside any transaction (a large PDF takes seconds); the result is written only if the item
    still has that file, under a row lock, so a file changed meanwhile is left to its own task."""
    item = LibraryItem.objects.filter(pk=item_id).first()
    if item is None or not item.file:
        return TextStatus.NONE
    name = item.file.name
    if item.text_status == TextStatus.DONE and item.text_source == name:
        return TextStatus.DONE  # a redelivered task: already read
    if name.lower().endswith(".pdf"):
        try:
            text, status = pdf_text(item.file), TextStatus.DONE
        except ValueError as error:
            logger.warning("library item %s: the PDF could not be read: %s", item_id, error)
            text, status = "", TextStatus.FAILED
    else:
        text, status = "", TextStatus.DONE  # images and office files: searched by title and description
    with transaction.atomic():
        locked = LibraryItem.objects.select_for_update().filter(pk=item_id, file=name).first()
        if locked is None:
            return TextStatus.PENDING  # changed meanwhile: its own task reads the new file
        LibraryItem.objects.filter(pk=item_id).update(text=text, text_status=status, text_source=name)
        library_index_refresh([item_id])
    return status


@shared_task(time_limit=300, soft_time_limit=270)
def extract_library_text(item_id: int) -> str:
    return library_item_extract_text(item_id=item_id)


@shared_task(time_limit=120, soft_time_limit=100)
def recover_library_texts() -> int:
    """Beat, and every worker start: the items whose text is still waiting (a broker that was away lost the task)."""
    ids = list(LibraryItem.objects.filter(text_status=TextStatus.PENDING).values_list("pk", flat=True)[:500])
    return enqueue_each(extract_library_text, ids)
