"""A contracted project in force as version 1 (the `contracted` project of tests/reporting, whose contract was
recorded before versions: version 1 is captured as the contract service does)."""

import pytest

from projects.models import VersionOrigin
from projects.versions import version_capture
from tests.projects.conftest import ready  # noqa: F401
from tests.reporting.conftest import contracted  # noqa: F401


@pytest.fixture
def in_force(contracted):  # noqa: F811
    contracted.v1 = version_capture(
        project=contracted.project,
        by=contracted.staff,
        origin=VersionOrigin.CONTRACT,
        in_force_from=contracted.project.start_date,
    )
    return contracted
