"""What the restore drill compares (run inside `manage.py shell` on a database and a media folder; prints JSON):
the projects (count and a digest of ids, acronyms and titles), users and programmes, every stored file that a
FileField names (found? its digest), and whether the portal serves its home page and a public project page."""

import hashlib
import json

from django.apps import apps
from django.core.files.storage import default_storage
from django.db import models
from django.test import Client

from programmes.models import Programme
from projects.models import Project


def _files() -> list[str]:
    names = []
    for model in apps.get_models():
        fields = [f.name for f in model._meta.concrete_fields if isinstance(f, models.FileField)]
        for field in fields:
            names += [n for n in model.objects.exclude(**{field: ""}).values_list(field, flat=True) if n]
    return sorted(names)


def fingerprint() -> dict:
    projects = hashlib.sha256()
    for row in Project.objects.order_by("pk").values_list("pk", "acronym", "title").iterator(chunk_size=5000):
        projects.update(repr(row).encode())
    names = _files()
    found, missing, contents = 0, [], hashlib.sha256()
    for name in names:
        if not default_storage.exists(name):
            missing.append(name)
            continue
        with default_storage.open(name, "rb") as handle:
            for chunk in iter(lambda h=handle: h.read(1 << 20), b""):
                contents.update(chunk)
        found += 1
    client = Client()
    public = Project.objects.public().order_by("pk").first()
    from django.contrib.auth import get_user_model

    return {
        "projects": Project.objects.count(),
        "projects_sha256": projects.hexdigest(),
        "users": get_user_model().objects.count(),
        "programmes": Programme.objects.count(),
        "files": len(names),
        "files_found": found,
        "files_missing": missing,
        "files_sha256": contents.hexdigest(),
        "home": client.get("/").status_code,
        "project_page": client.get(f"/projects/{public.pk}/").status_code if public else None,
    }


def main() -> None:
    print(json.dumps(fingerprint()))
