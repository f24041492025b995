"""What a submission carries: the snapshot (schema 2) with every section, the application-form PDF rendered from it,
and the call report's columns read from it."""

import io
from decimal import Decimal

import pytest
from pypdf import PdfReader

from partnerships.models import PartnerBudgetLine
from projects.models import Activity, ProjectDescription, Submission, WorkPackage
from projects.pdf import submission_pdf
from projects.reports.call import sheets
from projects.services.submission import application_submit
from projects.snapshot import SCHEMA_VERSION

from .factories_application import full_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(ready):
    full_application(ready)
    application_submit(project=ready.project, by=ready.manager)
    return Submission.objects.get(project=ready.project)


def test_the_snapshot_carries_every_section(submitted):
    snapshot = submitted.snapshot
    assert snapshot["schema"] == SCHEMA_VERSION == 2
    assert snapshot["identification"]["acronym"] == "DANUBE-AIR"
    description = snapshot["description"]
    assert description["context"].startswith("Air pollution")
    assert [o["title"] for o in description["objectives"]] == [
        "Measure air quality jointly",
        "Reduce traffic emissions",
    ]
    assert {t["group"] for t in description["target_groups"]} == {"local_authority", "interest_group"}
    assert [h["effect"] for h in description["horizontal_principles"]] == ["positive", "neutral", "neutral"]
    lead = snapshot["partners"][0]
    assert lead["abbreviation"] == "LP" and lead["organisation"]["name"] == "Stadt Wien"
    assert [q["key"] for q in lead["state_aid"]] == [
        "state_aid_economic_activity",
        "state_aid_selective_advantage",
        "state_aid_trade_effect",
        "state_aid_other_public_funding",
    ]
    assert lead["contributions"][0]["source"] == "Budget of LP" and lead["contributions"][0]["amount"] == "10000.00"
    wp = snapshot["work_packages"][0]
    assert wp["title"] == "Joint air-quality monitoring" and wp["responsible"] == "LP"
    assert wp["partners"] == ["LP", "PP2"] and wp["activities"][0]["partners"] == ["LP", "PP2"]
    assert wp["activities"][0]["title"] == "Install sensor network"
    assert wp["activities"][0]["deliverables"][0]["title"] == "Sensor map"
    assert wp["outputs"][0]["indicator"]["code"] == "RCO 84"
    assert snapshot["results"][0]["indicator"]["code"] == "RCR 104"
    budget = snapshot["budget"]
    # flat rates computed by partnerships.budget: office 15 % of staff, 1,500 per partner and period
    office = next(row for row in budget["by_category"] if row["category"] == "office")
    assert office["cells"] == ["3000.00"] * 5 and office["total"] == "15000.00"
    assert budget["partners"][0]["rows"][0]["cells"][0] == "10000.00"  # LP staff, period 1
    assert budget["preparation"] == "5000.00" and budget["total"] == "150000.00"
    assert budget["funds"] == [{"fund": "erdf", "label": "ERDF", "rate": None, "amount": "120000.00"}]
    assert budget["partners"][0]["funds"][0]["rate"] == "80.00"
    overview = snapshot["overview"]
    assert (overview["partners"], overview["work_packages"], overview["activities"], overview["outputs"]) == (
        2,
        2,
        4,
        2,
    )
    assert overview["by_category"]["staff"] == "100000.00" and overview["by_fund"] == {"erdf": "120000.00"}
    assert snapshot["call"]["flat_rates"]["office"] == "15.00" and snapshot["call"]["funds"][0]["fund"] == "erdf"


def test_the_snapshot_is_what_was_submitted_later_edits_do_not_change_it(submitted, ready):
    before = submitted.snapshot
    WorkPackage.objects.filter(project=ready.project, number=1).update(title="Renamed later")
    Activity.objects.filter(work_package__project=ready.project).update(title="Changed later")
    PartnerBudgetLine.objects.filter(partner__project=ready.project).update(amount=Decimal(1))
    ProjectDescription.objects.filter(project=ready.project).update(context="Rewritten later")
    after = Submission.objects.get(pk=submitted.pk).snapshot
    assert after == before
    assert after["work_packages"][0]["title"] == "Joint air-quality monitoring"
    assert after["budget"]["total"] == "150000.00"


def _pdf_text(snapshot) -> str:
    reader = PdfReader(io.BytesIO(submission_pdf(snapshot)))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_pdf_is_an_application_form_with_every_section(submitted):
    text = _pdf_text(submitted.snapshot)
    for heading in [
        "1 Identification",
        "2 Description",
        "3 Partnership",
        "4 Work plan",
        "5 Outputs and results",
        "6 Budget",
        "7 Annexes",
    ]:
        assert heading in text, heading
    for content in [
        "Joint air-quality monitoring",  # a work package
        "Install sensor network",  # an activity
        "Sensor map",  # a deliverable
        "RCO 84",  # an output indicator
        "RCR 104",  # a result indicator
        "Office and administration",  # a flat-rate category
        "15,000.00",  # its total
        "150,000.00",  # the project's total
        "ERDF",  # a fund
        "120,000.00",  # its co-financing
        "Budget of LP",  # an own contribution's source
        "Mesto Bratislava",  # a partner
        "Local public authority",  # a target group
    ]:
        assert content in text, content


def test_the_pdf_outline_lists_the_numbered_sections(submitted):
    reader = PdfReader(io.BytesIO(submission_pdf(submitted.snapshot)))
    titles = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    assert {"1 Identification", "4 Work plan", "6 Budget", "7 Annexes"} <= set(titles)


def test_a_schema_1_snapshot_still_renders(ready):
    snapshot = {
        "schema": 1,
        "number": 1,
        "submitted_at": "2026-01-01T10:00:00+00:00",
        "submitted_by": "someone@example.org",
        "programme": "P",
        "call": {"reference": "C", "title": "T", "closes_at": "", "timezone": "UTC", "max_cofinancing_rate": "80"},
        "identification": {
            "acronym": "OLD",
            "title": "Old",
            "summary": "",
            "specific_objective": None,
            "duration_months": 12,
        },
        "partners": [],
        "budget": {"total": "0.00", "cofinancing": "0.00", "own_contribution": "0.00"},
        "annexes": [],
    }
    assert "OLD" in _pdf_text(snapshot)


def test_the_call_report_has_the_work_plan_and_budget_columns_of_each_application(submitted, ready):
    applications = sheets({"call": ready.call.pk})[0]
    headers = applications.headers
    row = dict(zip(headers, applications.rows().get(pk=ready.project.pk), strict=True))
    assert row["Work packages"] == 2 and row["Activities"] == 4 and row["Outputs"] == 2 and row["Results"] == 1
    assert row["Staff costs (EUR)"] == Decimal("100000.00")
    assert row["Office and administration (EUR)"] == Decimal("15000.00")
    assert row["Preparation lump sum (EUR)"] == Decimal("5000.00")
    assert row["ERDF co-financing (EUR)"] == Decimal("120000.00")


def test_a_concept_notes_pdf_has_only_its_sections_numbered_in_order(submitted):
    snapshot = {**submitted.snapshot, "sections": ["identification", "partners"]}
    text = _pdf_text(snapshot)
    assert "1 Identification" in text and "2 Partnership" in text
    assert "Work plan" not in text and "Budget of LP" not in text
