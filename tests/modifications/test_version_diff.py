"""The diff between two versions (projects.version_diff): exact on a known set of edits — everything that changed is
reported, nothing else — and empty between identical versions."""

import copy
from collections import Counter
from datetime import date
from decimal import Decimal

import pytest

from partnerships.models import PartnerBudgetLine
from projects.models import Activity, Project, ProjectResult, VersionOrigin
from projects.version_diff import version_diff
from projects.versions import version_capture
from tests.factories import OrganisationFactory, ProjectPartnerFactory

pytestmark = pytest.mark.django_db


def capture(world):
    world.project.refresh_from_db()  # as the services do: the identification is read from the locked row
    return version_capture(
        project=world.project, by=world.staff, origin=VersionOrigin.MODIFICATION, in_force_from=date.today()
    )


def edit(world) -> None:
    """The known edits, on the live tables as a modification makes them."""
    project, lead = world.project, world.lead
    Project.objects.filter(pk=project.pk).update(title="Cleaner air along the Danube and the Morava")
    ProjectPartnerFactory(
        project=project, organisation=OrganisationFactory(country=world.slovakia, name="Obec Devín"), abbreviation="PP3"
    )
    world.partner.delete()  # its budget lines, funds and contributions go with it
    package = world.work_package
    type(package).objects.filter(pk=package.pk).update(title="Measuring air quality")
    Activity.objects.filter(work_package=package, number=1).delete()
    Activity.objects.create(work_package=package, number=2, title="Report writing", start_period=2, end_period=3)
    ProjectResult.objects.filter(pk=world.result.pk).update(target_value=Decimal(5))
    PartnerBudgetLine.objects.filter(partner=lead, category="staff", period=1).update(amount=Decimal("25000"))
    PartnerBudgetLine.objects.filter(partner=lead, category="staff", period=3).update(amount=Decimal("18000"))


def test_the_diff_lists_exactly_the_edits(in_force):
    v1 = in_force.v1
    edit(in_force)
    v2 = capture(in_force)
    result = v1.answers["results"][0]["indicator"]
    wp = "Work package 1: Measuring air quality"
    removed_partner = [("budget", "PP2", "Staff costs", f"P{n}", "€20,000.00", "—", "-€20,000.00") for n in range(1, 6)]
    expected = [
        (
            "identification",
            "",
            "changed",
            "Title",
            "Cleaner air along the Danube",
            v2.answers["identification"]["title"],
        ),
        ("partners", "PP3 — Obec Devín", "added", "", "", ""),
        ("partners", "PP2 — Mesto Bratislava", "removed", "", "", ""),
        ("work_packages", wp, "changed", "Title", "Work package 1", "Measuring air quality"),
        ("work_packages", wp, "changed", "Partners", "PP2", "—"),
        ("work_packages", "Activity 1.2: Report writing", "added", "", "", ""),
        ("work_packages", "Activity 1.1: Measure", "removed", "", "", ""),
        ("targets", f"Result 1: {result['code']} — {result['name']}", "changed", "Target value", "3", "5"),
        ("budget", "LP", "Staff costs", "P1", "€20,000.00", "€25,000.00", "+€5,000.00"),
        ("budget", "LP", "Staff costs", "P3", "€20,000.00", "€18,000.00", "-€2,000.00"),
        *removed_partner,
        ("budget", "Budget of LP", "changed", "Total", "€100,000.00", "€103,000.00"),
        ("budget", "Budget of LP", "changed", "Co-financing", "€80,000.00", "€82,400.00"),
        ("budget", "Budget of LP", "changed", "Own contribution", "€20,000.00", "€20,600.00"),
        ("budget", "Budget of LP", "changed", "ERDF", "€80,000.00", "€82,400.00"),
        ("budget", "Budget of PP2", "removed", "", "", ""),
        ("budget", "Budget of PP2", "removed", "Total", "€100,000.00", "—"),
        ("budget", "Budget of PP2", "removed", "Co-financing rate", "80 %", "—"),
        ("budget", "Budget of PP2", "removed", "Co-financing", "€80,000.00", "—"),
        ("budget", "Budget of PP2", "removed", "Own contribution", "€20,000.00", "—"),
        ("budget", "Budget of PP2", "removed", "ERDF rate", "80 %", "—"),
        ("budget", "Budget of PP2", "removed", "ERDF", "€80,000.00", "—"),
        ("budget", "Project totals", "changed", "Staff costs", "€200,000.00", "€103,000.00"),
        ("budget", "Project totals", "changed", "Period P1", "€40,000.00", "€25,000.00"),
        ("budget", "Project totals", "changed", "Period P2", "€40,000.00", "€20,000.00"),
        ("budget", "Project totals", "changed", "Period P3", "€40,000.00", "€18,000.00"),
        ("budget", "Project totals", "changed", "Period P4", "€40,000.00", "€20,000.00"),
        ("budget", "Project totals", "changed", "Period P5", "€40,000.00", "€20,000.00"),
        ("budget", "Project totals", "changed", "Total", "€200,000.00", "€103,000.00"),
        ("budget", "Project totals", "changed", "Co-financing", "€160,000.00", "€82,400.00"),
        ("budget", "Project totals", "changed", "Own contribution", "€40,000.00", "€20,600.00"),
        ("budget", "Project totals", "changed", "ERDF", "€160,000.00", "€82,400.00"),
    ]

    diff = version_diff(v1.answers, v2.answers)

    assert Counter(diff.lines()) == Counter(expected)
    assert [s.key for s in diff.changed_sections] == [
        "identification",
        "partners",
        "work_packages",
        "targets",
        "budget",
    ]


def test_identical_versions_have_an_empty_diff(in_force):
    v2 = capture(in_force)
    diff = version_diff(in_force.v1.answers, v2.answers)
    assert diff.empty
    assert diff.lines() == []
    assert version_diff({}, {}).empty


def test_the_diff_reads_the_reverse_edits_the_other_way(in_force):
    edit(in_force)
    v2 = capture(in_force)
    forth, back = version_diff(in_force.v1.answers, v2.answers), version_diff(v2.answers, in_force.v1.answers)
    assert len(forth) == len(back)
    assert ("partners", "PP3 — Obec Devín", "removed", "", "", "") in back.lines()
    assert ("budget", "LP", "Staff costs", "P1", "€25,000.00", "€20,000.00", "-€5,000.00") in back.lines()


def test_amounts_compare_as_decimals_not_as_text(in_force):
    old = in_force.v1.answers
    new = copy.deepcopy(old)
    new["budget"]["partners"][0]["rows"][0]["cells"][0] = "20000"  # the same amount, written otherwise
    new["budget"]["partners"][0]["total"] = "100000.0"
    new["partners"][0]["contributions"][0]["amount"] = str(Decimal(old["partners"][0]["contributions"][0]["amount"]))
    assert version_diff(old, new).empty


def test_a_changed_organisation_field_a_contribution_and_an_output_target_are_reported(in_force):
    old = in_force.v1.answers
    new = copy.deepcopy(old)
    new["partners"][1]["organisation"]["website"] = "https://bratislava.sk"
    new["partners"][1]["contributions"][0]["amount"] = "1.00"
    new["work_packages"][0]["outputs"][0]["target_value"] = "4"
    new["description"]["objectives"][0]["title"] = "Clean air"
    lines = version_diff(old, new).lines()
    contribution = old["partners"][1]["contributions"][0]
    output = old["work_packages"][0]["outputs"][0]
    assert Counter(lines) == Counter(
        [
            ("description", "Objective 1", "changed", "Title", "Cleaner air", "Clean air"),
            ("partners", "PP2 — Mesto Bratislava", "changed", "Organisation: Website", "—", "https://bratislava.sk"),
            (
                "partners",
                "PP2 — Mesto Bratislava",
                "changed",
                f"Own contribution: {contribution['kind_label']}, {contribution['source']}",
                "€20,000.00",
                "€1.00",
            ),
            (
                "targets",
                f"Output 1.1: {output['indicator']['code']} — {output['indicator']['name']}",
                "changed",
                "Target value",
                "2",
                "4",
            ),
        ]
    )


def test_a_withdrawal_and_a_section_the_answers_gain_are_reported(in_force):
    old = in_force.v1.answers
    new = copy.deepcopy(old)
    new["partners"][1]["withdrawn_from_period"] = 3
    new["closure"] = {"summary": "Done."}
    lines = version_diff(old, new).lines()
    assert ("partners", "PP2 — Mesto Bratislava", "changed", "Withdrawn from period", "—", "3") in lines
    assert ("other", "", "changed", "Closure", "—", "summary: Done.") in lines
    assert len(lines) == 2
