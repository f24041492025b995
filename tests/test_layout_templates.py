"""Every page fits a 320 px phone: a table wider than that scrolls inside its own labelled, focusable box, never
the page (the browser test `tests/browser/test_layout.py` measures the key pages; this keeps new tables in line)."""

from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def test_every_table_scrolls_in_its_own_box():
    unwrapped = []
    templates = [p for p in ROOT.glob("**/templates/**/*.html") if ".venv" not in p.parts]
    for path in templates:
        lines = path.read_text(encoding="utf-8").splitlines()
        for n, line in enumerate(lines):
            if '<table class="table' in line:
                before = lines[n - 1] if n else ""
                if not ('class="table-scroll"' in before and 'tabindex="0"' in before and "aria-label=" in before):
                    unwrapped.append(f"{path.relative_to(ROOT)}:{n + 1}")
    assert len(templates) > 50
    assert unwrapped == [], "wrap these tables in a .table-scroll box: " + ", ".join(unwrapped)
