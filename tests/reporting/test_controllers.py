"""Controller assignment: the programme's managers assign a controller to a partner or a country, list and remove
assignments; bad input is refused by the field."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programmes.models import ProgrammeStaff, StaffRole
from projects.models import ControllerAssignment
from projects.reporting_access import controllers_of
from projects.services.controllers import controller_assign
from tests.factories import CountryFactory, ProgrammeFactory, UserFactory

pytestmark = pytest.mark.django_db


def url(contracted):
    return reverse("staff:controllers", args=[contracted.programme.slug, contracted.project.pk])


@pytest.mark.parametrize(
    ("who", "status"), [("programme_manager", 200), ("staff", 403), ("finance", 403), ("controller", 404)]
)
def test_controllers_page_access(client, contracted, who, status):
    client.force_login(getattr(contracted, who))
    response = client.get(url(contracted))
    assert response.status_code == status
    if status == 403:
        assert "assign controllers" in response.content.decode()


def test_assign_to_a_partner_list_and_remove(client, contracted):
    client.force_login(contracted.programme_manager)
    response = client.post(url(contracted), {"controller": contracted.controller2.pk, "partner": contracted.partner.pk})
    assert response.status_code == 302
    assignment = ControllerAssignment.objects.get(partner=contracted.partner)
    assert assignment.assigned_by == contracted.programme_manager
    # the partner's own assignment wins over its country's
    assert list(controllers_of(contracted.partner)) == [contracted.controller2]
    page = client.get(url(contracted)).content.decode()
    assert "Carl Controller" in page and "PP2" in page
    remove = reverse("staff:controller_remove", args=[contracted.programme.slug, contracted.project.pk, assignment.pk])
    client.force_login(contracted.staff)
    assert client.post(remove).status_code == 403
    client.force_login(contracted.programme_manager)
    assert client.post(remove).status_code == 302
    assert not ControllerAssignment.objects.filter(partner=contracted.partner).exists()


def test_assign_to_a_country(client, contracted):
    other_country = CountryFactory(code="HU")
    contracted.programme.countries.add(other_country)
    client.force_login(contracted.programme_manager)
    response = client.post(url(contracted), {"controller": contracted.controller.pk, "country": other_country.pk})
    assert response.status_code == 302
    assert ControllerAssignment.objects.filter(controller=contracted.controller, country=other_country).exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"partner": "lead"}, None),  # neither target
        ({"partner": "partner", "country": "austria"}, "partner"),  # both targets
        ({"country": "austria"}, "controller"),  # duplicate: Clara controls Austria already
    ],
)
def test_bad_assignments_are_refused_by_the_field(client, contracted, data, field):
    client.force_login(contracted.programme_manager)
    before = ControllerAssignment.objects.count()
    post = {"controller": contracted.controller.pk}
    for key, name in data.items():
        if key == "partner" and name == "lead" and field is None:
            continue
        post[key] = getattr(contracted, name).pk
    response = client.post(url(contracted), post)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert (field or "partner") in errors
    assert ControllerAssignment.objects.count() == before


def test_not_a_controller_of_this_programme(contracted):
    officer = contracted.staff
    with pytest.raises(ValidationError) as error:
        controller_assign(
            programme=contracted.programme, by=contracted.programme_manager, controller=officer, partner=contracted.lead
        )
    assert "not a controller" in str(error.value.message_dict["controller"])
    # a controller of another programme is offered nowhere and refused here too
    elsewhere = UserFactory()
    ProgrammeStaff.objects.create(programme=ProgrammeFactory(), user=elsewhere, role=StaffRole.CONTROLLER)
    with pytest.raises(ValidationError):
        controller_assign(
            programme=contracted.programme,
            by=contracted.programme_manager,
            controller=elsewhere,
            partner=contracted.lead,
        )
    # nor may a partner or country outside the programme be assigned
    with pytest.raises(ValidationError) as error:
        controller_assign(
            programme=contracted.programme,
            by=contracted.programme_manager,
            controller=contracted.controller,
            country=CountryFactory(code="FR"),
        )
    assert "country" in error.value.message_dict


def test_the_form_offers_only_this_programme_s_controllers(client, contracted):
    elsewhere = UserFactory()
    ProgrammeStaff.objects.create(programme=ProgrammeFactory(), user=elsewhere, role=StaffRole.CONTROLLER)
    client.force_login(contracted.programme_manager)
    response = client.post(url(contracted), {"controller": elsewhere.pk, "partner": contracted.lead.pk})
    assert response.status_code == 400 and "controller" in response.context["form"].errors


def test_the_controllers_page_costs_the_same_queries_with_more_assignments(client, contracted):
    client.force_login(contracted.programme_manager)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(contracted)).status_code == 200
        return len(queries)

    count()
    few = count()
    for i in range(18):
        user = UserFactory()
        ProgrammeStaff.objects.create(programme=contracted.programme, user=user, role=StaffRole.CONTROLLER)
        ControllerAssignment.objects.create(
            programme=contracted.programme, controller=user, partner=contracted.partner if i % 2 else contracted.lead
        )
    assert count() == few
