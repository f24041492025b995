"""Issue 22, backups that restore: pg_dump of the database and a copy of the files, restored into a new database and
folder, the portal started on them (Django's test client in a process of its own), the same projects and files."""

import pytest
from django.core.files.base import ContentFile

from bench import restore_drill
from events.models import Material
from tests.conftest import database_url
from tests.factories import EventFactory, ProjectFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_restore_drill_finds_the_same_projects_and_files(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    projects = [ProjectFactory(acronym=f"DRILL{i}") for i in range(3)]
    event = EventFactory()
    Material.objects.create(event=event, kind="slides", title="Slides", file=ContentFile(b"%PDF-1.4 drill", "s.pdf"))

    lines = restore_drill.drill(database_url(), settings.MEDIA_ROOT, tmp_path / "backup")

    for text, ok in lines:
        print(("PASS " if ok else "FAIL ") + text)
    assert all(ok for _, ok in lines), [text for text, ok in lines if not ok]
    assert f"projects: {len(projects)} before, {len(projects)} after the restore" in lines[1][0]
    assert "stored files: 1 referenced, 1 in the original storage, 1 found" in lines[4][0]
    assert (tmp_path / "backup" / "database.dump").stat().st_size > 0


def test_the_drill_notices_a_file_missing_from_the_backup(settings, tmp_path):
    before = {
        "projects": 1,
        "projects_sha256": "x",
        "users": 1,
        "programmes": 1,
        "files": 2,
        "files_found": 2,
        "files_missing": [],
        "files_sha256": "y",
        "home": 200,
        "project_page": 200,
    }
    after = {**before, "files_found": 1, "files_missing": ["event-materials/a.pdf"], "files_sha256": "z"}
    assert [ok for _, ok in restore_drill.compare(before, after)] == [True, True, True, False, True]
