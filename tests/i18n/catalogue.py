"""The portal's message catalogues, read and rebuilt for the language tests (issue 20)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale"
SHIPPED = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
SKIPPED = {".venv", ".git", "bench", "tests", "var", "node_modules", "locale", "static", "__pycache__", ".ruff_cache"}


def shipped_catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))


_GATHERED: dict[str, str] = {}  # the gathered catalogue's text, once per test process (makemessages takes ~40 s)


def fresh_catalogue(directory: Path, language: str) -> polib.POFile:
    """Every string the code marks today, gathered by makemessages (what `make messages` runs) from a copy of the
    code in `directory` (makemessages writes beside the code it reads: the repository's catalogues stay as they are).
    The strings are the same whatever the language: they are gathered once per process and read from there."""
    if "text" not in _GATHERED:
        _GATHERED["text"] = _gather(directory, language).__unicode__()
    return polib.pofile(_GATHERED["text"])


def _gather(directory: Path, language: str) -> polib.POFile:
    base = Path(settings.BASE_DIR)
    copy = directory / "code"
    shutil.copytree(base, copy, ignore=lambda _dir, names: [name for name in names if name in SKIPPED])
    (copy / "locale").mkdir()
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", language, "--no-obsolete", "--verbosity", "0"],
        cwd=copy,
        env={**os.environ, "DJANGO_DEBUG": "true"},
        check=True,
        capture_output=True,
    )
    return polib.pofile(str(copy / "locale" / language / "LC_MESSAGES" / "django.po"))


def msgfmt_check(path: Path) -> subprocess.CompletedProcess:
    """GNU msgfmt's own check: header, plural forms, and the same placeholders in every translation."""
    return subprocess.run(
        ["msgfmt", "--check", "--check-format", "-o", "/dev/null", str(path)], capture_output=True, text=True
    )
