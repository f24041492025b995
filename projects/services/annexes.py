"""Annexes: files checked by extension and by content (core.uploads), stored under random names."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from interact_portal.core.uploads import ALLOWED, upload_problem

from ..models import Annex, Project
from ..permissions import edit_refusal, require


@transaction.atomic
def annex_add(*, project: Project, title: str, upload, by) -> Annex:
    project = Project.objects.select_for_update().get(pk=project.pk)
    require(edit_refusal(by, project))
    if problem := upload_problem(upload):
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
