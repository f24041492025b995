"""Two versions of the large application, measured in this process: the diff page between them with Django's test
client (queries of one request, p50/p95 over many requests) and the pure diff function alone (p50/p95 over the same
number of calls). The page twice: as readers meet it (the diff of two versions is cached once computed) and with
the cache bypassed (the first reader's time, every request). Prints one JSON line.

The project is bench/application_case.py's large application (30 partners × 6 cost categories × 6 periods, 8 work
packages), contracted as bench/reporting_case.py does it. Version 1 is captured as the contract does; version 2 after
edits across partners, budget cells and the work plan, as an approved modification would bring them into force.
Both are built once and reused (versions are never deleted).

Usage (by bench/modifications.py): python bench/modifications_case.py REQUESTS
"""

import json
import os
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interact_portal.settings")

import django  # noqa: E402

django.setup()

from django.core.cache.backends.dummy import DummyCache  # noqa: E402
from django.db import transaction  # noqa: E402
from django.db.models import F  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench.application_case import CATEGORIES, measure  # noqa: E402
from bench.reporting_case import contracted  # noqa: E402
from bench.results import percentile  # noqa: E402
from partnerships.models import PartnerBudgetLine, ProjectPartner  # noqa: E402
from projects.models import Activity, ApplicationVersion, ProjectOutput, VersionOrigin, WorkPackage  # noqa: E402
from projects.version_diff import version_diff  # noqa: E402
from projects.versions import version_capture, versions_of  # noqa: E402
from projects.views import versions as version_views  # noqa: E402


@transaction.atomic
def edits(project) -> None:
    """What a real modification changes: partners' details, budget cells of many partners in several periods and
    categories, work packages renamed, an activity added and one removed, output targets."""
    partners = list(project.partners.order_by("order"))
    for partner in partners[::5]:
        ProjectPartner.objects.filter(pk=partner.pk).update(contact_name=f"New contact of {partner.abbreviation}")
    for n, partner in enumerate(partners[::2]):
        PartnerBudgetLine.objects.filter(partner=partner, category=CATEGORIES[n % len(CATEGORIES)], period=2).update(
            amount=F("amount") + Decimal("500")
        )
        PartnerBudgetLine.objects.filter(partner=partner, category="staff", period=5).update(
            amount=F("amount") - Decimal("250")
        )
    packages = list(WorkPackage.objects.filter(project=project).order_by("number"))
    for package in packages[1::3]:
        WorkPackage.objects.filter(pk=package.pk).update(title=f"{package.title} (revised)")
    Activity.objects.create(work_package=packages[2], number=9, title="An added activity", start_period=3, end_period=6)
    Activity.objects.filter(work_package=packages[6], number=3).delete()
    ProjectOutput.objects.filter(work_package__in=packages[::2], number=1).update(target_value=5)


def two_versions():
    project, user = contracted()
    versions = list(versions_of(project).values_list("number", flat=True))
    if not versions:
        version_capture(project=project, by=user, origin=VersionOrigin.CONTRACT, in_force_from=project.start_date)
    if len(versions) < 2:
        edits(project)
        project.refresh_from_db()
        version_capture(project=project, by=user, origin=VersionOrigin.MODIFICATION, in_force_from=date.today())
    return project, user


def main(requests: int) -> dict:
    project, user = two_versions()
    client = Client()
    client.force_login(user)
    url = reverse("projects:version_diff", args=[project.pk]) + "?from=1&to=2"
    figures = {"projects:version_diff (cached diff)": measure(client, [url], requests)}
    cached = version_views.cache
    version_views.cache = DummyCache("none", {})  # every request computes the diff: the first reader's time
    try:
        figures["projects:version_diff (computed each time)"] = measure(client, [url], requests)
    finally:
        version_views.cache = cached
    old, new = (
        v.answers for v in ApplicationVersion.objects.filter(project=project, number__in=[1, 2]).order_by("number")
    )
    diff = version_diff(old, new)
    timings = []
    for _n in range(requests):
        started = time.perf_counter()
        version_diff(old, new)
        timings.append((time.perf_counter() - started) * 1000)
    figures["version_diff()"] = {
        "queries": 0,
        "status": 200,
        "p50": percentile(timings, 0.5),
        "p95": percentile(timings, 0.95),
        "urls": 1,
        "requests": requests,
    }
    figures["changes"] = len(diff)
    figures["cells"] = sum(len(s.cells) for s in diff.sections)
    return figures


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)))
