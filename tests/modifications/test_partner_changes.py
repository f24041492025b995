"""Partner changes through a modification (issue 19, item 4): a partner joins through the usual flows while the
draft is open; a partner of the contract is withdrawn, never removed, and keeps its reports and payments; the lead
partner leaves only with a successor; the work plan keeps what partner reports refer to; the checklist no longer
counts withdrawn partners."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from partnerships.choices import PartnerRole
from partnerships.models import PartnerBudgetLine, PartnerInvitation, ProjectPartner
from projects.models import (
    Activity,
    Deliverable,
    ExpenditureLine,
    PartnerReport,
    PaymentClaim,
    ProjectOutput,
    ProjectReport,
    ReportOutput,
    ReportProgress,
    WorkPackage,
)
from projects.models import Payment as PaymentRecord
from projects.services.invitations import invitation_accept, invitation_create
from projects.services.modifications import modification_problems, modification_withdraw
from projects.services.partner_changes import current_period, partner_reinstate, partner_withdraw
from projects.services.partners import partner_add, partner_make_lead, partner_remove
from projects.services.workplan import work_package_delete, work_package_save
from projects.versions import live_rows
from tests.factories import OrganisationFactory, UserFactory
from tests.reporting.conftest import report_with_lines

from .helpers import opened


def test_the_current_period_follows_the_calendar(in_force):
    # contracted eight months ago, six-month periods: period 2 runs now; five periods in 30 months
    assert current_period(in_force.project) == 2
    start = in_force.project.start_date
    assert current_period(in_force.project, today=start - timedelta(days=30)) == 1
    assert current_period(in_force.project, today=start + timedelta(days=3000)) == 5


# --- a partner joins ---------------------------------------------------------------------------------------------


def test_a_partner_joins_only_while_a_modification_is_open(in_force):
    organisation = OrganisationFactory(country=in_force.slovakia)
    with pytest.raises(PermissionDenied, match="can no longer be edited"):
        partner_add(project=in_force.project, organisation=organisation, role=PartnerRole.PARTNER, by=in_force.manager)
    opened(in_force)
    partner = partner_add(
        project=in_force.project, organisation=organisation, role=PartnerRole.PARTNER, by=in_force.manager
    )
    assert partner.project_id == in_force.project.pk and partner.abbreviation == "PP3"


def test_an_invited_partner_joins_the_draft_through_the_invitation(in_force):
    opened(in_force)
    invitation = invitation_create(
        project=in_force.project, email="new.partner@example.org", role=PartnerRole.PARTNER, by=in_force.manager
    )
    invitee = UserFactory(email="new.partner@example.org")
    partner = invitation_accept(
        invitation=invitation, user=invitee, organisation=OrganisationFactory(country=in_force.austria)
    )
    assert partner.contact_user == invitee
    assert PartnerInvitation.objects.get(pk=invitation.pk).partner == partner


def test_the_partner_add_page_works_in_the_draft(client, in_force):
    opened(in_force)
    client.force_login(in_force.manager)
    organisation = OrganisationFactory(country=in_force.austria, name="Neue Agentur")
    response = client.post(
        reverse("projects:partner_add", args=[in_force.project.pk]),
        {"organisation": organisation.pk, "role": PartnerRole.PARTNER},
    )
    added = ProjectPartner.objects.get(project=in_force.project, organisation=organisation)
    assert response.status_code == 302
    assert response["Location"] == reverse("projects:partner", args=[in_force.project.pk, added.pk])


def test_a_partner_added_in_a_draft_given_up_goes_away(in_force):
    modification = opened(in_force)
    before = live_rows(in_force.project)
    partner_add(
        project=in_force.project,
        organisation=OrganisationFactory(country=in_force.austria),
        role=PartnerRole.ASSOCIATED,
        by=in_force.manager,
    )
    modification_withdraw(modification=modification, by=in_force.manager)  # (a rejection restores the same way)
    assert live_rows(in_force.project) == before


# --- a partner leaves --------------------------------------------------------------------------------------------


def _records(world, partner):
    """A certified report of period 1 with a line, in a project report, claimed and paid (all pointing at it)."""
    report = report_with_lines(partner, lines=[{"category": "staff", "amount": "100"}], status="certified")
    project_report = ProjectReport.objects.create(project=world.project, period=1, number=1, status="submitted")
    claim = PaymentClaim.objects.create(project_report=project_report, project=world.project, total_eligible=0)
    PaymentRecord.objects.create(claim=claim, partner=partner, fund="erdf", amount_due=Decimal("80"))
    return report


def test_a_partner_with_reports_is_withdrawn_not_removed_and_keeps_them(in_force):
    report = _records(in_force, in_force.partner)
    opened(in_force)
    with pytest.raises(ValidationError, match="has reports, certificates or payments: it cannot be removed"):
        partner_remove(partner=in_force.partner, by=in_force.manager)
    partner = partner_withdraw(partner=in_force.partner, by=in_force.manager, from_period=3)
    assert ProjectPartner.objects.get(pk=partner.pk).withdrawn_from_period == 3
    assert PartnerReport.objects.get(pk=report.pk).partner_id == partner.pk
    assert ExpenditureLine.objects.filter(partner=partner).count() == 1
    assert PaymentRecord.objects.filter(partner=partner).count() == 1


def test_a_partner_of_the_contract_cannot_be_removed_even_without_reports(in_force):
    opened(in_force)
    with pytest.raises(ValidationError, match="partner under the contract: it cannot be removed"):
        partner_remove(partner=in_force.partner, by=in_force.manager)
    added = partner_add(
        project=in_force.project,
        organisation=OrganisationFactory(country=in_force.austria),
        role=PartnerRole.PARTNER,
        by=in_force.manager,
    )
    partner_remove(partner=added, by=in_force.manager)  # one added in this draft: simply removed
    assert not ProjectPartner.objects.filter(pk=added.pk).exists()


def test_the_remove_button_says_why_and_what_to_do_instead(client, in_force):
    opened(in_force)
    client.force_login(in_force.manager)
    url = reverse("projects:partner_remove", args=[in_force.project.pk, in_force.partner.pk])
    response = client.post(url, follow=True)
    assert "Withdraw it instead" in response.content.decode()
    assert ProjectPartner.objects.filter(pk=in_force.partner.pk).exists()


@pytest.mark.parametrize(
    ("period", "message"),
    [(1, "Period 1 is over"), (6, "The project has 5 periods"), (None, "Choose the period")],
)
def test_a_withdrawal_period_must_be_now_or_later_within_the_project(in_force, period, message):
    opened(in_force)
    with pytest.raises(ValidationError) as refused:
        partner_withdraw(partner=in_force.partner, by=in_force.manager, from_period=period)
    assert message in refused.value.message_dict["from_period"][0]
    assert ProjectPartner.objects.get(pk=in_force.partner.pk).withdrawn_from_period is None


def test_a_partner_is_withdrawn_only_through_an_open_modification(in_force):
    with pytest.raises(PermissionDenied, match="can no longer be edited"):
        partner_withdraw(partner=in_force.partner, by=in_force.manager, from_period=3)
    opened(in_force)
    with pytest.raises(PermissionDenied):  # a viewer
        partner_withdraw(partner=in_force.partner, by=in_force.partner_user, from_period=3)
    partner_withdraw(partner=in_force.partner, by=in_force.manager, from_period=2)  # the current period: fine
    partner_reinstate(partner=in_force.partner, by=in_force.manager)
    assert ProjectPartner.objects.get(pk=in_force.partner.pk).withdrawn_from_period is None


def test_the_lead_partner_leaves_only_with_a_new_lead(in_force):
    opened(in_force)
    with pytest.raises(ValidationError) as refused:
        partner_withdraw(partner=in_force.lead, by=in_force.manager, from_period=3)
    assert "only be withdrawn with a new lead" in refused.value.message_dict["new_lead"][0]
    associated = partner_add(
        project=in_force.project,
        organisation=OrganisationFactory(country=in_force.austria),
        role=PartnerRole.ASSOCIATED,
        by=in_force.manager,
    )
    for wrong in (in_force.lead, associated):
        with pytest.raises(ValidationError, match="partners who stay"):
            partner_withdraw(partner=in_force.lead, by=in_force.manager, from_period=3, new_lead=wrong)
    assert ProjectPartner.objects.get(pk=in_force.lead.pk).role == PartnerRole.LEAD
    partner_withdraw(partner=in_force.lead, by=in_force.manager, from_period=3, new_lead=in_force.partner)
    lead, partner = (ProjectPartner.objects.get(pk=p.pk) for p in (in_force.lead, in_force.partner))
    assert (lead.role, lead.withdrawn_from_period) == (PartnerRole.PARTNER, 3)
    assert partner.role == PartnerRole.LEAD
    with pytest.raises(ValidationError, match="withdrawn partner cannot become the lead"):
        partner_make_lead(partner=lead, by=in_force.manager)


def test_a_withdrawn_partner_cannot_become_the_new_lead(in_force):
    opened(in_force)
    third = partner_add(
        project=in_force.project,
        organisation=OrganisationFactory(country=in_force.austria),
        role=PartnerRole.PARTNER,
        by=in_force.manager,
    )
    partner_withdraw(partner=third, by=in_force.manager, from_period=3)
    with pytest.raises(ValidationError, match="partners who stay"):
        partner_withdraw(partner=in_force.lead, by=in_force.manager, from_period=3, new_lead=third)


def test_a_draft_given_up_puts_the_lead_and_the_withdrawn_partner_back(in_force):
    modification = opened(in_force)
    before = live_rows(in_force.project)
    partner_withdraw(partner=in_force.lead, by=in_force.manager, from_period=3, new_lead=in_force.partner)
    assert live_rows(in_force.project) != before
    modification_withdraw(modification=modification, by=in_force.manager)
    assert live_rows(in_force.project) == before
    assert ProjectPartner.objects.get(pk=in_force.lead.pk).role == PartnerRole.LEAD


def test_the_withdraw_page_shows_the_choices_and_refuses_with_the_reason(client, in_force):
    url = reverse("projects:partner_withdraw", args=[in_force.project.pk, in_force.lead.pk])
    client.force_login(in_force.manager)
    assert "can no longer be edited" in client.get(url).content.decode()
    assert client.post(url, {"from_period": 3}).status_code == 403
    opened(in_force)
    shown = client.get(url).content.decode()
    assert 'name="new_lead"' in shown and 'value="1"' not in shown and 'value="2"' in shown
    response = client.post(url, {"from_period": 3})
    assert response.status_code == 400 and "only be withdrawn with a new lead" in response.content.decode()
    response = client.post(url, {"from_period": 3, "new_lead": in_force.partner.pk})
    assert response.status_code == 302
    assert ProjectPartner.objects.get(pk=in_force.partner.pk).role == PartnerRole.LEAD
    partners = client.get(reverse("projects:partners", args=[in_force.project.pk])).content.decode()
    assert "withdrawn from period 3" in partners
    client.force_login(in_force.partner_user)
    partner_url = reverse("projects:partner_withdraw", args=[in_force.project.pk, in_force.partner.pk])
    assert client.post(partner_url, {"from_period": 3}).status_code == 403
    client.force_login(UserFactory())
    assert client.get(partner_url).status_code == 404


# --- the checklist -----------------------------------------------------------------------------------------------


def test_withdrawn_partners_no_longer_count_in_the_partnership(in_force):
    opened(in_force)
    assert modification_problems(in_force.project) == []
    partner_withdraw(partner=in_force.partner, by=in_force.manager, from_period=3)
    messages = [p.message for p in modification_problems(in_force.project)]
    assert any("at least 2 partners" in m and "there are 1" in m for m in messages)
    assert any("at least 2 countries" in m for m in messages)
    assert any("PP2 is withdrawn from period 3 but still has a budget" in m for m in messages)
    PartnerBudgetLine.objects.filter(partner=in_force.partner, period__gte=3).update(amount=Decimal(0))
    newcomer = partner_add(
        project=in_force.project,
        organisation=OrganisationFactory(country=in_force.slovakia),
        role=PartnerRole.PARTNER,
        by=in_force.manager,
    )
    messages = [p.message for p in modification_problems(in_force.project)]
    assert not any("at least 2 partners" in m or "at least 2 countries" in m for m in messages)
    assert not any("still has a budget" in m for m in messages)
    assert any(m.startswith(f"{newcomer.abbreviation}:") for m in messages)  # the newcomer's own section to fill


# --- the work plan keeps what reports refer to -------------------------------------------------------------------


def _wp_data(work_package) -> dict:
    return {
        "title": work_package.title,
        "objectives": work_package.objectives,
        "responsible": work_package.responsible_id,
        "partner_ids": list(work_package.partners.values_list("pk", flat=True)),
        "start_period": work_package.start_period,
        "end_period": work_package.end_period,
    }


def _activity_rows(work_package, *, delete_activity=None, delete_deliverable=None) -> list[dict]:
    rows = []
    for activity in work_package.activities.order_by("number"):
        rows.append(
            {
                "pk": activity.pk,
                "delete": activity.pk == delete_activity,
                "title": activity.title,
                "description": activity.description,
                "start_period": activity.start_period,
                "end_period": activity.end_period,
                "partners": list(activity.partners.values_list("pk", flat=True)),
                "deliverables": [
                    {
                        "pk": d.pk,
                        "delete": d.pk == delete_deliverable,
                        "title": d.title,
                        "description": d.description,
                        "period": d.period,
                    }
                    for d in activity.deliverables.order_by("number")
                ],
            }
        )
    return rows


def _output_rows(work_package, *, delete=None) -> list[dict]:
    return [
        {
            "pk": o.pk,
            "delete": o.pk == delete,
            "indicator_id": o.indicator_id,
            "title": o.title,
            "description": o.description,
            "target_value": o.target_value,
            "period": o.period,
        }
        for o in work_package.outputs.order_by("number")
    ]


def _save(world, work_package, **rows):
    return work_package_save(
        project=world.project,
        work_package=work_package,
        by=world.manager,
        version=WorkPackage.objects.get(pk=work_package.pk).version,
        data=_wp_data(work_package),
        activities=rows.get("activities", _activity_rows(work_package)),
        outputs=rows.get("outputs", _output_rows(work_package)),
    )


def test_a_work_package_reported_on_cannot_be_deleted(in_force):
    package = in_force.work_package
    report = report_with_lines(in_force.partner)
    opened(in_force)
    ReportProgress.objects.create(report=report, work_package=package, text="Half done.")
    with pytest.raises(ValidationError, match="Work package 1 is referred to by partner reports"):
        work_package_delete(work_package=package, by=in_force.manager)
    assert WorkPackage.objects.filter(pk=package.pk).exists()
    assert ReportProgress.objects.filter(report=report).count() == 1


def test_a_work_package_with_expenditure_or_reported_children_cannot_be_deleted(in_force):
    package = in_force.work_package
    opened(in_force)
    report = report_with_lines(in_force.partner, lines=[{"category": "staff", "amount": "10", "work_package": package}])
    with pytest.raises(ValidationError, match="referred to by partner reports"):
        work_package_delete(work_package=package, by=in_force.manager)
    ExpenditureLine.objects.filter(report=report).update(work_package=None)
    deliverable = Deliverable.objects.get(activity__work_package=package)
    ReportProgress.objects.create(report=report, deliverable=deliverable, text="Delivered.")
    with pytest.raises(ValidationError, match="referred to by partner reports"):
        work_package_delete(work_package=package, by=in_force.manager)


def test_an_unreported_work_package_may_go_in_the_draft(in_force):
    opened(in_force)
    extra = WorkPackage.objects.create(project=in_force.project, number=2, title="Extra", start_period=1, end_period=2)
    work_package_delete(work_package=extra, by=in_force.manager)
    assert not WorkPackage.objects.filter(pk=extra.pk).exists()


def test_activities_deliverables_and_outputs_reported_on_are_kept(in_force):
    package = in_force.work_package
    opened(in_force)
    report = report_with_lines(in_force.partner)
    activity = Activity.objects.get(work_package=package)
    deliverable = Deliverable.objects.get(activity=activity)
    output = ProjectOutput.objects.get(work_package=package)
    ReportProgress.objects.create(report=report, activity=activity, text="Started.")
    with pytest.raises(ValidationError, match="Activity 1 “Measure” is referred to by partner reports"):
        _save(in_force, package, activities=_activity_rows(package, delete_activity=activity.pk))
    ReportProgress.objects.filter(report=report).delete()
    ReportProgress.objects.create(report=report, deliverable=deliverable, text="Done.")
    with pytest.raises(ValidationError, match="Deliverable 1 “Report” is referred to"):
        _save(in_force, package, activities=_activity_rows(package, delete_deliverable=deliverable.pk))
    with pytest.raises(ValidationError, match="Activity 1 “Measure” is referred to"):  # its deliverable goes with it
        _save(in_force, package, activities=_activity_rows(package, delete_activity=activity.pk))
    ReportOutput.objects.create(report=report, output=output, value=Decimal(1))
    with pytest.raises(ValidationError, match="Output 1 “Pilot” is referred to"):
        _save(in_force, package, outputs=_output_rows(package, delete=output.pk))
    assert Activity.objects.filter(pk=activity.pk).exists() and ProjectOutput.objects.filter(pk=output.pk).exists()
    _save(in_force, package)  # a save that removes nothing is fine
    assert ReportProgress.objects.filter(report=report).count() == 1


def test_the_work_package_page_shows_the_refusal(client, in_force):
    package = in_force.work_package
    opened(in_force)
    report = report_with_lines(in_force.partner)
    ReportProgress.objects.create(report=report, work_package=package, text="Half done.")
    client.force_login(in_force.manager)
    url = reverse("projects:work_package_delete", args=[in_force.project.pk, package.pk])
    response = client.post(url, follow=True)
    assert "is referred to by partner reports" in response.content.decode()
    assert WorkPackage.objects.filter(pk=package.pk).exists()


def test_the_partner_page_offers_the_withdrawal_only_in_the_draft(client, in_force):
    url = reverse("projects:partner", args=[in_force.project.pk, in_force.partner.pk])
    withdraw = reverse("projects:partner_withdraw", args=[in_force.project.pk, in_force.partner.pk])
    client.force_login(in_force.manager)
    assert withdraw not in client.get(url).content.decode()
    opened(in_force)
    assert withdraw in client.get(url).content.decode()
    client.force_login(in_force.partner_user)  # a viewer: not offered
    assert withdraw not in client.get(url).content.decode()
