"""The statistics' figures equal counts made here from the ORM, row by row; unpublished applications never count."""

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

import pytest

from partnerships.models import ProjectPartner
from projects.models import Project
from projects.statistics import TOP_ORGANISATIONS, statistics_compute

pytestmark = pytest.mark.django_db
CENT = Decimal("0.01")


def cents(value) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


class Tally:
    """Projects (distinct), partners, budget and EU funding of one group, counted partner by partner."""

    def __init__(self):
        self.projects, self.partners, self.budget, self.eu = set(), 0, Decimal(0), Decimal(0)

    def add(self, partner):
        self.projects.add(partner.project_id)
        self.partners += 1
        self.budget += partner.budget
        self.eu += partner.budget * partner.cofinancing_rate / 100

    def add_project(self, project):
        self.projects.add(project.pk)

    def figures(self) -> tuple:
        return len(self.projects), self.partners, cents(self.budget), cents(self.eu)


def expected(programme=None) -> dict:
    projects = Project.objects.public()
    if programme is not None:
        projects = projects.filter(programme=programme)
    projects = list(projects.select_related("specific_objective"))
    partners = list(ProjectPartner.objects.filter(project__in=projects).select_related("organisation", "project"))
    groups = {name: defaultdict(Tally) for name in ("total", "objective", "year", "country", "type", "organisation")}
    for project in projects:
        objective = project.specific_objective
        key = None if objective is None else objective.code if programme is None else objective.pk
        for name, value in (
            ("total", "all"),
            ("objective", key),
            ("year", project.start_date.year if project.start_date else None),
        ):
            groups[name][value].add_project(project)
            for partner in partners:
                if partner.project_id == project.pk:
                    groups[name][value].add(partner)
    for partner in partners:
        groups["country"][partner.organisation.country_id].add(partner)
        groups["type"][partner.organisation.type].add(partner)
        groups["organisation"][partner.organisation_id].add(partner)
    return {name: {key: tally.figures() for key, tally in group.items()} for name, group in groups.items()}


def shown(rows) -> dict:
    return {row.key: (row.projects, row.partners, row.budget, row.eu_funding) for row in rows}


def partners_of(groups: dict) -> dict:
    """Partners, budget and EU funding of each group (countries and types have no project column)."""
    return {key: figures[1:] for key, figures in groups.items()}


def money_shown(rows) -> dict:
    return {row.key: (row.partners, row.budget, row.eu_funding) for row in rows}


@pytest.mark.parametrize("scope", [None, "danube", "alpine", "central"])
def test_every_figure_equals_a_count_made_from_the_orm(world, scope):
    programme = getattr(world, scope) if scope else None
    figures = statistics_compute(programme.pk if programme else None)
    want = expected(programme)
    assert (figures.projects, figures.partners, figures.budget, figures.eu_funding) == want["total"]["all"]
    assert shown(figures.objectives) == want["objective"]
    assert shown(figures.years) == want["year"]
    assert money_shown(figures.countries) == partners_of(want["country"])
    assert money_shown(figures.types) == partners_of(want["type"])
    assert figures.organisations == len(want["organisation"])
    ranked = sorted(want["organisation"].items(), key=lambda item: (-item[1][0], -item[1][2], item[0]))
    assert shown(figures.top_organisations) == dict(ranked[:TOP_ORGANISATIONS])
    assert [row.key for row in figures.top_organisations] == [key for key, _ in ranked[:TOP_ORGANISATIONS]]


def test_the_world_has_the_figures_worked_out_by_hand(world):
    figures = statistics_compute()
    assert (figures.projects, figures.partners, figures.organisations) == (6, 14, 5)
    # 800,000.50 + 400,000 + 100,000.25 + 733,333.33 + 120,000 + 1,000,000
    assert figures.budget == Decimal("3153334.08")
    # 320,000 + 240,000 + 85,000.425 | 200,000 + 90,000 | 72,000 + 8,000.20 | 549,999.9975 | 102,000 | 512,000 + 252,000
    assert figures.eu_funding == Decimal("2431000.62")
    assert figures.cofinancing_rate == Decimal("77.1")
    by_code = {row.key: row.projects for row in figures.objectives}
    assert by_code == {"RSO2.1": 3, "RSO2.4": 1, None: 2}  # the danube and alpine RSO2.1 together
    assert [(row.key, row.projects) for row in figures.years] == [(2019, 1), (2021, 2), (2023, 2), (None, 1)]
    assert [row.name for row in figures.top_organisations][:2] == ["City of Vienna", "Brno University"]
    danube = statistics_compute(world.danube.pk)
    assert {row.key for row in danube.objectives} == {world.objectives.energy.pk, world.objectives.climate.pk}
    assert danube.projects == 3


def test_unpublished_applications_are_never_counted(world):
    for programme in (None, world.danube.pk):
        figures = statistics_compute(programme)
        assert "HU" not in {row.key for row in figures.countries}
        assert "large_enterprise" not in {row.key for row in figures.types}
        assert world.hidden_org.pk not in {row.key for row in figures.top_organisations}
        assert 2020 not in {row.key for row in figures.years}
    vienna = next(row for row in statistics_compute().top_organisations if row.key == world.vienna.pk)
    assert vienna.projects == 5  # and not its two unpublished applications


def test_a_programme_without_public_projects_has_zero_figures(world):
    figures = statistics_compute(world.empty.pk)
    assert (figures.projects, figures.partners, figures.organisations, figures.budget) == (0, 0, 0, Decimal(0))
    assert figures.cofinancing_rate is None
    assert figures.objectives == figures.years == figures.countries == figures.types == []
