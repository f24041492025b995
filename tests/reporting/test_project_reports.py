"""Project reports through their services: one per started period, the certified partner reports they bundle (never
twice), the indicators, the amounts, submission (idempotent, snapshot, notice) and every transition."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from interact_portal.notifications.models import Notification
from projects.models import ProjectReport, ProjectReportCertificate, ReportingStep
from projects.reporting_workflow import PROJECT_REPORT_TRANSITIONS, ProjectReportStatus
from projects.services.project_reports import (
    clarification_answer,
    period_start,
    project_indicators,
    project_report_create,
    project_report_save,
    project_report_submit,
    report_money,
)
from projects.services.reporting import reporting_transition
from projects.services.verification import report_return, verification_finalise, verification_start
from tests.reporting.conftest import report_with_lines
from tests.reporting.project_helpers import certified, submitted_report


def _save(report, by, **more):
    fields = {
        "progress_summary": "Pilots running.",
        "highlights": "Two cities measure.",
        "partner_report_ids": list(report.certificates.values_list("partner_report_id", flat=True)),
        "indicator_values": {},
        **more,
    }
    return project_report_save(report=report, by=by, **fields)


def test_a_period_that_has_not_started_is_refused(contracted):
    project = contracted.project
    # contracted eight months ago, 6-month periods: period 2 started two months ago, period 3 starts in four
    assert period_start(project, 3) > period_start(project, 2)
    with pytest.raises(ValidationError) as refused:
        project_report_create(project=project, by=contracted.manager, period=3)
    assert "has not started" in str(refused.value)
    with pytest.raises(ValidationError):
        project_report_create(project=project, by=contracted.manager, period=99)
    assert project_report_create(project=project, by=contracted.manager, period=2).number == 1


def test_one_project_report_per_period(contracted):
    project_report_create(project=contracted.project, by=contracted.manager, period=1)
    with pytest.raises(ValidationError) as refused:
        project_report_create(project=contracted.project, by=contracted.manager, period=1)
    assert "already has its project report" in str(refused.value)


def test_only_the_projects_managers_write_it(contracted):
    with pytest.raises(PermissionDenied) as refused:
        project_report_create(project=contracted.project, by=contracted.partner_user, period=1)
    assert "managers" in str(refused.value)
    report = project_report_create(project=contracted.project, by=contracted.manager, period=1)
    with pytest.raises(PermissionDenied):
        _save(report, contracted.partner_user)
    with pytest.raises(PermissionDenied):
        project_report_submit(report=report, by=contracted.staff)


def test_it_bundles_the_certified_reports_of_the_period_and_earlier_not_yet_claimed(contracted):
    first = certified(contracted.lead, period=1)
    second = certified(contracted.partner, period=1)
    later = certified(contracted.partner, period=2)
    report_with_lines(contracted.lead, period=2, status="submitted", lines=[{"category": "staff", "amount": "5"}])
    report = project_report_create(project=contracted.project, by=contracted.manager, period=1)
    assert set(report.certificates.values_list("partner_report_id", flat=True)) == {first.pk, second.pk}
    # the lead partner leaves one out: it is claimed in the next project report
    _save(report, contracted.manager, partner_report_ids=[first.pk])
    assert list(report.certificates.values_list("partner_report_id", flat=True)) == [first.pk]
    next_report = project_report_create(project=contracted.project, by=contracted.manager, period=2)
    assert set(next_report.certificates.values_list("partner_report_id", flat=True)) == {second.pk, later.pk}


def test_a_partner_report_cannot_be_claimed_twice(contracted):
    claimed = certified(contracted.lead, period=1)
    submitted_report(contracted, period=1)
    report = project_report_create(project=contracted.project, by=contracted.manager, period=2)
    assert not report.certificates.exists()
    with pytest.raises(ValidationError) as refused:
        _save(report, contracted.manager, partner_report_ids=[claimed.pk])
    assert "certificates" in refused.value.error_dict
    with pytest.raises(IntegrityError), transaction.atomic():  # and the database refuses it too
        ProjectReportCertificate.objects.create(project_report=report, partner_report=claimed)


def test_a_report_of_a_later_period_or_uncertified_cannot_be_bundled(contracted):
    later = certified(contracted.lead, period=2)
    draft = report_with_lines(contracted.partner, period=1, lines=[{"category": "staff", "amount": "5"}])
    report = project_report_create(project=contracted.project, by=contracted.manager, period=1)
    for pk in (later.pk, draft.pk):
        with pytest.raises(ValidationError):
            _save(report, contracted.manager, partner_report_ids=[pk])


def test_the_amounts_requested_are_the_certified_amounts_per_partner_and_fund(contracted):
    lead = certified(contracted.lead)
    partner = certified(contracted.partner, lines=[{"category": "staff", "amount": "400", "control": "certified"}])
    report = project_report_create(project=contracted.project, by=contracted.manager, period=1)
    money = report_money(report)
    from projects.reporting_money import amounts_of

    assert money.by_partner[contracted.lead.pk] == amounts_of(lead).total_certified
    assert money.by_partner[contracted.partner.pk] == amounts_of(partner).total_certified
    assert money.total == amounts_of(lead).total_certified + amounts_of(partner).total_certified
    # the ready call's partners are co-financed 80 % from the ERDF
    assert money.by_partner_fund[(contracted.lead.pk, "erdf")] == (money.by_partner[contracted.lead.pk] * 80 / 100)


def test_indicators_start_from_the_previous_report_and_show_their_targets(contracted):
    indicators = project_indicators(contracted.project)
    assert indicators and all(entry["target"] > 0 for entry in indicators.values())
    report = project_report_create(project=contracted.project, by=contracted.manager, period=1)
    first = next(iter(indicators))
    assert set(report.indicator_values.values_list("indicator_id", flat=True)) == set(indicators)
    with pytest.raises(ValidationError) as refused:
        _save(report, contracted.manager, indicator_values={first: ("-1", "")})
    assert f"indicator_{first}" in refused.value.error_dict
    with pytest.raises(ValidationError):
        _save(report, contracted.manager, indicator_values={first: ("lots", "")})
    _save(report, contracted.manager, indicator_values={first: ("2.5", "Two pilots and a half.")})
    project_report_submit(report=report, by=contracted.manager)
    following = project_report_create(project=contracted.project, by=contracted.manager, period=2)
    assert following.indicator_values.get(indicator_id=first).cumulative == Decimal("2.5")


def test_submit_needs_the_progress_is_idempotent_and_tells_the_joint_secretariat(contracted):
    certified(contracted.lead)
    report = project_report_create(project=contracted.project, by=contracted.manager, period=1)
    with pytest.raises(ValidationError) as refused:
        project_report_submit(report=report, by=contracted.manager)
    assert "progress_summary" in refused.value.error_dict
    _save(report, contracted.manager)
    submitted = project_report_submit(report=report, by=contracted.manager)
    again = project_report_submit(report=report, by=contracted.manager)
    assert submitted.status == again.status == ProjectReportStatus.SUBMITTED
    assert ReportingStep.objects.filter(project_report=report).count() == 1
    assert submitted.snapshot["total"] == str(report_money(report).total)
    told = set(Notification.objects.filter(event="project_report.submitted").values_list("recipient", flat=True))
    assert told == {contracted.staff.pk, contracted.programme_manager.pk}  # not the finance officers


def test_every_project_report_transition_goes_through_the_table(contracted):
    report = project_report_create(project=contracted.project, by=contracted.manager, period=1)
    for current, allowed in PROJECT_REPORT_TRANSITIONS.items():
        for target in ProjectReportStatus.values:
            ProjectReport.objects.filter(pk=report.pk).update(status=current)
            report.refresh_from_db()
            if target in allowed:
                assert reporting_transition(report, to=target, by=contracted.staff).status == target
            else:
                with pytest.raises(ValidationError):
                    reporting_transition(report, to=target, by=contracted.staff)


def test_the_services_allow_and_refuse_each_step(contracted):
    certified(contracted.lead)
    report = project_report_create(project=contracted.project, by=contracted.manager, period=1)
    staff, manager = contracted.staff, contracted.manager
    # draft: not yet the secretariat's
    for step in (verification_start, lambda **kw: verification_finalise(**kw)):
        with pytest.raises(ValidationError):
            step(report=report, by=staff)
    with pytest.raises(ValidationError):
        report_return(report=report, by=staff, question="Why?")
    _save(report, manager)
    report = project_report_submit(report=report, by=manager)  # draft → submitted
    with pytest.raises(ValidationError):
        verification_finalise(report=report, by=staff)  # not in verification
    report = report_return(report=report, by=staff, question="Which invoice?")  # submitted → returned
    with pytest.raises(ValidationError):
        verification_start(report=report, by=staff)  # returned: the lead partner's turn
    clarification_answer(report=report, by=manager, text="Invoice 2.")
    report = project_report_submit(report=report, by=manager)  # returned → submitted
    report = verification_start(report=report, by=staff)  # submitted → in verification
    assert verification_start(report=report, by=staff).status == ProjectReportStatus.IN_VERIFICATION  # idempotent
    with pytest.raises(ValidationError):
        project_report_submit(report=report, by=manager)  # in verification: no longer the lead partner's
    with pytest.raises(PermissionDenied):
        _save(report, manager)
    report = report_return(report=report, by=staff, question="And invoice 3?")  # in verification → returned
    clarification_answer(report=report, by=manager, text="Here.")
    report = verification_start(report=project_report_submit(report=report, by=manager), by=staff)
    for certificate in report.certificates.all():
        from projects.services.verification import certificate_verify

        certificate_verify(certificate=certificate, by=staff, verified=True)
    verification_finalise(report=report, by=staff)  # in verification → verified
    report.refresh_from_db()
    assert report.status == ProjectReportStatus.VERIFIED
    for step in (verification_start, verification_finalise, project_report_submit):
        with pytest.raises(ValidationError):
            step(report=report, by=manager if step is project_report_submit else staff)
    with pytest.raises(ValidationError):
        report_return(report=report, by=staff, question="Late question")
    steps = list(ReportingStep.objects.filter(project_report=report).values_list("to_status", flat=True))
    assert steps == ["submitted", "returned", "submitted", "in_verification", "returned", "submitted",
                     "in_verification", "verified"]  # fmt: skip
