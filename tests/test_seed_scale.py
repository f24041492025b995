"""The scale data's budgets: lines by category and period adding up to each partner's stored budget."""

import pytest

from interact_portal.demo.scale import Sizes, scale_seed
from partnerships.budget import project_budget
from partnerships.models import PartnerBudgetLine
from programmes.reference import countries_ensure
from projects.models import Project

pytestmark = pytest.mark.django_db

TINY = Sizes(programmes=5, projects=60, partners=240, organisations=600, events=1, registrations=1)


def test_scale_budget_lines_add_up_to_each_partners_budget():
    countries_ensure()
    written = scale_seed(sizes=TINY, seed=3, log=lambda _: None)
    assert written["budget lines"] == PartnerBudgetLine.objects.count() > 2 * TINY.partners
    assert written["partner funds"] == TINY.partners
    checked = 0
    for project in Project.objects.select_related("call"):
        overview = project_budget(project)
        for partner in overview.partners:
            computed = partner.computed_budget
            assert (computed.total, computed.cofinancing_rate) == (partner.budget, partner.cofinancing_rate)
            checked += 1
    assert checked == TINY.partners
    lines = PartnerBudgetLine.objects.values_list("category", "period").distinct()
    assert {c for c, _p in lines} >= {"staff", "external"} and {p for _c, p in lines} >= {1, 2, 3}
    assert not Project.objects.filter(description__isnull=True).exists()
    assert not Project.objects.exclude(description__context="").filter(description__durability="").exists()
