"""Scale data at keep.eu size, loaded with COPY: programmes, organisations, projects and partners, events.

Deterministic for a given seed. Distributions: countries weighted like Interreg participation, partnerships of
2–15 partners (about 5 on average) from the programme's countries, budgets spread over two orders of magnitude,
dates inside the programme period, most projects public (approved, contracted, closed) and some never public.
"""

import random
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from django.db import connection

from events.choices import EventFormat, EventStatus, EventType, RegistrationStatus
from events.models import Event, Registration
from partnerships.choices import MemberCategory, PartnerRole, Voting
from partnerships.models import Organisation, ProgrammeMembership, ProjectPartner
from programmes.choices import BodyKind, Period, Strand
from programmes.models import Call, Country, NutsRegion, Office, Priority, Programme, ProgrammeBody, SpecificObjective
from projects.models import Project
from projects.search_index import search_index_refresh
from projects.workflow import Status

from . import scale_text
from .bulk_copy import copy_rows, copy_values, next_ids

SLUG_PREFIX = "scale-"
# the scale calls report once a year: budgets by year keep 100,000 projects at about 2.3 million budget lines
REPORTING_MONTHS = 12
PERIOD_YEARS = {Period.P2000: 2000, Period.P2007: 2007, Period.P2014: 2014, Period.P2021: 2021}
# (status, weight) per period: older periods are closed; the current one still has applications in the pipeline.
STATUSES = {
    Period.P2021: [
        (Status.CONTRACTED, 50),
        (Status.APPROVED, 12),
        (Status.DRAFT, 10),
        (Status.SUBMITTED, 6),
        (Status.INELIGIBLE, 4),
        (Status.NOT_APPROVED, 8),
        (Status.CLOSED, 10),
    ],
    "older": [(Status.CLOSED, 90), (Status.NOT_APPROVED, 6), (Status.INELIGIBLE, 4)],
}
COUNTRY_WEIGHTS = {
    "DE": 14,
    "IT": 12,
    "FR": 11,
    "ES": 10,
    "PL": 7,
    "AT": 6,
    "HU": 5,
    "CZ": 5,
    "SK": 4,
    "SI": 4,
    "HR": 4,
    "RO": 4,
    "NL": 5,
    "BE": 4,
    "SE": 4,
    "FI": 3,
    "DK": 3,
    "PT": 4,
    "GR": 4,
    "BG": 3,
    "LT": 2,
    "LV": 2,
    "EE": 2,
    "IE": 2,
    "LU": 1,
    "CY": 1,
    "MT": 1,
    "NO": 2,
    "CH": 2,
}


@dataclass(frozen=True)
class Sizes:
    programmes: int = 300
    projects: int = 100_000
    partners: int = 500_000
    organisations: int = 50_000
    events: int = 2_000
    registrations: int = 200_000


def scale_seed(*, sizes: Sizes, seed: int, log=print) -> dict[str, int]:
    """Load the scale data (call inside a transaction); returns the rows written per table."""
    rng = random.Random(seed)
    countries = [c for c in COUNTRY_WEIGHTS if Country.objects.filter(code=c).exists()]
    regions = _regions_ensure(countries)
    written = {}
    programmes = _programmes(rng, sizes.programmes, countries)
    written["programmes"] = len(programmes)
    written["organisations"], orgs_by_country = _organisations(rng, sizes.organisations, countries, regions)
    written["memberships"] = _committees(rng, programmes, orgs_by_country)
    log(f"  programmes, bodies and {written['organisations']:,} organisations")
    projects, partners = _projects(rng, sizes, programmes, orgs_by_country)
    written["projects"], written["partners"] = len(projects), len(partners)
    log(f"  {written['projects']:,} projects with {written['partners']:,} partner rows")
    started = time.monotonic()
    budget_rng = random.Random(f"{seed}-budgets")  # its own stream: the rows above stay as they were
    written["budget lines"], written["partner funds"] = _budgets(budget_rng, projects, partners)
    written["descriptions"] = _descriptions(budget_rng, projects)
    log(
        f"  {written['budget lines']:,} budget lines, {written['partner funds']:,} partner funds, "
        f"{written['descriptions']:,} project descriptions ({time.monotonic() - started:.0f} s)"
    )
    written["events"], written["registrations"] = _events(rng, sizes.events, sizes.registrations, countries)
    log(f"  {written['events']:,} events with {written['registrations']:,} registrations")
    written["indexed"] = search_index_refresh()
    log(f"  search index of {written['indexed']:,} public projects")
    return written


def _regions_ensure(countries: list[str]) -> dict[str, list[int]]:
    """NUTS 2 regions per country: the imported ones, plus generated ones where a country has fewer than four."""
    for code in countries:
        existing = NutsRegion.objects.filter(country_id=code, level=2).count()
        if existing >= 4:
            continue
        root, _ = NutsRegion.objects.get_or_create(code=code, defaults={"level": 0, "name": code, "country_id": code})
        for n in range(1, 3):
            level1, _ = NutsRegion.objects.get_or_create(
                code=f"{code}{n}",
                defaults={"level": 1, "name": f"{code} macro-region {n}", "parent": root, "country_id": code},
            )
            for m in range(1, 4):
                NutsRegion.objects.get_or_create(
                    code=f"{code}{n}{m}",
                    defaults={"level": 2, "name": f"{code} region {n}{m}", "parent": level1, "country_id": code},
                )
    regions: dict[str, list[int]] = {}
    for pk, country in NutsRegion.objects.filter(country_id__in=countries, level=2).values_list("pk", "country_id"):
        regions.setdefault(country, []).append(pk)
    return regions


@dataclass
class _Programme:
    pk: int
    period: str
    countries: list[str]
    objectives: list[int]
    calls: list[int]


def _programmes(rng: random.Random, count: int, countries: list[str]) -> list[_Programme]:
    strands = [Strand.CROSS_BORDER] * 6 + [Strand.TRANSNATIONAL] * 2 + [Strand.INTERREGIONAL, Strand.OUTERMOST]
    ids = next_ids(Programme, count)
    rows, members, result = [], [], []
    periods = list(PERIOD_YEARS)
    for n, pk in enumerate(ids):
        strand = rng.choice(strands)
        size = {Strand.CROSS_BORDER: 2, Strand.OUTERMOST: 2}.get(strand, rng.randint(5, 12))
        chosen = rng.sample(countries, size) if strand != Strand.INTERREGIONAL else list(countries)
        period = periods[n % len(periods)]
        rows.append(
            {
                "id": pk,
                "name": f"Interreg {'-'.join(chosen[:3])} {period} no. {n + 1}",
                "slug": f"{SLUG_PREFIX}{n + 1}",
                "period": period,
                "strand": strand,
                "total_budget": Decimal(rng.randint(20, 400) * 1_000_000),
                "eu_cofinancing_rate": Decimal(rng.choice((60, 70, 80, 85))),
                "description": f"A {Strand(strand).label.lower()} programme of the {period} period.",
            }
        )
        members += [{"programme_id": pk, "country_id": c} for c in chosen]
        result.append(_Programme(pk, period, chosen, [], []))
    copy_rows(Programme, rows)
    through = Programme.countries.through
    copy_rows(through, ({"id": i, **m} for i, m in zip(next_ids(through, len(members)), members, strict=True)))
    _structure(rng, result)
    return result


def _structure(rng: random.Random, programmes: list[_Programme]) -> None:
    """Priorities, specific objectives, calls, offices and bodies of each programme."""
    priorities, objectives, calls, offices, bodies = [], [], [], [], []
    priority_ids = iter(next_ids(Priority, len(programmes) * 4))
    objective_ids = iter(next_ids(SpecificObjective, len(programmes) * 4 * 2))
    call_ids = iter(next_ids(Call, len(programmes) * 2))
    for p in programmes:
        for n in range(1, 5):
            priority = next(priority_ids)
            word, topic = scale_text.TOPICS[(p.pk + n) % len(scale_text.TOPICS)]
            priorities.append({"id": priority, "programme_id": p.pk, "code": f"P{n}", "title": f"A {word} region"})
            for m in range(1, 3):
                objective = next(objective_ids)
                p.objectives.append(objective)
                objectives.append(
                    {
                        "id": objective,
                        "priority_id": priority,
                        "code": f"SO{n}.{m}",
                        "title": f"Improving {topic}" if m == 1 else f"Cooperation on {topic}",
                    }
                )
        start = datetime(PERIOD_YEARS[p.period] + 1, 3, 1, 9, tzinfo=UTC)
        for n in range(2):
            call = next(call_ids)
            p.calls.append(call)
            opens = start + timedelta(days=365 * n)
            calls.append(
                {
                    "id": call,
                    "programme_id": p.pk,
                    "reference": f"C{n + 1}",
                    "title": f"Call {n + 1}",
                    "opens_at": opens,
                    "closes_at": opens + timedelta(days=90),
                    "budget": Decimal(20_000_000),
                    "max_cofinancing_rate": Decimal(80),
                    "is_published": True,
                    "reporting_period_months": REPORTING_MONTHS,
                }
            )
        offices.append(
            {
                "programme_id": p.pk,
                "name": "Joint secretariat",
                "city": "Secretariat city",
                "country_id": p.countries[0],
            }
        )
        bodies.append({"programme_id": p.pk, "kind": BodyKind.MONITORING_COMMITTEE, "name": "Monitoring committee"})
    copy_rows(Priority, priorities)
    copy_rows(SpecificObjective, objectives)
    copy_rows(Call, calls)
    copy_rows(Office, ({"id": i, **o} for i, o in zip(next_ids(Office, len(offices)), offices, strict=True)))
    copy_rows(
        ProgrammeBody, ({"id": i, **b} for i, b in zip(next_ids(ProgrammeBody, len(bodies)), bodies, strict=True))
    )


def _organisations(rng, count, countries, regions) -> tuple[int, dict[str, list[int]]]:
    weights = [COUNTRY_WEIGHTS[c] for c in countries]
    by_country: dict[str, list[int]] = {c: [] for c in countries}
    rows = []
    for pk in next_ids(Organisation, count):
        country = rng.choices(countries, weights)[0]
        name, kind, sector = scale_text.organisation(rng, country, pk)
        region = rng.choice(regions[country]) if country in regions and rng.random() < 0.9 else None
        rows.append(
            {"id": pk, "name": name, "type": kind, "sector": sector, "country_id": country, "nuts_region_id": region}
        )
        by_country[country].append(pk)
    return copy_rows(Organisation, rows), by_country


def _committees(rng, programmes, orgs_by_country) -> int:
    """Each programme's monitoring committee: members of several categories from its countries."""
    bodies = dict(
        ProgrammeBody.objects.filter(programme_id__in=[p.pk for p in programmes]).values_list("programme_id", "pk")
    )
    categories = list(MemberCategory)
    rows = []
    for p in programmes:
        seen = set()
        for country in p.countries[:6]:
            for category in rng.sample(categories, 4):
                organisation = rng.choice(orgs_by_country[country])
                if organisation in seen:
                    continue
                seen.add(organisation)
                rows.append(
                    {
                        "organisation_id": organisation,
                        "body_id": bodies[p.pk],
                        "member_category": category,
                        "country_id": country,
                        "term_start": date(PERIOD_YEARS[p.period], 1, 1),
                        "voting": Voting.ADVISORY if category == MemberCategory.EU_INSTITUTION else Voting.VOTING,
                    }
                )
    return copy_rows(
        ProgrammeMembership,
        ({"id": i, **r} for i, r in zip(next_ids(ProgrammeMembership, len(rows)), rows, strict=True)),
    )


def _partner_counts(rng: random.Random, projects: int, partners: int) -> list[int]:
    """2–15 partners per project, adjusted so the total is exactly ``partners`` (when that is possible)."""
    mean = partners / max(projects, 1)
    counts = [min(15, max(2, round(rng.gammavariate(4, mean / 4)))) for _ in range(projects)]
    difference = partners - sum(counts)
    step = 1 if difference > 0 else -1
    i = 0
    while difference and projects:
        j = i % projects
        if 2 <= counts[j] + step <= 15:
            counts[j] += step
            difference -= step
        i += 1
        if i > projects * 30:
            break
    return counts


def _projects(rng, sizes: Sizes, programmes, orgs_by_country) -> tuple[list[dict], list[dict]]:
    counts = _partner_counts(rng, sizes.projects, sizes.partners)
    project_rows, partner_rows = [], []
    partner_ids = iter(next_ids(ProjectPartner, sum(counts)))
    for pk, n_partners in zip(next_ids(Project, sizes.projects), counts, strict=True):
        p = rng.choice(programmes)
        statuses = STATUSES[Period.P2021] if p.period == Period.P2021 else STATUSES["older"]
        status = rng.choices([s for s, _ in statuses], [w for _, w in statuses])[0]
        start = date(PERIOD_YEARS[p.period] + rng.randint(0, 5), rng.randint(1, 12), 1)
        months = rng.choice((18, 24, 30, 36, 42))
        dated = status in (Status.CONTRACTED, Status.CLOSED)
        title, summary = scale_text.title_and_summary(rng, n_partners)
        project_rows.append(
            {
                "id": pk,
                "programme_id": p.pk,
                "call_id": rng.choice(p.calls),
                "acronym": scale_text.acronym(rng),
                "title": title,
                "summary": summary,
                "specific_objective_id": rng.choice(p.objectives),
                "duration_months": months,
                "status": status,
                "start_date": start if dated else None,
                "end_date": start + timedelta(days=months * 30) if dated else None,
                # a third of the closed projects published their results (the "results available" facet at scale);
                # no random draw, so the rest of the data stays as it was for a given seed
                "has_results": status == Status.CLOSED and pk % 3 == 0,
            }
        )
        for order in range(n_partners):
            country = p.countries[0] if order == 0 else rng.choice(p.countries)
            partner_rows.append(
                {
                    "id": next(partner_ids),
                    "project_id": pk,
                    "organisation_id": rng.choice(orgs_by_country[country]),
                    "role": PartnerRole.LEAD if order == 0 else PartnerRole.PARTNER,
                    "abbreviation": f"PP{order + 1}",
                    "budget": Decimal(int(rng.lognormvariate(12, 0.8))),
                    "cofinancing_rate": Decimal(80),
                    "order": order,
                }
            )
    copy_rows(Project, project_rows)
    copy_rows(ProjectPartner, partner_rows)
    return project_rows, partner_rows


# Budget shapes by cost category (Regulation (EU) 2021/1059 arts. 39–44): the share of each typed category in a
# partner's budget, spread over the reporting periods ("each" period, one "middle" period, "some" periods).
PROFILES = [
    (60, [("staff", 68, "each"), ("external", 32, "middle")]),
    (25, [("staff", 50, "each"), ("external", 50, "each")]),
    (15, [("staff", 40, "each"), ("external", 15, "some"), ("equipment", 10, "middle"),
          ("infrastructure", 35, "middle")]),
]  # fmt: skip
RAMP = {1: [1], 2: [4, 5]}  # the first period is lighter (start-up), the last one a little lighter (closure)


def _period_weights(n: int) -> list[int]:
    return RAMP.get(n) or [6, *([10] * (n - 2)), 8]


def _shapes(periods: int) -> list[tuple[list[tuple[str, int, int]], int]]:
    """Every profile's cells for `periods` periods: (category, period, weight), and the sum of the weights."""
    shapes = []
    for _share, categories in PROFILES:
        cells = []
        ramp = _period_weights(periods)
        for category, share, spread in categories:
            if spread == "each":
                chosen = list(range(1, periods + 1))
            elif spread == "middle":
                chosen = [(periods + 1) // 2]
            else:
                chosen = list(range(1, periods + 1, 2)) if periods > 2 else [1]
            ramp_sum = sum(ramp[p - 1] for p in chosen)
            cells += [(category, p, share * 1000 * ramp[p - 1] // ramp_sum) for p in chosen]
        shapes.append((cells, sum(w for *_cp, w in cells)))
    return shapes


def _budgets(rng, projects: list[dict], partners: list[dict]) -> tuple[int, int]:
    """Each partner's budget by cost category and period: typed amounts adding up to the partner's stored budget
    (the scale calls have no flat rates, so the computed total is the sum of the lines); ERDF pays its rate."""
    from partnerships.models import PartnerBudgetLine, PartnerFund

    months = {p["id"]: p["duration_months"] for p in projects}
    shapes: dict[int, list] = {}
    weights = [share for share, _c in PROFILES]
    choices = range(len(PROFILES))

    def lines():
        for partner in partners:
            periods = -(-months[partner["project_id"]] // REPORTING_MONTHS)
            if periods not in shapes:
                shapes[periods] = _shapes(periods)
            cells, total_weight = shapes[periods][rng.choices(choices, weights)[0]]
            budget = int(partner["budget"])
            amounts = [budget * weight // total_weight for *_cp, weight in cells]
            amounts[0] += budget - sum(amounts)  # the euros lost to rounding go to the first staff line
            pk = partner["id"]
            for (category, period, _w), amount in zip(cells, amounts, strict=True):
                yield (pk, category, period, amount)

    columns = ["partner_id", "category", "period", "amount"]
    lines_written = copy_values(PartnerBudgetLine, columns, lines())
    funds = ((p["id"], "erdf", p["cofinancing_rate"]) for p in partners)
    return lines_written, copy_values(PartnerFund, ["partner_id", "fund", "rate"], funds)


def _descriptions(rng, projects: list[dict]) -> int:
    from projects.models import ProjectDescription

    ids = iter(next_ids(ProjectDescription, len(projects)))
    rows = ({"id": next(ids), "project_id": p["id"], **scale_text.description(rng, p["title"])} for p in projects)
    return copy_rows(ProjectDescription, rows)


def _events(rng, count: int, registrations: int, countries: list[str]) -> tuple[int, int]:
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    users = list(next_ids(user_model, max(registrations // 10, 1)))
    copy_rows(user_model, ({"id": pk, "email": f"scale-user-{pk}@example.org", "password": "!"} for pk in users))
    rows = []
    event_ids = list(next_ids(Event, count))
    for n, pk in enumerate(event_ids):
        starts = datetime(2019, 1, 7, 10, tzinfo=UTC) + timedelta(days=rng.randint(0, 365 * 8))
        rows.append(
            {
                "id": pk,
                "title": f"{rng.choice(scale_text.ADJECTIVES)} {rng.choice(scale_text.TOPICS)[1]} webinar",
                "slug": f"{SLUG_PREFIX}event-{n + 1}",
                "type": rng.choice(list(EventType)),
                "format": rng.choice(list(EventFormat)),
                "starts_at": starts,
                "ends_at": starts + timedelta(hours=2),
                "capacity": rng.choice((50, 100, 200, 500)),
                "registration_opens_at": starts - timedelta(days=60),
                "registration_closes_at": starts - timedelta(hours=1),
                "status": EventStatus.PUBLISHED,
            }
        )
    copy_rows(Event, rows)
    per_event = registrations // max(count, 1)
    statuses = [RegistrationStatus.CONFIRMED] * 7 + [RegistrationStatus.ATTENDED] * 2 + [RegistrationStatus.CANCELLED]
    registration_rows = (
        {"event_id": event, "user_id": user, "status": rng.choice(statuses), "country_id": rng.choice(countries)}
        for event in event_ids
        for user in rng.sample(users, min(per_event, len(users)))
    )
    total = per_event * count
    ids = iter(next_ids(Registration, total))
    written = copy_rows(Registration, ({"id": next(ids), **r} for r in registration_rows))
    return count, written


def scale_loaded() -> bool:
    return Programme.objects.filter(slug__startswith=SLUG_PREFIX).exists()


def analyze() -> None:
    """Statistics for the planner, and the GIN pending lists merged (outside a transaction)."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
