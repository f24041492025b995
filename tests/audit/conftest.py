import pytest

from tests.projects.conftest import ready  # noqa: F401
from tests.staff.conftest import office  # noqa: F401


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
