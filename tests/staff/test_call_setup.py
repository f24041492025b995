"""The setup of a call in the staff workspace (and the admin): each rule refuses with its message next to its field,
nothing is half saved, the setup is frozen once an application was submitted, and assessment reads the call's own
checklist and criteria."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from interact_portal.audit.models import AuditEntry
from programmes.call_setup_forms import criteria_formset
from programmes.call_setup_services import call_funds_save, call_setup_rows_save, call_setup_save
from programmes.call_template import CRITERIA, ELIGIBILITY
from programmes.models import Call, CallCriterion, CallEligibilityItem, CallFund, StaffRole
from projects.criteria import eligibility_checklist, quality_criteria, weighted_total
from tests.factories import CallFactory, ProgrammeFactory, SpecificObjectiveFactory
from tests.staff.conftest import office, staff_member  # noqa: F401
from tests.staff.test_admin_doors import _put, change_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(db):
    """A programme with an officer and a draft call (nothing submitted: its setup may change)."""
    programme = ProgrammeFactory()
    officer = staff_member(programme, StaffRole.OFFICER)
    call = CallFactory(programme=programme, is_published=False)
    return programme, officer, call


def url(name: str, call: Call) -> str:
    return reverse(f"staff:{name}", args=[call.programme.slug, call.pk])


def page_data(form) -> dict:
    """What a browser sends back from a setup page unchanged (a form, or a formset with its management form)."""
    data = {}
    if hasattr(form, "management_form"):
        for name in form.management_form.fields:
            _put(data, form.management_form[name])
        for each in form.forms:
            for name in each.fields:
                _put(data, each[name])
    else:
        for name in form.fields:
            _put(data, form[name])
    return data


def options(**changes) -> dict:
    data = {
        "cost_categories": ["staff", "office", "travel", "external", "equipment"],
        "reporting_period_months": "6",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


# --- the default template ---------------------------------------------------------------------------------------


def test_template_copied_to_new_calls_created_in_the_staff_workspace(client, desk):
    programme, officer, _call = desk
    objective = SpecificObjectiveFactory(priority__programme=programme)
    client.force_login(officer)
    data = {
        "reference": "NEW-1",
        "title_en": "New call",
        "kind": "one_step",
        "opens_at": "2027-03-01T09:00",
        "closes_at": "2027-05-31T17:00",
        "timezone": "Europe/Brussels",
        "budget": "1000000",
        "allowed_objectives": [objective.pk],
        "max_cofinancing_rate": "75",
        "min_partners": "2",
        "min_countries": "2",
    }
    response = client.post(reverse("staff:call_new", args=[programme.slug]), data)
    call = Call.objects.get(reference="NEW-1")
    assert response.status_code == 302 and response["Location"] == url("call_setup", call)  # on to its setup
    assert [row.key for row in call.eligibility_items.all()] == [key for key, _label in ELIGIBILITY]
    assert [(row.key, row.weight) for row in call.criteria.all()] == [(c[0], c[3]) for c in CRITERIA]
    assert [(fund.fund, fund.max_rate) for fund in call.funds.all()] == [("erdf", Decimal("75.00"))]


def test_template_copied_to_new_calls_created_in_the_admin(admin_client, desk):
    programme, _officer, _call = desk
    page = admin_client.get(reverse("admin:programmes_call_add"))
    assert not [i for i in page.context["inline_admin_formsets"] if i.formset.model is CallCriterion]
    data = change_form_data(page)
    data.update(
        programme=programme.pk,
        reference="ADM-1",
        title_en="Admin call",
        kind="one_step",
        opens_at_0="2027-03-01",
        opens_at_1="09:00",
        closes_at_0="2027-05-31",
        closes_at_1="17:00",
        timezone="Europe/Brussels",
        budget="500000",
        max_cofinancing_rate="80",
        min_partners="2",
        min_countries="2",
        reporting_period_months="6",
        cost_categories=["staff", "office"],
    )
    response = admin_client.post(reverse("admin:programmes_call_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    call = Call.objects.get(reference="ADM-1")
    assert call.criteria.count() == len(CRITERIA) and call.eligibility_items.count() == len(ELIGIBILITY)
    assert call.funds.get().fund == "erdf"


def test_template_copied_to_calls_of_the_factory(desk):
    _programme, _officer, call = desk
    assert sum(call.criteria.values_list("weight", flat=True)) == 100
    assert call.funds.get().max_rate == call.max_cofinancing_rate


# --- budget rules and procedure --------------------------------------------------------------------------------


def test_simplified_cost_options_are_saved_and_audited(client, desk):
    _programme, officer, call = desk
    client.force_login(officer)
    data = options(office_flat_rate_on="on", office_flat_rate="15", preparation_lump_sum_on="on")
    data["preparation_lump_sum"] = "20000"
    assert client.post(url("call_setup", call), data).status_code == 302
    call.refresh_from_db()
    assert call.office_flat_rate == Decimal("15.00") and call.travel_flat_rate is None
    assert call.preparation_lump_sum == Decimal("20000.00")
    assert call.cost_categories == ["staff", "office", "travel", "external", "equipment"]
    assert AuditEntry.objects.filter(action="call.setup_saved", target_id=str(call.pk)).exists()


def test_four_eyes_in_control_is_part_of_the_setup(client, desk):
    _programme, officer, call = desk
    client.force_login(officer)
    assert client.post(url("call_setup", call), options(control_four_eyes="on")).status_code == 302
    call.refresh_from_db()
    assert call.control_four_eyes is True
    assert client.post(url("call_setup", call), options()).status_code == 302
    call.refresh_from_db()
    assert call.control_four_eyes is False


def test_office_rate_over_15_refused_next_to_the_field(client, desk):
    _programme, officer, call = desk
    client.force_login(officer)
    response = client.post(url("call_setup", call), options(office_flat_rate_on="on", office_flat_rate="15.01"))
    assert response.status_code == 400
    assert "at most 15" in " ".join(response.context["form"].errors["office_flat_rate"])
    html = response.content.decode()
    assert "<title>Error:" in html and 'href="#id_office_flat_rate"' in html  # the page's error summary
    call.refresh_from_db()
    assert call.office_flat_rate is None


def test_other_costs_rate_excludes_other_flat_rates(client, desk):
    _programme, officer, call = desk
    client.force_login(officer)
    data = options(other_costs_flat_rate_on="on", other_costs_flat_rate="40", travel_flat_rate_on="on")
    data["travel_flat_rate"] = "10"
    response = client.post(url("call_setup", call), data)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "cannot be combined" in " ".join(errors["other_costs_flat_rate"])
    assert "travel_flat_rate" in errors
    call.refresh_from_db()
    assert call.other_costs_flat_rate is None and call.travel_flat_rate is None


def test_other_costs_rate_excludes_other_flat_rates_in_the_service_too(desk):
    _programme, officer, call = desk
    with pytest.raises(Exception, match="cannot be combined"):
        call_setup_save(call=call, data={"other_costs_flat_rate": Decimal(40), "staff_flat_rate": 10}, by=officer)
    call.refresh_from_db()
    assert call.other_costs_flat_rate is None


def test_flat_rate_category_must_be_allowed(client, desk):
    _programme, officer, call = desk
    client.force_login(officer)
    data = options(cost_categories=["staff", "external"], office_flat_rate_on="on", office_flat_rate="10")
    response = client.post(url("call_setup", call), data)
    assert response.status_code == 400
    assert "Office and administration" in " ".join(response.context["form"].errors["office_flat_rate"])


def test_an_option_switched_on_needs_its_rate(client, desk):
    _programme, officer, call = desk
    client.force_login(officer)
    response = client.post(url("call_setup", call), options(staff_flat_rate_on="on"))
    assert response.status_code == 400 and "staff_flat_rate" in response.context["form"].errors


def test_step2_fields_shown_only_for_two_step_calls(client, desk):
    _programme, officer, call = desk
    client.force_login(officer)
    assert "step2_closes_at" not in client.get(url("call_setup", call)).context["form"].fields
    call.kind = "two_step"
    call.save()
    response = client.post(url("call_setup", call), options())
    assert response.status_code == 400 and "step2_closes_at" in response.context["form"].errors  # required


def test_step2_deadline_after_step1(client, desk):
    _programme, officer, call = desk
    call.kind, call.timezone = "two_step", "Europe/Vienna"
    call.save()
    client.force_login(officer)
    local_close = call.closes_at.astimezone(__import__("zoneinfo").ZoneInfo("Europe/Vienna"))
    too_early = (local_close - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(url("call_setup", call), options(step2_closes_at=too_early))
    assert response.status_code == 400
    assert "after step 1 closes" in " ".join(response.context["form"].errors["step2_closes_at"])
    later = (local_close + timedelta(days=60)).replace(hour=17, minute=0)
    data = options(step2_closes_at=later.strftime("%Y-%m-%dT%H:%M"), step1_sections=["description"])
    assert client.post(url("call_setup", call), data).status_code == 302
    call.refresh_from_db()
    assert call.step2_closes_at == later.replace(second=0, microsecond=0)  # typed in the call's time zone
    assert call.step1_sections == ["description", "identification", "partners"] or set(call.step1_sections) == {
        "identification",
        "description",
        "partners",
    }


def test_a_one_step_call_keeps_no_step2(desk):
    _programme, officer, call = desk
    call_setup_save(call=call, data={"step2_closes_at": call.closes_at + timedelta(days=9)}, by=officer)
    call.refresh_from_db()
    assert call.step2_closes_at is None


# --- funds ------------------------------------------------------------------------------------------------------


def test_funds_of_the_call_with_their_rates(client, desk):
    _programme, officer, call = desk
    client.force_login(officer)
    data = {"erdf_offered": "on", "erdf_rate": "80", "ipa_offered": "on", "ipa_rate": "85"}
    assert client.post(url("call_setup_funds", call), data).status_code == 302
    assert dict(call.funds.values_list("fund", "max_rate")) == {"erdf": Decimal("80.00"), "ipa": Decimal("85.00")}


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({}, "__all__", "at least one fund"),
        ({"ndici_offered": "on", "ndici_rate": "101"}, "ndici_rate", "0 to 100"),
        ({"ndici_offered": "on"}, "ndici_rate", "maximum co-financing rate"),
    ],
)
def test_funds_refuse_bad_input_next_to_the_field(client, desk, data, field, message):
    _programme, officer, call = desk
    client.force_login(officer)
    response = client.post(url("call_setup_funds", call), data)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert list(call.funds.values_list("fund", flat=True)) == ["erdf"]


def test_at_least_one_fund_in_the_service(desk):
    _programme, officer, call = desk
    with pytest.raises(Exception, match="at least one fund"):
        call_funds_save(call=call, funds={}, by=officer)
    assert call.funds.count() == 1


# --- form fields ------------------------------------------------------------------------------------------------


def test_form_rules_store_only_what_differs_from_the_default(client, desk):
    _programme, officer, call = desk
    client.force_login(officer)
    page = client.get(url("call_setup_form", call))
    form = page.context["form"]
    data = page_data(form)
    context_field = next(name for name, spec in form.specs.items() if spec.key == "description.context")
    annex_field = next(name for name, spec in form.specs.items() if spec.key == "annexes.any")
    data[f"{context_field}_limit"] = "3000"
    data[f"{annex_field}_required"] = "on"
    assert client.post(url("call_setup_form", call), data).status_code == 302
    call.refresh_from_db()
    assert call.form_rules == {"description.context": {"limit": 3000}, "annexes.any": {"required": True}}


def test_a_character_limit_must_be_positive(client, desk):
    _programme, officer, call = desk
    client.force_login(officer)
    page = client.get(url("call_setup_form", call))
    data = page_data(page.context["form"])
    data["f0_limit"] = "0"
    response = client.post(url("call_setup_form", call), data)
    assert response.status_code == 400 and "f0_limit" in response.context["form"].errors
    call.refresh_from_db()
    assert call.form_rules == {}


# --- checklist and criteria -------------------------------------------------------------------------------------


def test_checklist_items_are_added_reworded_removed_and_ordered(client, desk):
    _programme, officer, call = desk
    client.force_login(officer)
    formset = client.get(url("call_setup_checklist", call)).context["form"]
    data = page_data(formset)
    data["items-0-label"] = "Submitted on time"  # reworded
    data["items-1-DELETE"] = "on"  # removed
    data["items-2-order"] = "99"
    new = len(formset.forms) - 2  # the first empty row
    data[f"items-{new}-label"] = "The partnership agreement is signed"
    data[f"items-{new}-order"] = "1"
    assert client.post(url("call_setup_checklist", call), data).status_code == 302
    rows = list(call.eligibility_items.all())
    assert rows[0].key == "in_time" and rows[1].key.startswith("the_partnership_agree")  # a key from its wording
    assert rows[0].text == "Submitted on time" and "partnership" not in [row.key for row in rows]
    assert rows[-1].key == "lead_partner"
    assert rows[2].label == ""  # an unchanged default wording stays the translatable default


def test_a_new_checklist_item_needs_its_wording(desk):
    _programme, _officer, call = desk
    from programmes.call_setup_forms import eligibility_formset

    formset = eligibility_formset(call)
    data = page_data(formset)
    new = len(formset.forms) - 2
    data[f"items-{new}-order"] = "3"
    bound = eligibility_formset(call, data)
    assert not bound.is_valid() and "label" in bound.forms[new].errors


def test_weights_must_add_up_to_100(client, desk):
    _programme, officer, call = desk
    client.force_login(officer)
    data = page_data(client.get(url("call_setup_criteria", call)).context["form"])
    data["criteria-0-weight"] = "20"  # 30 → 20: 90 in all
    response = client.post(url("call_setup_criteria", call), data)
    assert response.status_code == 400
    formset = response.context["form"]
    assert "add up to 90" in " ".join(formset.non_form_errors())  # the summary above the table
    assert "add up to 90" in " ".join(formset.forms[0].errors["weight"])  # next to the field
    summary = response.content.decode().split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    assert summary.count(formset.non_form_errors()[0]) == 1  # listed once in the page's error summary
    assert call.criteria.get(key="relevance").weight == 30


def test_criteria_are_changed_with_weights_adding_up_to_100(client, desk):
    _programme, officer, call = desk
    client.force_login(officer)
    formset = client.get(url("call_setup_criteria", call)).context["form"]
    data = page_data(formset)
    data["criteria-4-DELETE"] = "on"  # budget (10) removed
    new = len(formset.forms) - 1
    data.update(
        {
            f"criteria-{new}-label": "Contribution to the climate objectives",
            f"criteria-{new}-short_name": "Climate",
            f"criteria-{new}-weight": "10",
            f"criteria-{new}-sections": ["description", "results"],
            f"criteria-{new}-order": "5",
        }
    )
    assert client.post(url("call_setup_criteria", call), data).status_code == 302
    rows = list(call.criteria.all())
    assert [row.key for row in rows] == ["relevance", "partnership", "work_plan", "results", "climate"]
    assert rows[-1].sections == ["description", "results"] and rows[-1].name == "Climate"
    assert AuditEntry.objects.filter(action="call.criteria_saved", target_id=str(call.pk)).exists()


def test_never_a_half_saved_setup(desk):
    """The service checks the saved rows again: a formset it gets unchecked (as a client might) is rolled back."""
    _programme, officer, call = desk
    data = page_data(criteria_formset(call))
    data["criteria-0-weight"] = "50"
    formset = criteria_formset(call, data)
    formset.full_clean = lambda: None  # skip the form's own check: the service is the last door
    formset._errors, formset._non_form_errors = [{} for _ in formset.forms], formset.error_class()
    for form in formset.forms:
        form.is_valid()
    with pytest.raises(Exception, match="add up to 100"):
        call_setup_rows_save(call=call, formset=formset, by=officer)
    assert call.criteria.get(key="relevance").weight == 30


# --- the lock ---------------------------------------------------------------------------------------------------


SETUP_PAGES = ["call_setup", "call_setup_funds", "call_setup_form", "call_setup_checklist", "call_setup_criteria"]


@pytest.mark.parametrize("page", SETUP_PAGES)
def test_setup_locked_after_first_submission(client, office, page):  # noqa: F811
    call = office.call  # published, with a submitted application
    client.force_login(office.officer)
    response = client.get(url(page, call))
    assert response.status_code == 200 and response.context["locked"]
    assert "setup is fixed" in response.content.decode()
    form = response.context["form"]
    assert all(f.disabled for each in getattr(form, "forms", [form]) for f in each.fields.values())
    before = (list(CallFund.objects.filter(call=call).values_list("fund", "max_rate")), call.form_rules)
    posted = client.post(url(page, call), page_data(form))
    assert posted.status_code == 400 and "setup is fixed" in posted.content.decode()
    call.refresh_from_db()
    assert (list(CallFund.objects.filter(call=call).values_list("fund", "max_rate")), call.form_rules) == before


def test_setup_locked_after_first_submission_in_the_services(office):  # noqa: F811
    call, officer = office.call, office.officer
    with pytest.raises(Exception, match="setup is fixed"):
        call_setup_save(call=call, data={"reporting_period_months": 3}, by=officer)
    with pytest.raises(Exception, match="setup is fixed"):
        call_funds_save(call=call, funds={"ipa": Decimal(50)}, by=officer)
    with pytest.raises(Exception, match="setup is fixed"):
        call_setup_rows_save(call=call, formset=criteria_formset(call, {}), by=officer)


def test_setup_locked_after_first_submission_also_through_the_admin(admin_client, office):  # noqa: F811
    call = office.call
    change = reverse("admin:programmes_call_change", args=[call.pk])
    page = admin_client.get(change)
    for inline in page.context["inline_admin_formsets"]:
        if inline.formset.model in (CallFund, CallEligibilityItem, CallCriterion):
            assert not inline.has_add_permission and not inline.has_change_permission
            assert not inline.has_delete_permission
    assert "office_flat_rate" not in page.context["adminform"].form.fields  # read-only: one of CALL_RULES
    data = change_form_data(page)
    data["criteria-0-weight"] = "1"
    data["funds-0-max_rate"] = "10"
    admin_client.post(change, data)
    assert call.criteria.get(key="relevance").weight == 30
    assert call.funds.get().max_rate == Decimal("80.00")


def test_admin_refuses_weights_not_adding_up_to_100(admin_client, desk):
    _programme, _officer, call = desk
    change = reverse("admin:programmes_call_change", args=[call.pk])
    data = change_form_data(admin_client.get(change))
    data["criteria-0-weight"] = "31"
    response = admin_client.post(change, data)
    assert response.status_code == 200 and "add up to 101" in response.content.decode()
    assert call.criteria.get(key="relevance").weight == 30


def test_admin_refuses_other_costs_with_another_flat_rate(admin_client, desk):
    _programme, _officer, call = desk
    change = reverse("admin:programmes_call_change", args=[call.pk])
    data = change_form_data(admin_client.get(change))
    data.update(other_costs_flat_rate="40", office_flat_rate="10")
    response = admin_client.post(change, data)
    assert response.status_code == 200 and "cannot be combined" in response.content.decode()
    call.refresh_from_db()
    assert call.other_costs_flat_rate is None


# --- assessment reads the call's own checklist and criteria ----------------------------------------------------


def test_per_call_criteria_change_the_weighted_score(desk):
    _programme, _officer, call = desk
    scores = {"relevance": 5, "partnership": 1, "work_plan": 1, "results": 1, "budget": 1}
    assert weighted_total(call, scores) == Decimal("2.20")  # default weights: (150 + 20 + 25 + 15 + 10) / 100
    CallCriterion.objects.filter(call=call, key="relevance").update(weight=60)
    CallCriterion.objects.filter(call=call, key="work_plan").update(weight=5)
    CallCriterion.objects.filter(call=call, key="partnership").update(weight=10)
    CallCriterion.objects.filter(call=call, key="results").update(weight=15)
    CallCriterion.objects.filter(call=call, key="budget").update(weight=10)
    assert weighted_total(call, scores) == Decimal("3.40")  # (300 + 10 + 5 + 15 + 10) / 100


def test_per_call_criteria_change_the_weighted_score_an_assessor_records(client, office):  # noqa: F811
    from projects.services.assessment import assessors_assign, eligibility_record, quality_record

    from .conftest import all_passed

    call = office.call
    CallCriterion.objects.filter(call=call).exclude(key__in=["relevance", "budget"]).delete()
    CallCriterion.objects.filter(call=call, key="relevance").update(weight=75)
    CallCriterion.objects.filter(call=call, key="budget").update(weight=25, short_name="Money")
    eligibility_record(project=office.project, by=office.officer, results=all_passed())
    assessors_assign(project=office.project, by=office.officer, assessors=[office.assessor])
    client.force_login(office.assessor)
    quality = reverse("staff:quality", args=[office.programme.slug, office.project.pk])
    assert list(client.get(quality).context["form"].keys) == ["relevance", "budget"]
    assessment = quality_record(
        project=office.project, by=office.assessor, scores={"relevance": (4, ""), "budget": (2, "")}
    )
    assert assessment.total_score == Decimal("3.50")
    page = client.get(reverse("staff:application", args=[office.programme.slug, office.project.pk]))
    assert "Money (25 %)" in page.content.decode()


def test_the_eligibility_check_asks_the_calls_own_items(client, office):  # noqa: F811
    call = office.call
    CallEligibilityItem.objects.create(call=call, key="agreement", label="The partnership agreement is signed", order=9)
    assert ("agreement", "The partnership agreement is signed") in eligibility_checklist(call)
    client.force_login(office.officer)
    page = client.get(reverse("staff:eligibility", args=[office.programme.slug, office.project.pk]))
    assert "The partnership agreement is signed" in page.content.decode()


def test_a_call_without_rows_of_its_own_is_assessed_against_the_default_template(desk):
    _programme, _officer, call = desk
    call.criteria.all().delete()
    call.eligibility_items.all().delete()
    assert [c.key for c in quality_criteria(call)] == [c[0] for c in CRITERIA]
    assert [key for key, _label in eligibility_checklist(call)] == [key for key, _label in ELIGIBILITY]


# --- query counts -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("page", SETUP_PAGES)
def test_setup_pages_cost_the_same_queries_with_more_rows(client, desk, page, django_assert_num_queries):
    _programme, officer, call = desk
    client.force_login(officer)
    CallCriterion.objects.filter(call=call).exclude(key="relevance").delete()
    CallCriterion.objects.filter(call=call).update(weight=100)
    CallEligibilityItem.objects.filter(call=call).exclude(key="in_time").delete()
    client.get(url(page, call))  # warm the caches (content types, session)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url(page, call)).status_code == 200
    CallCriterion.objects.filter(call=call).update(weight=5)
    CallCriterion.objects.bulk_create(CallCriterion(call=call, key=f"c{n}", weight=5) for n in range(19))
    CallEligibilityItem.objects.bulk_create(CallEligibilityItem(call=call, key=f"i{n}") for n in range(19))
    CallFund.objects.bulk_create(CallFund(call=call, fund=fund, max_rate=50) for fund in ["ipa", "ndici", "national"])
    with django_assert_num_queries(len(few)):
        assert client.get(url(page, call)).status_code == 200


def test_the_admin_change_page_of_a_call_costs_the_same_queries_with_more_setup_rows(admin_client, desk):
    _programme, _officer, call = desk
    change = reverse("admin:programmes_call_change", args=[call.pk])
    admin_client.get(change)
    with CaptureQueriesContext(connection) as few:
        assert admin_client.get(change).status_code == 200
    CallCriterion.objects.bulk_create(CallCriterion(call=call, key=f"c{n}", weight=1) for n in range(20))
    CallEligibilityItem.objects.bulk_create(CallEligibilityItem(call=call, key=f"i{n}") for n in range(20))
    with CaptureQueriesContext(connection) as many:
        assert admin_client.get(change).status_code == 200
    assert len(many) == len(few)


def test_the_admin_change_page_of_a_locked_call_costs_the_same_queries_with_more_setup_rows(admin_client, office):  # noqa: F811
    call = office.call  # locked: its setup rows are shown read-only
    change = reverse("admin:programmes_call_change", args=[call.pk])
    admin_client.get(change)
    with CaptureQueriesContext(connection) as few:
        assert admin_client.get(change).status_code == 200
    CallCriterion.objects.bulk_create(CallCriterion(call=call, key=f"c{n}", weight=1) for n in range(20))
    CallFund.objects.bulk_create(CallFund(call=call, fund=fund, max_rate=50) for fund in ["ipa", "ndici", "national"])
    with CaptureQueriesContext(connection) as many:
        assert admin_client.get(change).status_code == 200
    assert len(many) == len(few)


def test_publishing_needs_a_complete_setup(desk):
    from programmes.services import call_publish

    programme, officer, call = desk
    call.allowed_objectives.set([SpecificObjectiveFactory(priority__programme=programme)])
    call.kind = "two_step"
    call.save()
    with pytest.raises(Exception, match="deadline of step 2"):
        call_publish(call=call, by=officer)
    call_setup_save(call=call, data={"step2_closes_at": call.closes_at + timedelta(days=30)}, by=officer)
    call.funds.all().delete()
    with pytest.raises(Exception, match="at least one fund"):
        call_publish(call=call, by=officer)
    call_funds_save(call=call, funds={"erdf": Decimal(80)}, by=officer)
    assert call_publish(call=call, by=officer).is_published


def test_step2_deadline_after_step1_when_the_call_form_moves_the_closing_time(client, desk):
    _programme, officer, call = desk
    call.kind, call.step2_closes_at = "two_step", call.closes_at + timedelta(days=1)
    call.save()
    client.force_login(officer)
    page = client.get(reverse("staff:call_edit", args=[call.programme.slug, call.pk]))
    data = page_data(page.context["form"])
    data["closes_at"] = (call.closes_at + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(reverse("staff:call_edit", args=[call.programme.slug, call.pk]), data)
    assert response.status_code == 400 and "after step 1 closes" in response.content.decode()
    before = call.closes_at
    call.refresh_from_db()
    assert call.closes_at == before


def test_a_call_turned_one_step_drops_its_step2(client, desk):
    _programme, officer, call = desk
    call.kind, call.step2_closes_at = "two_step", call.closes_at + timedelta(days=1)
    call.save()
    client.force_login(officer)
    page = client.get(reverse("staff:call_edit", args=[call.programme.slug, call.pk]))
    data = page_data(page.context["form"]) | {"kind": "one_step"}
    assert client.post(reverse("staff:call_edit", args=[call.programme.slug, call.pk]), data).status_code == 302
    call.refresh_from_db()
    assert call.step2_closes_at is None and call.step1_sections == []


def test_a_weight_of_zero_is_refused_next_to_the_field(client, desk):
    """Found by the generated input: the message of a weight out of range once broke the page (a 500)."""
    _programme, officer, call = desk
    client.force_login(officer)
    data = page_data(client.get(url("call_setup_criteria", call)).context["form"])
    data["criteria-3-weight"] = "0"
    response = client.post(url("call_setup_criteria", call), data)
    assert response.status_code == 400
    assert "from 1 to 100 %" in " ".join(response.context["form"].forms[3].errors["weight"])
