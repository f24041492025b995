"""First-level control through its services: every step allowed and refused, deduction bounds, four eyes, reopen
scopes, and the sums (lines = amounts = certificate data)."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from interact_portal.notifications.models import Notification
from projects.control_pdf import certificate_data
from projects.models import ExpenditureLine, LineControl, PartnerReport
from projects.reporting_money import amounts_of
from projects.reporting_workflow import PartnerReportStatus, ReopenScope
from projects.services import control
from tests.factories import UserFactory
from tests.reporting.conftest import report_with_lines

pytestmark = pytest.mark.django_db

LINES = [
    {"category": "staff", "amount": "1000"},
    {"category": "staff", "amount": "500"},
    {"category": "travel", "amount": "300"},
]
COMPLETE = {key: {"answer": "yes", "comment": ""} for key in control.CHECKLIST_KEYS}


def submitted(contracted, lines=LINES):
    return report_with_lines(contracted.partner, lines=lines, status="submitted")


def in_control(contracted, lines=LINES, by=None):
    return control.control_start(report=submitted(contracted, lines), by=by or contracted.controller)


def ready_to_finalise(contracted, by=None):
    by = by or contracted.controller
    report = in_control(contracted, by=by)
    control.lines_certify_remaining(report=report, by=by)
    control.control_checklist_save(report=report, by=by, answers=COMPLETE, conclusion="All in order.")
    return report


def status(report) -> str:
    return PartnerReport.objects.get(pk=report.pk).status


# ------------------------------------------------------------------------------------------------------- who may


def test_only_an_assigned_controller_may_control(contracted):
    report = submitted(contracted)
    for user in (contracted.manager, contracted.partner_user, contracted.finance, contracted.programme_manager):
        with pytest.raises(PermissionDenied):
            control.control_start(report=report, by=user)
    outsider = UserFactory()
    from programmes.models import ProgrammeStaff

    ProgrammeStaff.objects.create(programme=contracted.programme, user=outsider, role="controller")
    with pytest.raises(PermissionDenied, match="assigned to this partner"):
        control.control_start(report=report, by=outsider)
    assert status(report) == PartnerReportStatus.SUBMITTED


def test_take_into_control_sets_the_controller(contracted):
    report = in_control(contracted)
    assert report.status == PartnerReportStatus.IN_CONTROL
    assert report.controller == contracted.controller and report.control_started_at is not None
    with pytest.raises(ValidationError):  # not twice
        control.control_start(report=report, by=contracted.controller2)


def test_a_draft_cannot_be_taken_into_control(contracted):
    draft = report_with_lines(contracted.partner, lines=LINES)
    with pytest.raises(ValidationError):
        control.control_start(report=draft, by=contracted.controller)


# ----------------------------------------------------------------------------------------------------- the lines


def test_certify_deduct_park_and_undo(contracted):
    report = in_control(contracted)
    first, second, third = report.lines.order_by("number")
    by = contracted.controller
    control.line_decide(line=first, by=by, decision=LineControl.CERTIFIED)
    control.line_decide(
        line=second, by=by, decision=LineControl.DEDUCTED, deducted="120.50", error_type="vat", note="VAT recovered."
    )
    control.line_decide(line=third, by=by, decision=LineControl.PARKED, note="Invoice paid next period.")
    second.refresh_from_db()
    assert (second.control, second.deducted, second.error_type) == (LineControl.DEDUCTED, Decimal("120.50"), "vat")
    control.line_decide(line=second, by=by, decision=LineControl.PENDING)  # undo
    second.refresh_from_db()
    assert (second.control, second.deducted, second.error_type, second.control_note) == ("pending", 0, "", "")


@pytest.mark.parametrize(
    ("deducted", "field"),
    [("0", "deducted"), ("-5", "deducted"), ("500.01", "deducted"), ("abc", "deducted"), ("1.005", "deducted")],
)
def test_deduction_bounds(contracted, deducted, field):
    report = in_control(contracted)
    line = report.lines.get(number=2)  # 500 EUR
    with pytest.raises(ValidationError) as error:
        control.line_decide(
            line=line, by=contracted.controller, decision="deducted", deducted=deducted, error_type="vat", note="x"
        )
    assert field in error.value.message_dict
    line.refresh_from_db()
    assert line.control == LineControl.PENDING


def test_a_deduction_above_the_declared_amount_is_refused_with_the_reason(contracted):
    line = in_control(contracted).lines.get(number=2)
    with pytest.raises(ValidationError) as error:
        control.line_decide(
            line=line, by=contracted.controller, decision="deducted", deducted="600", error_type="vat", note="x"
        )
    assert "above the declared amount of 500.00 EUR" in error.value.message_dict["deducted"][0]


def test_the_whole_line_may_be_deducted_with_a_type_and_a_note(contracted):
    line = in_control(contracted).lines.get(number=2)
    with pytest.raises(ValidationError) as error:
        control.line_decide(line=line, by=contracted.controller, decision="deducted", deducted="500")
    assert set(error.value.message_dict) == {"error_type", "note"}
    control.line_decide(
        line=line, by=contracted.controller, decision="deducted", deducted="500", error_type="other", note="No proof."
    )
    line.refresh_from_db()
    assert line.deducted == line.amount_eur


def test_lines_are_decided_only_in_control(contracted):
    report = submitted(contracted)
    with pytest.raises(ValidationError):
        control.line_decide(line=report.lines.first(), by=contracted.controller, decision="certified")
    with pytest.raises(ValidationError):
        control.lines_certify_remaining(report=report, by=contracted.controller)


def test_certify_all_remaining_leaves_decided_lines_alone(contracted):
    report = in_control(contracted)
    line = report.lines.get(number=3)
    control.line_decide(line=line, by=contracted.controller, decision="parked")
    assert control.lines_certify_remaining(report=report, by=contracted.controller) == 2
    assert dict(report.lines.values_list("number", "control")) == {1: "certified", 2: "certified", 3: "parked"}


# --------------------------------------------------------------------------------------------- checklist, finalise


def test_the_checklist_refuses_unknown_answers_and_a_no_without_comment(contracted):
    report = in_control(contracted)
    with pytest.raises(ValidationError) as error:
        control.control_checklist_save(
            report=report,
            by=contracted.controller,
            answers={"vat": {"answer": "maybe"}, "period": {"answer": "no", "comment": " "}},
        )
    assert set(error.value.message_dict) == {"vat", "period_comment"}
    control.control_checklist_save(
        report=report, by=contracted.controller, answers={"vat": {"answer": "na"}}, findings=" None. "
    )
    report.refresh_from_db()
    assert report.control_checklist == {"vat": {"answer": "na", "comment": ""}} and report.findings == "None."


def test_finalise_refuses_with_what_is_missing(contracted):
    report = in_control(contracted)
    with pytest.raises(ValidationError) as error:
        control.control_finalise(report=report, by=contracted.controller)
    text = " ".join(error.value.messages)
    assert "3 expenditure line(s) have no decision yet" in text
    assert "Answer every checklist item" in text and "conclusion" in text
    assert status(report) == PartnerReportStatus.IN_CONTROL


def test_finalise_without_four_eyes_certifies(contracted, django_capture_on_commit_callbacks):
    report = ready_to_finalise(contracted)
    with django_capture_on_commit_callbacks() as callbacks:
        report = control.control_finalise(report=report, by=contracted.controller)
    assert report.status == PartnerReportStatus.CERTIFIED
    assert report.finalised_by == contracted.controller and report.confirmed_by is None and report.certified_at
    assert callbacks  # the certificate is queued
    told = set(Notification.objects.filter(event="partner_report.certified").values_list("recipient", flat=True))
    assert told == {contracted.partner_user.pk, contracted.manager.pk}
    for step in (control.control_start, control.control_finalise, control.lines_certify_remaining):
        with pytest.raises(ValidationError):
            step(report=report, by=contracted.controller)
    with pytest.raises(ValidationError):
        control.control_reopen(report=report, by=contracted.controller, scope="all", reason="x")


# --------------------------------------------------------------------------------------------------- four eyes


@pytest.fixture
def four_eyes(contracted):
    contracted.call.control_four_eyes = True
    contracted.call.save(update_fields=["control_four_eyes"])
    return contracted


def test_four_eyes_a_second_controller_confirms(four_eyes):
    report = control.control_finalise(report=ready_to_finalise(four_eyes), by=four_eyes.controller)
    assert report.status == PartnerReportStatus.AWAITING_CONFIRMATION and report.certified_at is None
    assert Notification.objects.filter(event="partner_report.control_to_confirm", recipient=four_eyes.controller2)
    with pytest.raises(ValidationError, match="second controller must confirm"):
        control.control_confirm(report=report, by=four_eyes.controller)
    with pytest.raises(ValidationError):  # no decision changes while awaiting confirmation
        control.line_decide(line=report.lines.first(), by=four_eyes.controller2, decision="parked")
    report = control.control_confirm(report=report, by=four_eyes.controller2)
    assert report.status == PartnerReportStatus.CERTIFIED
    assert (report.finalised_by, report.confirmed_by) == (four_eyes.controller, four_eyes.controller2)


def test_four_eyes_send_back_and_the_same_person_never_both(four_eyes):
    report = control.control_finalise(report=ready_to_finalise(four_eyes), by=four_eyes.controller)
    with pytest.raises(ValidationError):
        control.control_send_back(report=report, by=four_eyes.controller, reason="Hmm")
    with pytest.raises(ValidationError) as error:
        control.control_send_back(report=report, by=four_eyes.controller2, reason=" ")
    assert "reason" in error.value.message_dict
    report = control.control_send_back(report=report, by=four_eyes.controller2, reason="Line 2 needs a deduction.")
    assert report.status == PartnerReportStatus.IN_CONTROL and report.finalised_by is None
    # now the second controller finalises; the first may confirm
    report = control.control_finalise(report=report, by=four_eyes.controller2)
    report = control.control_confirm(report=report, by=four_eyes.controller)
    assert (report.finalised_by, report.confirmed_by) == (four_eyes.controller2, four_eyes.controller)


def test_four_eyes_the_database_refuses_the_same_person_twice(contracted):
    report = submitted(contracted)
    with pytest.raises(IntegrityError), transaction.atomic():
        PartnerReport.objects.filter(pk=report.pk).update(
            finalised_by=contracted.controller, confirmed_by=contracted.controller
        )


# ------------------------------------------------------------------------------------------------------- reopen


@pytest.mark.parametrize("start", ["submitted", "in_control"])
def test_reopen_for_everything_restarts_the_line_decisions(contracted, start):
    report = submitted(contracted) if start == "submitted" else in_control(contracted)
    if start == "in_control":
        control.line_decide(line=report.lines.first(), by=contracted.controller, decision="parked")
    report = control.control_reopen(report=report, by=contracted.controller, scope=ReopenScope.ALL, reason="Fix it.")
    assert (report.status, report.reopen_scope) == (PartnerReportStatus.DRAFT, ReopenScope.ALL)
    assert set(report.lines.values_list("control", flat=True)) == {LineControl.PENDING}
    assert Notification.objects.filter(event="partner_report.reopened", recipient=contracted.partner_user).exists()


def test_reopen_for_the_content_keeps_the_line_decisions(contracted):
    report = in_control(contracted)
    control.line_decide(line=report.lines.first(), by=contracted.controller, decision="parked")
    report = control.control_reopen(
        report=report, by=contracted.controller, scope=ReopenScope.CONTENT, reason="Describe WP2 better."
    )
    assert report.reopen_scope == ReopenScope.CONTENT
    assert report.lines.get(number=1).control == LineControl.PARKED


def test_reopen_needs_a_scope_and_a_reason(contracted):
    report = submitted(contracted)
    with pytest.raises(ValidationError) as error:
        control.control_reopen(report=report, by=contracted.controller, scope="half", reason="")
    assert set(error.value.message_dict) == {"scope", "reason"}
    assert status(report) == PartnerReportStatus.SUBMITTED
    with pytest.raises(PermissionDenied):
        control.control_reopen(report=report, by=contracted.manager, scope="all", reason="x")


# ---------------------------------------------------------------------------------------------------------- sums


def test_sums_agree_lines_amounts_certificate(contracted):
    lines = [
        {"category": "staff", "amount": "1000"},
        {"category": "staff", "amount": "500"},
        {"category": "travel", "amount": "300"},
        {"category": "external", "amount": "2000", "currency": "CZK", "rate": Decimal("25.125")},
    ]
    report = in_control(contracted, lines=lines)
    by = contracted.controller
    control.line_decide(
        line=report.lines.get(number=2), by=by, decision="deducted", deducted="99.99", error_type="vat", note="VAT"
    )
    control.line_decide(line=report.lines.get(number=3), by=by, decision="parked")
    control.lines_certify_remaining(report=report, by=by)
    control.control_checklist_save(report=report, by=by, answers=COMPLETE, conclusion="OK")
    report = control.control_finalise(report=report, by=by)
    amounts, data = amounts_of(report), certificate_data(report)
    all_lines = list(ExpenditureLine.objects.filter(report=report))
    declared = sum(line.amount_eur for line in all_lines)
    deducted = sum(line.deducted for line in all_lines)
    parked = sum(line.amount_eur for line in all_lines if line.control == "parked")
    assert data["total_declared"] == amounts.total_declared
    assert data["total_certified"] == amounts.total_certified
    assert (data["total_deducted"], data["total_parked"]) == (deducted, parked) == (Decimal("99.99"), 300)
    typed = [row for row in data["categories"] if row["category"] in ("staff", "travel", "external")]
    assert sum(row["declared"] for row in typed) == declared
    for row in typed:
        assert row["certified"] + row["deducted"] + row["parked"] == row["declared"]
    assert [d["error_type"] for d in data["deductions"]] == ["Recoverable VAT declared"]
    assert [p["number"] for p in data["parked"]] == [3]
