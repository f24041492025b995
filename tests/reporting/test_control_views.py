"""The controller's pages: the workspace, the control page and its forms, access (404 for everyone but the report's
controllers, the certificate for those who see the report), and constant query counts."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from projects.models import ControllerAssignment, LineControl, PartnerReport
from projects.reporting_workflow import PartnerReportStatus
from projects.services import control
from tests.factories import UserFactory
from tests.fuzz.strategies import HOSTILE, NUMBER
from tests.reporting.conftest import report_with_lines

pytestmark = pytest.mark.django_db

COMPLETE = {
    **dict.fromkeys(control.CHECKLIST_KEYS, "yes"),
    **{f"{key}_comment": "" for key in control.CHECKLIST_KEYS},
}


def lines(n: int) -> list[dict]:
    return [{"category": "staff", "amount": f"{100 + i}"} for i in range(n)]


def page(report) -> str:
    return reverse("control:report", args=[report.pk])


def test_the_controller_sees_the_nav_link_and_the_workspace(client, contracted):
    report = report_with_lines(contracted.partner, lines=lines(2), status="submitted")
    report_with_lines(contracted.project.partners.get(role="lead"))  # a draft: not for the controller
    client.force_login(contracted.controller)
    home = client.get("/")
    assert reverse("control:workspace") in home.content.decode()
    response = client.get(reverse("control:workspace"))
    assert response.status_code == 200
    assert list(response.context["reports"]) == [report]  # the draft is not there
    assert client.get(reverse("control:workspace"), {"status": "certified"}).context["reports"] == []


def test_an_applicant_has_no_nav_link_and_no_workspace(client, contracted):
    client.force_login(contracted.manager)
    assert reverse("control:workspace") not in client.get("/").content.decode()
    assert client.get(reverse("control:workspace")).status_code == 404


def test_the_control_page_is_404_for_everyone_but_the_partners_controllers(client, contracted):
    report = report_with_lines(contracted.partner, lines=lines(2), status="submitted")
    lead = contracted.project.partners.get(role="lead")
    other = UserFactory()
    from programmes.models import ProgrammeStaff

    ProgrammeStaff.objects.create(programme=contracted.programme, user=other, role="controller")
    ControllerAssignment.objects.create(programme=contracted.programme, controller=other, partner=lead)
    for user in (other, contracted.manager, contracted.partner_user, contracted.finance, contracted.programme_manager):
        client.force_login(user)
        assert client.get(page(report)).status_code == 404, user
        assert client.post(reverse("control:start", args=[report.pk])).status_code == 404
    client.force_login(contracted.controller2)
    assert client.get(page(report)).status_code == 200


def test_the_whole_control_through_the_pages(client, contracted):
    report = report_with_lines(contracted.partner, lines=lines(3), status="submitted")
    first, second, third = report.lines.order_by("number")
    client.force_login(contracted.controller)
    assert client.post(reverse("control:start", args=[report.pk])).status_code == 302
    response = client.get(page(report))
    assert "Certify all remaining lines" in response.content.decode()
    url = reverse("control:line", args=[report.pk, second.pk])
    bad = client.post(url, {"decision": "deducted", "deducted": "999", "error_type": "vat", "note": "x"})
    assert bad.status_code == 400
    html = bad.content.decode()
    assert "above the declared amount of 101.00 EUR" in html and f'href="#deducted-{second.pk}"' in html
    ok = client.post(url, {"decision": "deducted", "deducted": "1.50", "error_type": "vat", "note": "VAT"})
    assert ok.status_code == 302
    client.post(reverse("control:line", args=[report.pk, third.pk]), {"decision": "parked", "note": "Next time."})
    client.post(reverse("control:certify_remaining", args=[report.pk]))
    response = client.post(reverse("control:finalise", args=[report.pk]), follow=True)
    assert "Answer every checklist item" in response.content.decode()
    bad = client.post(reverse("control:checklist", args=[report.pk]), {**COMPLETE, "vat": "no"})
    assert bad.status_code == 400 and "Explain the “no” in a comment." in bad.content.decode()
    client.post(reverse("control:checklist", args=[report.pk]), {**COMPLETE, "conclusion": "Fine."})
    response = client.post(reverse("control:finalise", args=[report.pk]), follow=True)
    assert "The report is certified." in response.content.decode()
    report.refresh_from_db()
    assert report.status == PartnerReportStatus.CERTIFIED
    assert dict(report.lines.values_list("number", "control")) == {1: "certified", 2: "deducted", 3: "parked"}
    amounts = client.get(page(report)).context["amounts"]
    assert amounts.deducted == Decimal("1.50") and amounts.parked == Decimal("102.00")


def test_four_eyes_through_the_pages(client, contracted):
    contracted.call.control_four_eyes = True
    contracted.call.save(update_fields=["control_four_eyes"])
    report = report_with_lines(contracted.partner, lines=lines(1), status="submitted")
    client.force_login(contracted.controller)
    client.post(reverse("control:start", args=[report.pk]))
    client.post(reverse("control:certify_remaining", args=[report.pk]))
    client.post(reverse("control:checklist", args=[report.pk]), {**COMPLETE, "conclusion": "Fine."})
    client.post(reverse("control:finalise", args=[report.pk]))
    response = client.get(page(report))
    assert "a second controller must confirm it" in response.content.decode()
    refused = client.post(reverse("control:confirm", args=[report.pk]), follow=True)
    assert "a second controller must confirm it" in refused.content.decode()
    client.force_login(contracted.controller2)
    assert client.post(reverse("control:send_back", args=[report.pk]), {"reason": ""}).status_code == 400
    client.post(reverse("control:send_back", args=[report.pk]), {"reason": "Look again."})
    assert PartnerReport.objects.get(pk=report.pk).status == PartnerReportStatus.IN_CONTROL


def test_reopen_through_the_page(client, contracted):
    report = report_with_lines(contracted.partner, lines=lines(1), status="submitted")
    client.force_login(contracted.controller)
    assert client.post(reverse("control:reopen", args=[report.pk]), {"scope": "all"}).status_code == 400
    response = client.post(reverse("control:reopen", args=[report.pk]), {"scope": "content", "reason": "WP2 text."})
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.reopen_scope) == ("draft", "content")
    html = client.get(page(report)).content.decode()  # still listed (submitted once), nothing to do until resubmitted
    assert "Take this report into control" not in html and "Reopen the report" not in html


def test_the_certificate_is_for_those_who_see_the_report(client, contracted):
    report = report_with_lines(
        contracted.partner,
        lines=[{"category": "staff", "amount": "100", "control": LineControl.CERTIFIED}],
        status="certified",
    )
    PartnerReport.objects.filter(pk=report.pk).update(
        finalised_by=contracted.controller, certified_at=report.submitted_at
    )
    url = reverse("projects:control_certificate", args=[report.pk])
    client.force_login(contracted.partner_user)
    assert client.get(url).status_code == 404  # not produced yet
    assert control.control_certificate_render(report_id=report.pk)
    assert not control.control_certificate_render(report_id=report.pk)  # once
    for user in (contracted.partner_user, contracted.manager, contracted.controller, contracted.finance):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, user
        assert response["Content-Disposition"].startswith("attachment")
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404


def _many_reports(contracted, n: int):
    for period in range(1, n + 1):
        report_with_lines(contracted.partner, period=period, lines=lines(1), status="submitted")


@pytest.mark.parametrize("view", ["workspace", "report"])
def test_constant_queries(client, contracted, view):
    counts = []
    for n in (2, 20):
        PartnerReport.objects.all().delete()
        if view == "workspace":
            _many_reports(contracted, n)
            url = reverse("control:workspace")
        else:
            report = report_with_lines(contracted.partner, lines=lines(n), status="submitted")
            control.control_start(report=report, by=contracted.controller)
            url = page(report)
        client.force_login(contracted.controller)
        client.get(url)  # the session's first request loads more (second factor, caches)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    assert counts[0] <= 10  # measured: 5 (workspace) and 7 (control page)


def test_the_lines_are_paginated(client, contracted):
    report = report_with_lines(contracted.partner, lines=lines(55), status="submitted")
    client.force_login(contracted.controller)
    first = client.get(page(report))
    assert len(first.context["lines"]) == 50 and first.context["next_after"] == 50
    second = client.get(page(report), {"after": 50})
    assert [line.number for line in second.context["lines"]] == [51, 52, 53, 54, 55]


@pytest.mark.django_db
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    decision=st.one_of(st.sampled_from(["certified", "deducted", "parked", "pending"]), HOSTILE),
    deducted=st.one_of(NUMBER, HOSTILE),
    error_type=st.one_of(st.just("vat"), HOSTILE),
    note=HOSTILE,
    answer=st.one_of(st.sampled_from(["yes", "no", "na"]), HOSTILE),
)
def test_hostile_input_is_refused_by_the_field_never_a_500(
    client, contracted, decision, deducted, error_type, note, answer
):
    report = PartnerReport.objects.filter(partner=contracted.partner).first()
    if report is None:
        report = report_with_lines(contracted.partner, lines=lines(2), status="submitted")
        control.control_start(report=report, by=contracted.controller)
    client.force_login(contracted.controller)
    line = report.lines.get(number=1)
    post = {"decision": decision, "deducted": deducted, "error_type": error_type, "note": note}
    assert client.post(reverse("control:line", args=[report.pk, line.pk]), post).status_code in (302, 400)
    data = {**COMPLETE, "vat": answer, "vat_comment": note, "findings": note, "conclusion": note}
    assert client.post(reverse("control:checklist", args=[report.pk]), data).status_code in (302, 400)
    assert client.get(page(report), {"after": note[:20]}).status_code == 200
    assert client.post(reverse("control:reopen", args=[report.pk]), {"scope": answer, "reason": ""}).status_code == 400
