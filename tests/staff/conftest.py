"""A submitted application of a programme with one staff member per role, staff of another programme, and the
applicants: the actors of every staff test."""

from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile

from programmes.models import ProgrammeStaff, StaffRole
from projects.criteria import ELIGIBILITY_CHECKLIST, QUALITY_CRITERIA
from projects.models import Annex
from projects.services.submission import application_submit
from tests.factories import ProgrammeFactory, UserFactory
from tests.projects.conftest import ready  # noqa: F401  (the complete application, ready to submit)


def staff_member(programme, role: str, **extra):
    user = UserFactory(is_staff=True, **extra)
    ProgrammeStaff.objects.create(programme=programme, user=user, role=role)
    return user


@pytest.fixture
def office(ready, django_capture_on_commit_callbacks):  # noqa: F811
    """The application submitted, with its annex; the programme's manager, officer and an assessor."""
    Annex.objects.create(
        project=ready.project,
        title="Letter of intent",
        file=ContentFile(b"%PDF-1.4 letter", name="letter.pdf"),
        original_name="letter.pdf",
        content_type="application/pdf",
        size=15,
        uploaded_by=ready.manager,
    )
    with django_capture_on_commit_callbacks(execute=False):
        application_submit(project=ready.project, by=ready.manager)
    ready.project.refresh_from_db()
    other = ProgrammeFactory()
    return SimpleNamespace(
        **vars(ready),
        officer=ready.staff,
        programme_manager=staff_member(ready.programme, StaffRole.MANAGER, first_name="Mia"),
        assessor=staff_member(ready.programme, StaffRole.ASSESSOR),
        other_staff=staff_member(other, StaffRole.MANAGER),
        other_programme=other,
        annex=ready.project.annexes.get(),
    )


def all_passed() -> dict:
    return {key: (True, "") for key, _ in ELIGIBILITY_CHECKLIST}


def all_scored(score: int = 4) -> dict:
    return {key: (score, "fine") for key, *_ in QUALITY_CRITERIA}
