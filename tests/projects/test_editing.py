"""Starting, editing and sharing an application: permissions, optimistic locking, invitations, annexes."""

import io
import zipfile
from datetime import timedelta

import pytest
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from partnerships.choices import PartnerRole
from partnerships.models import Organisation, PartnerInvitation
from projects.models import CollaboratorLevel, Project, ProjectCollaborator
from projects.services.annexes import annex_add
from projects.services.applications import application_start, identification_update
from projects.services.collaborators import collaborator_remove, collaborator_set_level
from projects.services.invitations import (
    SALT,
    invitation_accept,
    invitation_create,
    invitation_from_link,
    invitation_link,
)
from projects.services.partners import partner_add, partner_update
from projects.services.versioning import StaleVersion
from projects.workflow import Status
from tests.factories import CallFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_start_makes_the_creator_manager_and_their_organisation_lead(ready):
    user = UserFactory()
    organisation = OrganisationFactory(country=ready.austria)
    project = application_start(call=ready.call, organisation=organisation, acronym="NEW", by=user)
    assert project.status == Status.DRAFT
    assert project.collaborators.get().level == CollaboratorLevel.MANAGE
    lead = project.partners.get()
    assert (lead.role, lead.organisation, lead.contact_user) == (PartnerRole.LEAD, organisation, user)
    assert project.status_history.get().to_status == Status.DRAFT


def test_start_is_refused_once_the_call_closed(ready):
    closed = CallFactory(
        programme=ready.programme,
        opens_at=timezone.now() - timedelta(days=30),
        closes_at=timezone.now() - timedelta(seconds=1),
    )
    with pytest.raises(ValidationError, match="The call closed on"):
        application_start(call=closed, organisation=OrganisationFactory(), acronym="LATE", by=UserFactory())
    assert not Project.objects.filter(acronym="LATE").exists()


def _identification(ready, **changes):
    data = {
        "acronym": ready.project.acronym,
        "title": ready.project.title,
        "summary": ready.project.summary,
        "specific_objective": ready.objective,
        "duration_months": 30,
    }
    return {**data, **changes}


def test_a_save_on_a_stale_version_is_refused_and_changes_nothing(ready):
    version = ready.project.identification_version
    identification_update(
        project=ready.project, by=ready.manager, version=version, data=_identification(ready, title="First")
    )
    with pytest.raises(StaleVersion):
        identification_update(
            project=ready.project, by=ready.manager, version=version, data=_identification(ready, title="Second")
        )
    ready.project.refresh_from_db()
    assert ready.project.title == "First"
    assert ready.project.identification_version == version + 1


def test_partner_sections_are_versioned_independently(ready):
    data = {"contact_name": "New name", "budget": 5, "cofinancing_rate": 50}
    partner_update(partner=ready.partner, by=ready.partner_user, version=1, data=data)
    with pytest.raises(StaleVersion):
        partner_update(partner=ready.partner, by=ready.manager, version=1, data={**data, "contact_name": "Other"})
    partner_update(partner=ready.lead, by=ready.manager, version=1, data={"contact_name": "Lead"})  # other section
    ready.partner.refresh_from_db()
    assert (ready.partner.contact_name, ready.partner.version, ready.partner.changed_by) == (
        "New name",
        2,
        ready.partner_user,
    )


def test_a_partner_contact_edits_only_their_own_partner_section(ready):
    partner_update(partner=ready.partner, by=ready.partner_user, version=1, data={"contact_name": "Mine"})
    with pytest.raises(PermissionDenied, match="only your own partner section"):
        partner_update(partner=ready.lead, by=ready.partner_user, version=1, data={"contact_name": "Theirs"})
    with pytest.raises(PermissionDenied):
        identification_update(project=ready.project, by=ready.partner_user, version=1, data={"title": "x"})


def test_editors_edit_every_section_but_do_not_manage(ready):
    editor = UserFactory()
    ProjectCollaborator.objects.create(project=ready.project, user=editor, level=CollaboratorLevel.EDIT)
    partner_update(partner=ready.lead, by=editor, version=1, data={"contact_name": "Edited"})
    identification_update(project=ready.project, by=editor, version=1, data={"title": "Edited"})
    with pytest.raises(PermissionDenied, match="managers"):
        invitation_create(project=ready.project, email="x@example.org", role=PartnerRole.PARTNER, by=editor)


def test_nothing_can_be_edited_once_submitted(ready):
    Project.objects.filter(pk=ready.project.pk).update(status=Status.SUBMITTED)
    ready.project.refresh_from_db()
    with pytest.raises(PermissionDenied, match="can no longer be edited"):
        identification_update(project=ready.project, by=ready.manager, version=1, data={"title": "late"})
    with pytest.raises(PermissionDenied, match="can no longer be edited"):
        partner_update(partner=ready.partner, by=ready.partner_user, version=1, data={"budget": 1})


def test_the_last_manager_cannot_step_down_or_leave(ready):
    mine = ready.project.collaborators.get(user=ready.manager)
    with pytest.raises(ValidationError, match="at least one manager"):
        collaborator_set_level(collaborator=mine, level=CollaboratorLevel.VIEW, by=ready.manager)
    with pytest.raises(ValidationError, match="at least one manager"):
        collaborator_remove(collaborator=mine, by=ready.manager)
    other = ready.project.collaborators.get(user=ready.partner_user)
    collaborator_set_level(collaborator=other, level=CollaboratorLevel.MANAGE, by=ready.manager)
    collaborator_set_level(collaborator=mine, level=CollaboratorLevel.VIEW, by=ready.manager)
    assert ready.project.collaborators.filter(level=CollaboratorLevel.MANAGE).get().user == ready.partner_user


def test_adding_a_51st_partner_is_refused(ready):
    from partnerships.models import ProjectPartner

    ProjectPartner.objects.bulk_create(
        ProjectPartner(project=ready.project, organisation=ready.partner.organisation, abbreviation=f"X{n}")
        for n in range(48)
    )
    with pytest.raises(ValidationError, match="at most 50 partners"):
        partner_add(
            project=ready.project, organisation=OrganisationFactory(), role=PartnerRole.PARTNER, by=ready.manager
        )


# --- invitations ------------------------------------------------------------------------------------------------


def test_invitation_link_is_signed_and_accepting_makes_a_partner_section_of_ones_own(
    ready, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks():
        invitation = invitation_create(
            project=ready.project, email="Newcomer@Example.org", role=PartnerRole.PARTNER, by=ready.manager
        )
    assert invitation.email == "newcomer@example.org"
    link = invitation_link(invitation)
    signed = link.rstrip("/").rsplit("/", 1)[1]
    assert invitation.token in signed and signed != invitation.token
    assert invitation_from_link(signed) == invitation

    newcomer = UserFactory(email="newcomer@example.org")
    organisation = OrganisationFactory(country=ready.slovakia)
    partner = invitation_accept(invitation=invitation, user=newcomer, organisation=organisation)
    assert (partner.contact_user, partner.role, partner.abbreviation) == (newcomer, PartnerRole.PARTNER, "PP3")
    assert ready.project.collaborators.get(user=newcomer).level == CollaboratorLevel.VIEW
    assert ready.manager.notifications.filter(event="application.invitation_accepted").exists()
    with pytest.raises(ValidationError, match="already accepted"):
        invitation_accept(invitation=invitation, user=newcomer, organisation=organisation)


def test_a_tampered_link_is_refused(ready):
    invitation = PartnerInvitation.objects.create(
        project=ready.project, email="a@example.org", expires_at=timezone.now() + timedelta(days=1)
    )
    forged = signing.TimestampSigner(salt="another-salt").sign(invitation.token)
    with pytest.raises(ValidationError, match="not valid"):
        invitation_from_link(forged)
    with pytest.raises(ValidationError, match="not valid"):
        invitation_from_link(invitation.token)


def test_an_old_link_is_refused(ready, settings):
    invitation = PartnerInvitation.objects.create(
        project=ready.project, email="a@example.org", expires_at=timezone.now() + timedelta(days=1)
    )
    signer = signing.TimestampSigner(salt=SALT)
    old = signer.sign(invitation.token)
    settings.INVITATION_VALID_DAYS = 0
    with pytest.raises(ValidationError, match="expired"):
        invitation_from_link(old)


def test_an_expired_invitation_cannot_be_accepted(ready):
    invitation = PartnerInvitation.objects.create(
        project=ready.project, email="a@example.org", expires_at=timezone.now() + timedelta(days=1)
    )
    PartnerInvitation.objects.filter(pk=invitation.pk).update(
        created_at=timezone.now() - timedelta(days=2), expires_at=timezone.now() - timedelta(seconds=1)
    )
    with pytest.raises(ValidationError, match="expired"):
        invitation_accept(invitation=invitation, user=UserFactory(), organisation=OrganisationFactory())
    assert ready.project.partners.count() == 2


def test_a_second_pending_invitation_to_the_same_email_is_refused(ready):
    invitation_create(project=ready.project, email="a@example.org", role=PartnerRole.PARTNER, by=ready.manager)
    with pytest.raises(ValidationError) as error:
        invitation_create(project=ready.project, email="A@example.org", role=PartnerRole.PARTNER, by=ready.manager)
    assert "pending invitation" in error.value.message_dict["email"][0]


# --- annexes ----------------------------------------------------------------------------------------------------


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "accepted"),
    [
        ("plan.pdf", b"%PDF-1.7 body", True),
        ("letter.docx", _docx(), True),
        ("page.html", b"<html><script>", False),
        ("fake.pdf", b"<html><script>", False),
        ("fake.xlsx", _docx(), False),
        ("empty.pdf", b"", False),
    ],
)
def test_annexes_are_checked_by_extension_and_content(ready, settings, tmp_path, name, content, accepted):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile(name, content)
    if accepted:
        annex = annex_add(project=ready.project, title="", upload=upload, by=ready.manager)
        assert annex.original_name == name
        assert name not in annex.file.name and annex.file.name.startswith(f"annexes/{ready.project.pk}/")
    else:
        with pytest.raises(ValidationError):
            annex_add(project=ready.project, title="", upload=upload, by=ready.manager)
        assert not ready.project.annexes.exists()


def test_annexes_over_the_size_limit_are_refused(ready, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.ANNEX_MAX_MB = 1
    upload = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (1024 * 1024))
    with pytest.raises(ValidationError, match="larger than 1 MB"):
        annex_add(project=ready.project, title="", upload=upload, by=ready.manager)


def test_an_organisation_that_exists_is_not_registered_twice(ready):
    from partnerships.services import organisation_create

    existing = OrganisationFactory(country=ready.austria, vat="ATU12345678", pic="123456789")
    for fields in ({"vat": "atu 1234.5678"}, {"pic": "123456789"}, {"name": existing.name.upper()}):
        with pytest.raises(ValidationError, match="already registered"):
            organisation_create(
                **{"name": "Other", "type": "sme", "sector": "private", "country": ready.austria, **fields}
            )
    assert Organisation.objects.filter(country=ready.austria).count() == 2  # Stadt Wien and the existing one


def test_organisation_search_by_name_vat_and_pic(ready):
    wien = ready.lead.organisation
    wien.vat, wien.pic = "ATU99999999", "987654321"
    wien.save()
    for text in ("wien", "ATU 9999 9999", "987654321"):
        assert list(Organisation.objects.search(text)) == [wien]
    assert not Organisation.objects.search("").exists()
