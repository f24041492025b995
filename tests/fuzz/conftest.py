from tests.access.conftest import _media_in_tmp, world  # noqa: F401
from tests.projects.conftest import ready  # noqa: F401
from tests.staff.conftest import office  # noqa: F401
