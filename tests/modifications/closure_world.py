"""The contracted project of tests/modifications in its final period (`closing`), and the steps that make it ready
to close: a complete closure section and a submitted final project report."""

from datetime import timedelta

import pytest

from projects.models import ProjectClosure, ProjectReport
from projects.reporting_workflow import ProjectReportStatus
from projects.services.closure import closure_save
from tests.reporting.conftest import months_ago

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
WEBP = b"RIFF\x20\x00\x00\x00WEBPVP8 " + b"\x00" * 64


def _texts(**more) -> dict:
    return {
        "main_achievements": "Twelve cities measure the air the same way.",
        "durable_outputs": "The shared sensor network stays with the cities.",
        "public_summary": "Cities along the Danube now measure and reduce air pollution together.",
        "picture_alt": "",
        "indicators": {},
        **more,
    }


def _in_final_period(world):
    """The project started 26 months ago: its fifth and final six-month period has started."""
    project = world.project
    project.start_date = months_ago(26)
    project.end_date = project.start_date + timedelta(days=913)
    project.save(update_fields=["start_date", "end_date"])
    return world


@pytest.fixture
def closing(in_force):  # noqa: F811
    return _in_final_period(in_force)


def _save(world, version=None, **more):
    closure = ProjectClosure.objects.filter(project=world.project).first()
    version = version if version is not None else (closure.version if closure else 1)
    return closure_save(project=world.project, by=world.manager, version=version, **_texts(**more))


def _final_report(world, status=ProjectReportStatus.SUBMITTED) -> ProjectReport:
    return ProjectReport.objects.create(project=world.project, period=5, number=1, is_final=True, status=status)


def _ready_to_close(world):
    _save(world)
    _final_report(world)
    return world
