"""The versions page and the diff page: who reads them (the project's collaborators and the programme's staff, not
controllers, nobody else), what bad version numbers get, the draft of an open modification, printing, and a query
count that does not grow with the application."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships.models import PartnerBudgetLine
from programmes.choices import StaffRole
from programmes.models import ProgrammeStaff
from projects.models import CollaboratorLevel, Project, VersionOrigin, WorkPackage
from projects.versions import version_capture
from tests.factories import CollaboratorFactory, ProgrammeFactory, ProjectPartnerFactory, UserFactory

pytestmark = pytest.mark.django_db


def capture(world):
    world.project.refresh_from_db()
    return version_capture(
        project=world.project, by=world.staff, origin=VersionOrigin.MODIFICATION, in_force_from=date.today()
    )


def versions_url(world) -> str:
    return reverse("projects:versions", args=[world.project.pk])


def diff_url(world, query: str = "from=1&to=2") -> str:
    return reverse("projects:version_diff", args=[world.project.pk]) + f"?{query}"


@pytest.fixture
def two(in_force):
    """Version 2: the title changed and the lead partner's staff costs of period 2 raised by 1,000."""
    Project.objects.filter(pk=in_force.project.pk).update(title="Cleaner air along the Danube, again")
    PartnerBudgetLine.objects.filter(partner=in_force.lead, category="staff", period=2).update(amount=Decimal("21000"))
    in_force.v2 = capture(in_force)
    return in_force


def _stranger(world):
    return UserFactory()


def _other_programme_staff(world):
    user = UserFactory()
    ProgrammeStaff.objects.create(programme=ProgrammeFactory(), user=user, role=StaffRole.MANAGER)
    return user


@pytest.mark.parametrize(
    ("who", "status"),
    [
        (lambda w: w.manager, 200),  # the project's manager
        (lambda w: w.partner_user, 200),  # a collaborator who only views
        (lambda w: w.staff, 200),  # the programme's officer
        (lambda w: w.programme_manager, 200),
        (lambda w: w.finance, 200),
        (lambda w: w.controller, 404),  # controllers see partner reports, never the application
        (_stranger, 404),
        (_other_programme_staff, 404),
    ],
    ids=["manager", "viewer", "officer", "programme_manager", "finance", "controller", "stranger", "other_staff"],
)
def test_who_reads_the_versions_and_the_diff(client, two, who, status):
    client.force_login(who(two))
    assert client.get(versions_url(two)).status_code == status
    assert client.get(diff_url(two)).status_code == status


def test_anonymous_people_are_sent_to_log_in(client, two):
    response = client.get(diff_url(two))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_the_versions_page_lists_each_version_with_a_link_to_its_diff(client, two):
    client.force_login(two.manager)
    page = client.get(versions_url(two)).content.decode()
    assert "<caption>Versions of the application</caption>" in page
    assert '<th scope="row">1</th>' in page and '<th scope="row">2</th>' in page
    assert "Contract" in page and "Modification" in page
    assert reverse("projects:version_diff", args=[two.project.pk]) + "?from=1&amp;to=2" in page


def test_the_diff_page_shows_the_changed_field_and_budget_cell(client, two):
    client.force_login(two.staff)
    page = client.get(diff_url(two)).content.decode()
    assert "what changed from version 1 to version 2" in page
    assert "Cleaner air along the Danube, again" in page
    assert "+€1,000.00" in page and "€21,000.00" in page
    assert 'role="region"' in page and '<th scope="col">' in page and "<caption>" in page
    assert 'class="breadcrumb no-print"' in page


def test_without_numbers_the_page_compares_the_last_two_versions(client, two):
    client.force_login(two.manager)
    response = client.get(reverse("projects:version_diff", args=[two.project.pk]))
    assert response.status_code == 200
    assert response.context["old"] == 1 and response.context["new"] == 2


def test_a_version_compared_with_itself_has_no_differences(client, two):
    client.force_login(two.manager)
    response = client.get(diff_url(two, "from=2&to=2"))
    assert response.status_code == 200
    assert response.context["diff"].empty
    assert "No differences" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("from=abc&to=2", 400),
        ("from=1&to=-2", 400),
        ("from=1.5&to=2", 400),
        ("from=%C2%B2&to=2", 400),  # "²"
        ("from=1&to=draft", 400),  # no modification open: no draft
        ("from=draft&to=2", 400),
        ("from=1&to=99", 404),
        ("from=0&to=2", 404),
        ("from=99999999999999999999&to=2", 404),
    ],
)
def test_bad_version_numbers_are_refused_with_a_reason_never_a_crash(client, two, query, status):
    client.force_login(two.manager)
    response = client.get(diff_url(two, query))
    assert response.status_code == status
    if status == 400:
        assert 'role="alert"' in response.content.decode()


def test_the_draft_of_an_open_modification_is_compared_with_the_version_in_force(client, two):
    Project.objects.filter(pk=two.project.pk).update(modification_open=True, acronym="DANUBE-AIR2")
    client.force_login(two.manager)
    response = client.get(diff_url(two, "from=2&to=draft"))
    assert response.status_code == 200
    assert ("identification", "", "changed", "Acronym", "DANUBE-AIR", "DANUBE-AIR2") in response.context["diff"].lines()
    assert len(response.context["diff"]) == 1
    assert "to the modification being prepared" in response.content.decode()
    assert "to=draft" in client.get(versions_url(two)).content.decode()


def test_staff_compare_the_draft_of_a_submitted_modification_before_deciding(client, two):
    """Submitted, the draft is no longer editable (modification_open is off) but is what staff decide on."""
    from projects.models import Modification

    Project.objects.filter(pk=two.project.pk).update(acronym="DANUBE-AIR2")
    client.force_login(two.staff)
    assert client.get(diff_url(two, "to=draft")).status_code == 400  # nothing under way: no draft
    Modification.objects.create(project=two.project, number=1, reason="Rename.", status="submitted")
    response = client.get(diff_url(two, "to=draft"))
    assert response.status_code == 200
    assert ("identification", "", "changed", "Acronym", "DANUBE-AIR", "DANUBE-AIR2") in response.context["diff"].lines()


def test_a_project_without_versions_lists_none_and_has_no_diff(client, two):
    other = ProjectPartnerFactory(project__programme=two.programme).project  # a draft of the same manager
    CollaboratorFactory(project=other, user=two.manager, level=CollaboratorLevel.MANAGE)
    client.force_login(two.manager)
    assert "No version yet" in client.get(reverse("projects:versions", args=[other.pk])).content.decode()
    assert client.get(reverse("projects:version_diff", args=[other.pk])).status_code == 404
    client.force_login(two.controller)
    assert client.get(reverse("projects:versions", args=[other.pk])).status_code == 404


def test_the_print_stylesheet_hides_the_navigation_and_keeps_tables_whole():
    css = (Path(settings.BASE_DIR) / "static" / "css" / "portal.css").read_text()
    printing = css[css.index("@media print") :]
    assert ".site-header" in printing and ".no-print" in printing
    assert ".table-scroll { overflow: visible; }" in printing


def _grow(world, partners: int, packages: int) -> None:
    """More partners (each with a budget in every period) and more work packages."""
    for n in range(partners):
        partner = ProjectPartnerFactory(project=world.project, abbreviation=f"GP{n}", order=10 + n)
        PartnerBudgetLine.objects.bulk_create(
            PartnerBudgetLine(partner=partner, category="staff", period=p, amount=Decimal(1000 + n))
            for p in range(1, 6)
        )
    start = WorkPackage.objects.filter(project=world.project).count()
    for n in range(start + 1, start + packages + 1):
        package = WorkPackage.objects.create(
            project=world.project, number=n, title=f"WP {n}", start_period=1, end_period=2
        )
        package.activities.create(number=1, title=f"Activity {n}.1", start_period=1, end_period=2)


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_pages_cost_the_same_queries_for_a_larger_application(client, two):
    """Counted on the second request of each page: the first diff of two versions also reads their answers (one
    query more), later ones come from the cache (versions never change)."""
    client.force_login(two.staff)

    def count(url: str) -> int:
        _queries(client, url)
        return _queries(client, url)

    few = {"diff": count(diff_url(two, "from=1&to=2")), "list": count(versions_url(two))}
    Project.objects.filter(pk=two.project.pk).update(modification_open=True)
    few["draft"] = count(diff_url(two, "from=2&to=draft"))
    _grow(two, partners=6, packages=4)
    capture(two)  # version 3: six partners and four work packages more
    many = {
        "diff": count(diff_url(two, "from=2&to=3")),
        "list": count(versions_url(two)),
        "draft": count(diff_url(two, "from=3&to=draft")),
    }
    assert many == few


def test_a_diff_is_computed_once_and_read_from_the_cache_after(client, two):
    client.force_login(two.manager)
    first = _queries(client, diff_url(two))
    again = client.get(diff_url(two))
    assert _queries(client, diff_url(two)) == first - 1  # no answers read
    assert "+€1,000.00" in again.content.decode()
