"""Issue 22, connection budget: DATABASE_POOLER=pgbouncer turns server-side cursors off, DATABASE_DIRECT_URL gives the
reports' session lock a connection straight to PostgreSQL (the database name stays DATABASE_URL's)."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

from interact_portal.reports.services import _lock_connection

CODE = (
    "import json, interact_portal.settings as s;"
    "print(json.dumps({'ssc': s.DATABASES['default'].get('DISABLE_SERVER_SIDE_CURSORS', False),"
    " 'direct': s.DATABASE_DIRECT, 'name': s.DATABASES['default']['NAME']}))"
)


def _settings_with(**env) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", CODE],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_DEBUG": "true", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_pgbouncer_turns_server_side_cursors_off_and_names_the_direct_connection():
    pooled = _settings_with(
        DATABASE_URL="postgres://portal:pw@pooler:6432/interact",
        DATABASE_POOLER="pgbouncer",
        DATABASE_DIRECT_URL="postgres://portal:pw@db.internal:5432/ignored",
    )
    assert pooled == {
        "ssc": True,
        "direct": {"HOST": "db.internal", "PORT": 5432, "USER": "portal", "PASSWORD": "pw"},
        "name": "interact",
    }
    plain = _settings_with(DATABASE_URL="postgres://portal:pw@db:5432/interact", DATABASE_POOLER="")
    assert plain["ssc"] is False and plain["direct"] == {}


@pytest.mark.django_db
def test_the_report_lock_connection_goes_direct_when_told(settings):
    settings.DATABASE_DIRECT = {}
    assert _lock_connection().settings_dict["PORT"] == connection.settings_dict["PORT"]
    settings.DATABASE_DIRECT = {"HOST": "db.internal", "PORT": 5433}
    holder = _lock_connection()
    assert holder.settings_dict["HOST"] == "db.internal" and holder.settings_dict["PORT"] == 5433
    assert holder.settings_dict["NAME"] == connection.settings_dict["NAME"]  # the test database, not another
    assert connection.settings_dict["HOST"] != "db.internal"  # the default connection is untouched
