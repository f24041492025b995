"""Uploaded files: allowed types checked by extension and by content, random stored names, and the one way files
leave the portal — an attachment response that a browser never renders as a page."""

import mimetypes
import uuid
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.utils.deconstruct import deconstructible
from django.utils.text import slugify
from django.utils.translation import gettext as _

# extension → content type; what the first bytes (or the zip's parts) must be is in _content_matches
ALLOWED = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}
MAGIC = {".pdf": b"%PDF-", ".png": b"\x89PNG\r\n\x1a\n", ".jpg": b"\xff\xd8\xff", ".jpeg": b"\xff\xd8\xff"}
OFFICE_PART = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml"}


def _content_matches(upload, suffix: str) -> bool:
    upload.seek(0)
    try:
        if suffix in MAGIC:
            return upload.read(len(MAGIC[suffix])) == MAGIC[suffix]
        with zipfile.ZipFile(upload) as archive:
            return OFFICE_PART[suffix] in archive.namelist()
    except zipfile.BadZipFile:
        return False
    finally:
        upload.seek(0)


def upload_problem(upload) -> str | None:
    """Why this file cannot be uploaded, or None."""
    suffix = Path(upload.name).suffix.lower()
    if suffix not in ALLOWED:
        return _("Upload a PDF, DOCX, XLSX, PNG or JPEG file.")
    if upload.size > settings.ANNEX_MAX_MB * 1024 * 1024:
        return _("The file is larger than %(n)d MB.") % {"n": settings.ANNEX_MAX_MB}
    if upload.size == 0:
        return _("The file is empty.")
    if not _content_matches(upload, suffix):
        return _("The file's content is not a %(kind)s file.") % {"kind": suffix[1:].upper()}
    return None


def validate_upload(upload) -> None:
    """Model field validator (admin uploads)."""
    if getattr(upload, "_committed", True) is False and (problem := upload_problem(upload)):
        raise ValidationError(problem)


@deconstructible
class RandomName:
    """upload_to: `<folder>/<random>.<ext>` — the name a person gave the file is never a path on our disk."""

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        return f"{self.folder}/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"

    def __eq__(self, other):
        return isinstance(other, RandomName) and other.folder == self.folder


def titled_name(title: str, stored_name: str, fallback: str) -> str:
    """The name a download is saved under: the title as a slug, with the stored file's extension."""
    return f"{slugify(title) or fallback}{Path(stored_name).suffix}"


def attachment(file, filename: str) -> FileResponse:
    """A download: always an attachment, typed by its extension, never sniffed, never cached."""
    suffix = Path(filename).suffix.lower()
    content_type = ALLOWED.get(suffix) or mimetypes.guess_type(filename)[0] or "application/octet-stream"
    response = FileResponse(file.open("rb"), as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
