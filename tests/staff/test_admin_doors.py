"""The admin is a client of the services, not a side entrance: a call's published flag, its locked rules and its
times, and an application's partners, collaborators, assessments and decisions change there only as the workflow
allows (or not at all)."""

from datetime import timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.forms import MultiWidget
from django.urls import reverse
from django.utils import timezone

from interact_portal.audit.models import AuditEntry
from projects.models import Assessment, Decision
from projects.services.assessment import eligibility_record
from tests.factories import CallFactory
from tests.staff.conftest import all_passed, office  # noqa: F401

pytestmark = pytest.mark.django_db


def _put(data: dict, bound) -> None:
    value, widget = bound.value(), bound.field.widget
    if isinstance(widget, MultiWidget):
        for n, part in enumerate(widget.decompress(value)):
            data[f"{bound.html_name}_{n}"] = "" if part is None else str(part)
    elif isinstance(value, list | tuple):
        data[bound.html_name] = [str(v) for v in value]
    elif isinstance(value, bool):
        if value:
            data[bound.html_name] = "on"
    elif value is not None:
        data[bound.html_name] = str(value)


def change_form_data(response) -> dict:
    """What a browser would send back from an admin change page, unchanged: the form and every inline."""
    data = {}
    form = response.context["adminform"].form
    for name in form.fields:
        _put(data, form[name])
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name in formset.management_form.fields:
            _put(data, formset.management_form[name])
        for inline_form in formset.forms:
            for name in inline_form.fields:
                _put(data, inline_form[name])
    return data


def test_the_admin_cannot_change_the_rules_nor_the_flag_of_a_locked_call(admin_client, office):  # noqa: F811
    call = office.call  # published, with a submitted application: its rules are fixed
    url = reverse("admin:programmes_call_change", args=[call.pk])
    data = change_form_data(admin_client.get(url))
    data.update(min_partners="1", title_en="Renamed in the admin")
    data.pop("is_published", None)  # unticked
    data["closes_at_0"] = str((call.closes_at + timedelta(days=30)).date())
    admin_client.post(url, data)
    before = call.closes_at
    call.refresh_from_db()
    assert (call.min_partners, call.closes_at, call.is_published) == (2, before, True)
    assert call.title == "Renamed in the admin"  # what is not a rule still changes


def test_publishing_in_the_admin_goes_through_call_publish(admin_client, office):  # noqa: F811
    call = CallFactory(programme=office.programme, is_published=False)  # no objective yet: not publishable
    changelist = reverse("admin:programmes_call_changelist")
    response = admin_client.post(changelist, {"action": "publish_calls", "_selected_action": [call.pk]}, follow=True)
    call.refresh_from_db()
    assert not call.is_published
    assert "Choose at least one specific objective" in response.content.decode()
    call.allowed_objectives.set([office.objective])
    admin_client.post(changelist, {"action": "publish_calls", "_selected_action": [call.pk]})
    call.refresh_from_db()
    assert call.is_published and AuditEntry.objects.filter(action="call.published", target_id=str(call.pk)).exists()
    response = admin_client.post(changelist, {"action": "withdraw_calls", "_selected_action": [office.call.pk]})
    office.call.refresh_from_db()
    assert office.call.is_published  # applications were started under it: it stays


def test_times_typed_in_the_admin_are_in_the_calls_time_zone(admin_client, office):  # noqa: F811
    call = CallFactory(programme=office.programme, is_published=False, timezone="Europe/Helsinki")
    url = reverse("admin:programmes_call_change", args=[call.pk])
    data = change_form_data(admin_client.get(url))
    year = timezone.now().year + 1
    data.update(opens_at_0=f"{year}-03-02", opens_at_1="10:00", closes_at_0=f"{year}-05-04", closes_at_1="10:00")
    assert admin_client.post(url, data).status_code == 302
    call.refresh_from_db()
    local = call.opens_at.astimezone(ZoneInfo("Europe/Helsinki"))
    assert (local.hour, local.minute) == (10, 0)


def test_a_submitted_applications_partners_and_collaborators_are_read_only_in_the_admin(admin_client, office):  # noqa: F811
    project = office.project
    url = reverse("admin:projects_project_change", args=[project.pk])
    page = admin_client.get(url)
    assert 'name="partners-0-budget"' not in page.content.decode(), "the partners inline offers a budget to edit"
    data = change_form_data(page)
    data.update({key: "1" for key in data if key.endswith("-budget")}, status="approved")
    admin_client.post(url, data)
    office.partner.refresh_from_db()
    project.refresh_from_db()
    assert office.partner.budget == Decimal("100000") and project.status == "submitted"
    partner_url = reverse("admin:partnerships_projectpartner_change", args=[office.partner.pk])
    assert admin_client.post(partner_url, {"budget": "1"}).status_code == 403
    collaborator = project.collaborators.first()
    collaborator_url = reverse("admin:projects_projectcollaborator_change", args=[collaborator.pk])
    assert admin_client.post(collaborator_url, {"level": "view"}).status_code == 403
    assert admin_client.get(reverse("admin:partnerships_projectpartner_add")).status_code == 403


def test_assessments_and_decisions_are_read_only_in_the_admin(admin_client, office):  # noqa: F811
    eligibility_record(project=office.project, by=office.officer, results=all_passed())
    check = Assessment.objects.get(project=office.project)
    url = reverse("admin:projects_assessment_change", args=[check.pk])
    assert admin_client.get(url).status_code == 200  # to read
    assert admin_client.post(url, {"passed": ""}).status_code == 403
    assert admin_client.post(reverse("admin:projects_assessment_delete", args=[check.pk])).status_code == 403
    assert admin_client.get(reverse("admin:projects_decision_add")).status_code == 403
    assert admin_client.get(reverse("admin:projects_assessmentitem_add")).status_code == 403
    check.refresh_from_db()
    assert check.passed is True and not Decision.objects.exists()
