"""One large application, measured page by page in this process with Django's test client: the number of queries
of one request (CaptureQueriesContext) and p50/p95 over many requests. Prints one JSON line.

The application (issue 17's performance line): 30 partners × 6 cost categories × 6 reporting periods, 8 work
packages with activities, deliverables and outputs, results, funds and own contributions. Built once in the bench
database with the ORM and reused. Pages that do not exist yet in the code being measured are left out.

Usage (by bench/application.py): python bench/application_case.py REQUESTS
"""

import contextlib
import json
import os
import sys
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interact_portal.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.results import percentile  # noqa: E402
from interact_portal.accounts.models import User  # noqa: E402
from interact_portal.demo.call_setup import COMMON_INDICATORS  # noqa: E402
from partnerships.budget import project_budget  # noqa: E402
from partnerships.choices import ContributionKind, OrganisationType, PartnerRole, Sector  # noqa: E402
from partnerships.models import (  # noqa: E402
    Organisation,
    PartnerBudgetLine,
    PartnerContribution,
    PartnerFund,
    ProjectPartner,
)
from programmes.choices import CostCategory, Fund, IndicatorKind  # noqa: E402
from programmes.models import Call, CallFund, Country, Indicator, Priority, Programme  # noqa: E402
from programmes.reference import countries_ensure  # noqa: E402
from projects.models import (  # noqa: E402
    Activity,
    CollaboratorLevel,
    Deliverable,
    Project,
    ProjectCollaborator,
    ProjectDescription,
    ProjectOutput,
    ProjectResult,
    WorkPackage,
)

ACRONYM = "BENCH-30x6x6"
PARTNERS, PERIODS, WORK_PACKAGES, ACTIVITIES = 30, 6, 8, 3
CATEGORIES = [c for c in CostCategory.values if c != CostCategory.OTHER]  # the six typed categories
COUNTRIES = ["AT", "CZ", "DE", "HR", "HU", "IT", "PL", "SK", "SI", "RS"]


@transaction.atomic
def application() -> tuple[Project, User]:
    """The bench application and its manager, built once."""
    user, _ = User.objects.get_or_create(email="bench-applicant@example.org")
    project = Project.objects.filter(acronym=ACRONYM).first()
    if project is not None:
        return project, user
    countries_ensure()
    programme, _ = Programme.objects.get_or_create(
        slug="bench-application",
        defaults={
            "name": "Interreg bench programme",
            "period": "2021-2027",
            "strand": "transnational",
            "total_budget": Decimal("300000000"),
            "eu_cofinancing_rate": Decimal("80"),
        },
    )
    programme.countries.set(Country.objects.filter(code__in=COUNTRIES))
    priority, _ = Priority.objects.get_or_create(programme=programme, code="P1", defaults={"title": "Greener"})
    objective, _ = priority.objectives.get_or_create(code="1.1", defaults={"title": "Energy transition"})
    now = timezone.now()
    call = Call.objects.create(
        programme=programme,
        reference="BENCH-1",
        title="Bench call",
        opens_at=now - timedelta(days=10),
        closes_at=now + timedelta(days=3650),
        budget=Decimal("100000000"),
        max_cofinancing_rate=Decimal("85"),
        min_partners=3,
        min_countries=3,
        is_published=True,
        reporting_period_months=6,
    )
    call.allowed_objectives.set([objective])
    CallFund.objects.create(call=call, fund=Fund.ERDF, max_rate=Decimal("80"))
    CallFund.objects.create(call=call, fund=Fund.IPA, max_rate=Decimal("85"))
    indicators = {}
    for code, name, unit, kind in COMMON_INDICATORS:
        indicators[code] = Indicator.objects.create(programme=programme, code=code, name=name, unit=unit, kind=kind)
        indicators[code].objectives.set([objective])
    outputs = [i for i in indicators.values() if i.kind == IndicatorKind.OUTPUT]
    results = [i for i in indicators.values() if i.kind == IndicatorKind.RESULT]
    project = Project.objects.create(
        programme=programme,
        call=call,
        acronym=ACRONYM,
        title="A large application for the benchmark",
        summary="Thirty partners, six cost categories, six periods and eight work packages.",
        specific_objective=objective,
        duration_months=6 * PERIODS,
    )
    ProjectDescription.objects.get_or_create(project=project)
    ProjectCollaborator.objects.create(project=project, user=user, level=CollaboratorLevel.MANAGE)
    partners = []
    for n in range(PARTNERS):
        country = COUNTRIES[n % len(COUNTRIES)]
        organisation = Organisation.objects.create(
            name=f"Bench organisation {n + 1}",
            type=OrganisationType.LOCAL_AUTHORITY,
            sector=Sector.PUBLIC if n % 4 else Sector.PRIVATE,
            country_id=country,
        )
        partners.append(
            ProjectPartner.objects.create(
                project=project,
                organisation=organisation,
                role=PartnerRole.LEAD if n == 0 else PartnerRole.PARTNER,
                abbreviation=f"PP{n + 1}",
                order=n,
            )
        )
    PartnerBudgetLine.objects.bulk_create(
        PartnerBudgetLine(partner=p, category=c, period=period, amount=Decimal(1000 + 37 * n + 11 * period))
        for n, p in enumerate(partners)
        for c in CATEGORIES
        for period in range(1, PERIODS + 1)
    )
    PartnerFund.objects.bulk_create(
        PartnerFund(partner=p, fund=Fund.IPA if p.organisation.country_id == "RS" else Fund.ERDF, rate=Decimal(80))
        for p in partners
    )
    overview = project_budget(project)  # the one computation: totals, co-financing and own contribution
    for partner in overview.partners:
        computed = partner.computed_budget
        half = (computed.own_contribution / 2).quantize(Decimal("0.01"))
        PartnerContribution.objects.bulk_create(
            [
                PartnerContribution(partner=partner, kind=ContributionKind.PUBLIC, source="Own budget", amount=half),
                PartnerContribution(
                    partner=partner,
                    kind=ContributionKind.PRIVATE,
                    source="Sponsors",
                    amount=computed.own_contribution - half,
                ),
            ]
        )
        ProjectPartner.objects.filter(pk=partner.pk).update(
            budget=computed.total, cofinancing_rate=computed.cofinancing_rate
        )
    for number in range(1, WORK_PACKAGES + 1):
        package = WorkPackage.objects.create(
            project=project,
            number=number,
            title=f"Work package {number}",
            objectives="What the work package achieves.",
            responsible=partners[number % PARTNERS],
            start_period=1,
            end_period=PERIODS,
        )
        package.partners.set(partners)
        for a in range(1, ACTIVITIES + 1):
            activity = Activity.objects.create(
                work_package=package, number=a, title=f"Activity {number}.{a}", start_period=a, end_period=PERIODS
            )
            activity.partners.set(partners[a::3])
            Deliverable.objects.create(activity=activity, number=1, title=f"Deliverable {number}.{a}", period=PERIODS)
        for o, indicator in enumerate(outputs[:2], 1):
            ProjectOutput.objects.create(
                work_package=package, number=o, indicator=indicator, title="Output", target_value=2, period=PERIODS
            )
    for r, indicator in enumerate(results, 1):
        ProjectResult.objects.create(project=project, number=r, indicator=indicator, target_value=3, period=PERIODS)
    return project, user


def pages(project: Project) -> list[tuple[str, list[str]]]:
    """(page, its URLs): the pages of the issue that exist in the code being measured."""
    found = []
    for name in ("projects:budget", "projects:check", "projects:summary"):
        with contextlib.suppress(NoReverseMatch):
            found.append((name, [reverse(name, args=[project.pk])]))
    partner_urls = []
    for partner in project.partners.order_by("order"):
        try:
            partner_urls.append(reverse("projects:partner_budget", args=[project.pk, partner.pk]))
        except NoReverseMatch:
            break
    if partner_urls:
        found.append(("projects:partner_budget", partner_urls))
    return found


def measure(client: Client, urls: list[str], requests: int) -> dict:
    for url in urls[:10] * 2:  # warm-up: templates, caches, connection
        client.get(url)
    with CaptureQueriesContext(connection) as queries:
        status = client.get(urls[0]).status_code
    count = len(queries)  # now: the next request empties the connection's query log
    timings = []
    for n in range(requests):
        started = time.perf_counter()
        response = client.get(urls[n % len(urls)])
        timings.append((time.perf_counter() - started) * 1000)
        status = max(status, response.status_code)
    return {
        "queries": count,
        "status": status,
        "p50": percentile(timings, 0.5),
        "p95": percentile(timings, 0.95),
        "urls": len(urls),
        "requests": requests,
    }


def main(requests: int) -> dict:
    project, user = application()
    client = Client()
    client.force_login(user)
    return {name: measure(client, urls, requests) for name, urls in pages(project)}


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)))
