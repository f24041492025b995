"""Programme indicators are reference data staff keep in their workspace (and, scoped, in the admin)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from interact_portal.audit.models import AuditEntry
from programmes.models import Indicator, StaffRole
from tests.factories import ProgrammeFactory, SpecificObjectiveFactory
from tests.staff.conftest import staff_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(db):
    programme = ProgrammeFactory()
    objective = SpecificObjectiveFactory(priority__programme=programme)
    return programme, objective, staff_member(programme, StaffRole.OFFICER)


def data(objective, **changes) -> dict:
    values = {"code": "RCO 84", "name_en": "Pilot actions developed jointly", "unit": "pilot actions", "kind": "output"}
    values["objectives"] = [objective.pk]
    return values | changes


def test_an_officer_adds_and_edits_an_indicator_of_the_programme(client, desk):
    programme, objective, officer = desk
    client.force_login(officer)
    response = client.post(reverse("staff:indicator_new", args=[programme.slug]), data(objective))
    assert response.status_code == 302
    indicator = programme.indicators.get()
    assert (indicator.code, indicator.kind, list(indicator.objectives.all())) == ("RCO 84", "output", [objective])
    edit = reverse("staff:indicator_edit", args=[programme.slug, indicator.pk])
    assert client.post(edit, data(objective, name_en="Pilot actions", kind="result")).status_code == 302
    indicator.refresh_from_db()
    assert indicator.name == "Pilot actions" and indicator.kind == "result"
    assert AuditEntry.objects.filter(action="indicator.saved", target_id=str(indicator.pk)).count() == 2
    assert "RCO 84" in client.get(reverse("staff:indicators", args=[programme.slug])).content.decode()


def test_indicator_code_unique_per_programme(client, desk):
    programme, objective, officer = desk
    Indicator.objects.create(programme=programme, code="RCO 84", name="x", unit="y", kind="output")
    Indicator.objects.create(programme=ProgrammeFactory(), code="RCO 87", name="x", unit="y", kind="output")
    client.force_login(officer)
    response = client.post(reverse("staff:indicator_new", args=[programme.slug]), data(objective, code="rco  84"))
    assert response.status_code == 400
    assert "Another indicator" in " ".join(response.context["form"].errors["code"])
    other = client.post(reverse("staff:indicator_new", args=[programme.slug]), data(objective, code="RCO 87"))
    assert other.status_code == 302  # another programme's code is no conflict


def test_an_indicator_links_only_the_programmes_own_objectives(client, desk):
    programme, objective, officer = desk
    foreign = SpecificObjectiveFactory()
    client.force_login(officer)
    response = client.post(
        reverse("staff:indicator_new", args=[programme.slug]), data(objective, objectives=[foreign.pk])
    )
    assert response.status_code == 400 and "objectives" in response.context["form"].errors
    assert not Indicator.objects.exists()


def test_an_assessor_sees_the_indicators_but_cannot_add_one(client, desk):
    programme, objective, _officer = desk
    assessor = staff_member(programme, StaffRole.ASSESSOR)
    client.force_login(assessor)
    assert client.get(reverse("staff:indicators", args=[programme.slug])).status_code == 200
    assert client.post(reverse("staff:indicator_new", args=[programme.slug]), data(objective)).status_code == 403
    assert not Indicator.objects.exists()


def test_the_indicator_list_costs_the_same_queries_with_more_indicators(client, desk, django_assert_num_queries):
    programme, objective, officer = desk
    client.force_login(officer)
    url = reverse("staff:indicators", args=[programme.slug])
    Indicator.objects.create(programme=programme, code="RCO 1", name="x", unit="y", kind="output").objectives.add(
        objective
    )
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(2, 21):
        indicator = Indicator.objects.create(programme=programme, code=f"RCO {n}", name="x", unit="y", kind="result")
        indicator.objectives.add(objective, SpecificObjectiveFactory(priority=objective.priority))
    with django_assert_num_queries(len(few)):
        assert client.get(url).status_code == 200


def test_the_indicator_form_costs_the_same_queries_with_more_objectives(client, desk, django_assert_num_queries):
    programme, objective, officer = desk
    indicator = Indicator.objects.create(programme=programme, code="RCO 1", name="x", unit="y", kind="output")
    indicator.objectives.add(objective)
    client.force_login(officer)
    url = reverse("staff:indicator_edit", args=[programme.slug, indicator.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _n in range(19):
        indicator.objectives.add(SpecificObjectiveFactory(priority=objective.priority))
    with django_assert_num_queries(len(few)):
        assert client.get(url).status_code == 200
