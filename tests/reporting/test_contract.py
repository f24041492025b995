"""The contract after the contract: the schedule generated when it is recorded, the staff contract page (data,
managers, documents) and the applicants' read-only page; who may see and who may edit."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from interact_portal.audit.models import AuditEntry
from programmes.models import ProgrammeStaff, StaffRole
from projects.models import ContractDocument, ProjectContract, ProjectManagerContact, ReportingDeadline
from projects.services.contracting import (
    DEADLINE_MONTHS_AFTER_PERIOD,
    add_months,
    contract_save,
    period_dates,
    reporting_schedule_generate,
)
from projects.services.decisions import contract_record
from projects.workflow import Status
from tests.factories import ProgrammeFactory, UserFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4 the signed contract"


def staff_url(contracted, name, *more):
    return reverse(f"staff:{name}", args=[contracted.programme.slug, contracted.project.pk, *more])


def test_add_months_keeps_the_day_or_takes_the_month_end():
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2025, 11, 15), 3) == date(2026, 2, 15)
    assert add_months(date(2025, 3, 1), -3) == date(2024, 12, 1)


def test_recording_the_contract_generates_one_deadline_per_period(contracted):
    project = contracted.project
    project.status = Status.APPROVED
    project.save(update_fields=["status"])
    contract_record(project=project, by=contracted.staff, start_date=date(2025, 1, 1), end_date=date(2027, 6, 30))
    deadlines = list(ReportingDeadline.objects.filter(project=project).order_by("period"))
    # 30 months in periods of 6 (the call's default): five periods, due 3 months after each ends
    assert [d.period for d in deadlines] == [1, 2, 3, 4, 5]
    assert [d.due_date for d in deadlines] == [
        date(2025, 9, 30),
        date(2026, 3, 31),
        date(2026, 9, 30),
        date(2027, 3, 31),
        date(2027, 9, 30),
    ]
    assert DEADLINE_MONTHS_AFTER_PERIOD == 3
    assert [d.final for d in deadlines] == [False, False, False, False, True]
    assert {d.kind for d in deadlines} == {"both"}
    # once only: a second generation keeps the (maybe edited) schedule
    assert len(reporting_schedule_generate(project)) == 5
    assert ReportingDeadline.objects.filter(project=project).count() == 5


def test_period_dates_follow_the_start_date(contracted):
    contracted.project.start_date = date(2025, 3, 15)
    periods = period_dates(contracted.project)
    assert periods[1].starts == date(2025, 3, 15) and periods[1].ends == date(2025, 9, 14)
    assert periods[2].starts == date(2025, 9, 15)


@pytest.mark.parametrize(
    ("who", "status"),
    [("staff", 200), ("programme_manager", 200), ("finance", 403), ("controller", 404), ("manager", 404)],
)
def test_staff_contract_page_access(client, contracted, who, status):
    client.force_login(getattr(contracted, who))
    response = client.get(staff_url(contracted, "contract_edit"))
    assert response.status_code == status
    if status == 403:
        assert "edit contracts" in response.content.decode()


def test_other_programme_staff_get_404(client, contracted):
    other = UserFactory()
    ProgrammeStaff.objects.create(programme=ProgrammeFactory(), user=other, role=StaffRole.MANAGER)
    client.force_login(other)
    assert client.get(staff_url(contracted, "contract_edit")).status_code == 404
    client.logout()
    assert client.get(staff_url(contracted, "contract_edit")).status_code == 302


def test_a_project_not_contracted_has_no_contract_to_edit(client, contracted):
    contracted.project.status = Status.APPROVED
    contracted.project.save(update_fields=["status"])
    client.force_login(contracted.staff)
    response = client.get(staff_url(contracted, "contract_edit"))
    assert response.status_code == 403 and "not contracted" in response.content.decode()
    client.force_login(contracted.manager)
    assert client.get(reverse("projects:contract", args=[contracted.project.pk])).status_code == 404


def test_staff_edit_the_contract_and_the_managers(client, contracted):
    client.force_login(contracted.staff)
    data = {
        "contract_date": "2025-02-03",
        "website": "https://danube-air.eu",
        "project_name": "Maria Lead",
        "project_email": "maria@example.org",
        "finance_name": "Franz Finanz",
        "finance_email": "franz@example.org",
        "finance_phone": "+43 1 234",
    }
    response = client.post(staff_url(contracted, "contract_edit"), data)
    assert response.status_code == 302
    contract = ProjectContract.objects.get(project=contracted.project)
    assert contract.contract_date == date(2025, 2, 3) and contract.website == "https://danube-air.eu"
    contacts = {c.kind: c for c in ProjectManagerContact.objects.filter(project=contracted.project)}
    assert set(contacts) == {"project", "finance"} and contacts["finance"].phone == "+43 1 234"
    assert AuditEntry.objects.filter(action="contract.edit").exists()
    # the applicants read it
    client.force_login(contracted.partner_user)
    page = client.get(reverse("projects:contract", args=[contracted.project.pk])).content.decode()
    assert "Franz Finanz" in page and "https://danube-air.eu" in page


def test_a_contact_without_email_is_refused_by_its_field(client, contracted):
    client.force_login(contracted.staff)
    response = client.post(staff_url(contracted, "contract_edit"), {"communication_name": "Cora Comms"})
    assert response.status_code == 400
    assert "communication_email" in response.context["form"].errors
    assert not ProjectManagerContact.objects.filter(project=contracted.project).exists()


def test_the_service_refuses_a_contract_signed_after_the_end(contracted):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        contract_save(
            project=contracted.project,
            by=contracted.staff,
            contract_date=contracted.project.end_date + timedelta(days=1),
            website="",
            managers={},
        )
    assert "contract_date" in error.value.message_dict


def _upload(client, contracted, name="contract.pdf", content=PDF):
    return client.post(
        staff_url(contracted, "contract_document_upload"),
        {"kind": "subsidy_contract", "title": "Subsidy contract", "file": SimpleUploadedFile(name, content)},
    )


def test_documents_are_uploaded_checked_and_served_as_attachments(client, contracted):
    client.force_login(contracted.staff)
    assert _upload(client, contracted).status_code == 302
    document = ContractDocument.objects.get(project=contracted.project)
    response = client.get(staff_url(contracted, "contract_document", document.pk))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    # a file that is not what its name says is refused by the field, nothing saved
    bad = _upload(client, contracted, name="virus.pdf", content=b"MZ\x90\x00 not a pdf")
    assert bad.status_code == 400 and "file" in bad.context["document_form"].errors
    assert ContractDocument.objects.filter(project=contracted.project).count() == 1
    # the collaborators download it; another applicant does not find it
    client.force_login(contracted.partner_user)
    applicant_url = reverse("projects:contract_document", args=[contracted.project.pk, document.pk])
    response = client.get(applicant_url)
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    client.force_login(UserFactory())
    assert client.get(applicant_url).status_code == 404
    # finance staff see the document, may not delete it
    client.force_login(contracted.finance)
    assert client.get(staff_url(contracted, "contract_document", document.pk)).status_code == 200
    assert client.post(staff_url(contracted, "contract_document_delete", document.pk)).status_code == 403
    client.force_login(contracted.staff)
    assert client.post(staff_url(contracted, "contract_document_delete", document.pk)).status_code == 302
    assert not ContractDocument.objects.filter(project=contracted.project).exists()


def test_the_applicant_contract_page_is_for_collaborators_only(client, contracted):
    url = reverse("projects:contract", args=[contracted.project.pk])
    for user, status in ((contracted.manager, 200), (contracted.partner_user, 200), (UserFactory(), 404)):
        client.force_login(user)
        assert client.get(url).status_code == status
    client.force_login(contracted.staff)  # staff have their own page
    assert client.get(url).status_code == 404


def test_a_project_contracted_before_contract_records_shows_its_contract_page(client, contracted):
    """Projects imported as contracted or closed have no contract row: the page says so, it does not fail."""
    ProjectContract.objects.filter(project=contracted.project).delete()
    client.force_login(contracted.manager)
    response = client.get(reverse("projects:contract", args=[contracted.project.pk]))
    assert response.status_code == 200
    assert "Date of the subsidy contract</dt><dd>—</dd>" in response.content.decode()


def _documents(contracted, n):
    from django.core.files.base import ContentFile

    for i in range(n):
        ContractDocument.objects.create(
            project=contracted.project,
            kind="other",
            title=f"Doc {i}",
            file=ContentFile(PDF, name=f"d{i}.pdf"),
            original_name=f"d{i}.pdf",
            content_type="application/pdf",
            size=len(PDF),
        )


@pytest.mark.parametrize("side", ["staff", "applicant"])
def test_contract_pages_cost_the_same_queries_with_more_documents(client, contracted, side):
    reporting_schedule_generate(contracted.project)
    if side == "staff":
        client.force_login(contracted.programme_manager)
        url = staff_url(contracted, "contract_edit")
    else:
        client.force_login(contracted.manager)
        url = reverse("projects:contract", args=[contracted.project.pk])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    count()  # warm the per-process caches (content types, the session)
    _documents(contracted, 2)
    few = count()
    _documents(contracted, 18)
    assert count() == few
