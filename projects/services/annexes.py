"""Annexes: PDF, DOCX or XLSX files checked by extension and by content, stored under random names."""

import zipfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Annex, Project
from ..permissions import edit_refusal, require

# extension → (content type, what the content must look like)
ALLOWED = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
OFFICE_PART = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml"}


def annex_problem(upload) -> str | None:
    """Why this upload cannot be an annex, or None. The content must match the extension."""
    suffix = Path(upload.name).suffix.lower()
    if suffix not in ALLOWED:
        return _("Upload a PDF, DOCX or XLSX file.")
    if upload.size > settings.ANNEX_MAX_MB * 1024 * 1024:
        return _("The file is larger than %(n)d MB.") % {"n": settings.ANNEX_MAX_MB}
    if upload.size == 0:
        return _("The file is empty.")
    upload.seek(0)
    if suffix == ".pdf":
        ok = upload.read(5) == b"%PDF-"
    else:
        try:
            with zipfile.ZipFile(upload) as archive:
                ok = OFFICE_PART[suffix] in archive.namelist()
        except zipfile.BadZipFile:
            ok = False
    upload.seek(0)
    if not ok:
        return _("The file's content is not a %(kind)s document.") % {"kind": suffix[1:].upper()}
    return None


@transaction.atomic
def annex_add(*, project: Project, title: str, upload, by) -> Annex:
    project = Project.objects.select_for_update().get(pk=project.pk)
    require(edit_refusal(by, project))
    if problem := annex_problem(upload):
        raise ValidationError({"file": problem})
    suffix = Path(upload.name).suffix.lower()
    annex = Annex(
        project=project,
        title=title.strip() or Path(upload.name).stem,
        original_name=Path(upload.name).name[:255],
        content_type=ALLOWED[suffix],
        size=upload.size,
        uploaded_by=by,
    )
    annex.file.save(upload.name, upload, save=False)
    annex.save()
    return annex


@transaction.atomic
def annex_delete(*, annex: Annex, by) -> None:
    project = Project.objects.select_for_update().get(pk=annex.project_id)
    require(edit_refusal(by, project))
    stored = annex.file.name
    storage = annex.file.storage
    annex.delete()
    transaction.on_commit(lambda: storage.delete(stored))
