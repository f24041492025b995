"""Who may see and act on what after the contract: one policy for partner reports, project reports, payments and
bank details, used by the views, the services, the reports and the admin. Anything else is a 404.

- A partner's reports: its contact person, and the project's managers (the lead partner's side) — they see every
  partner's reports; other collaborators see nothing of the money.
- Controllers: the reports of the partners assigned to them (per partner, or every partner of a country of the
  programme), from submission on — never drafts, never applications.
- Programme staff who may see the money (managers, officers, finance officers): every submitted partner report and
  every submitted project report of their programmes; payments.
- Bank details: the partner's own contact and the project's managers, the programme's finance officers and managers,
  and the partner's controller.
"""

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from partnerships.models import ProjectPartner
from programmes.choices import StaffRole
from programmes.models import ProgrammeStaff
from programmes.staff import PERMITTED, StaffAction

from .models import CollaboratorLevel, ControllerAssignment, PartnerReport, Payment, ProjectCollaborator, ProjectReport
from .reporting_workflow import PartnerReportStatus, ProjectReportStatus
from .workflow import Status

REPORTING_STATUSES = (Status.CONTRACTED, Status.CLOSED)


def _programmes_where(user, action: str):
    """The programmes in which the user's role may `action` (superusers: all)."""
    return ProgrammeStaff.objects.filter(user=user, role__in=PERMITTED[action]).values("programme")


def controlled_partners_filter(user, prefix: str = "") -> Q:
    """Partners (at `prefix`, e.g. "partner__") the user controls: assigned to the partner, or to its country in
    the programme — and still a controller of that programme."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    controller_of = ProgrammeStaff.objects.filter(user=user, role=StaffRole.CONTROLLER).values("programme")
    by_partner = ControllerAssignment.objects.filter(controller=user, partner=OuterRef("pk"))
    by_country = ControllerAssignment.objects.filter(
        controller=user,
        partner__isnull=True,
        programme=OuterRef("project__programme"),
        country=OuterRef("organisation__country"),
    )
    partners = (
        ProjectPartner.objects.filter(project__programme__in=controller_of)
        .filter(Exists(by_partner) | Exists(by_country))
        .values("pk")
    )
    return Q(**{f"{prefix}pk__in": partners})


def controllers_of(partner):
    """The users who control this partner's reports (its own assignment first, else its country's)."""
    from interact_portal.accounts.models import User

    own = ControllerAssignment.objects.filter(partner=partner).values("controller")
    country = ControllerAssignment.objects.filter(
        partner__isnull=True, programme_id=partner.project.programme_id, country_id=partner.organisation.country_id
    ).values("controller")
    mine = User.objects.filter(pk__in=own)
    users = mine if mine.exists() else User.objects.filter(pk__in=country)
    return users.filter(programme_roles__programme_id=partner.project.programme_id, programme_roles__role="controller")


def _applicant_partner_filter(user, prefix: str) -> Q:
    managers = ProjectCollaborator.objects.filter(user=user, level=CollaboratorLevel.MANAGE).values("project")
    return Q(**{f"{prefix}contact_user": user}) | Q(**{f"{prefix}project__in": managers})


def partner_reports_for(user):
    """Every partner report the user may see, whatever their side."""
    if not user.is_authenticated:
        return PartnerReport.objects.none()
    if user.is_superuser:
        return PartnerReport.objects.all()
    submitted = ~Q(status=PartnerReportStatus.DRAFT) | Q(submitted_at__isnull=False)
    staff = Q(project__programme__in=_programmes_where(user, StaffAction.SEE_MONEY)) & submitted
    controlled = controlled_partners_filter(user, "partner__") & submitted
    return PartnerReport.objects.filter(_applicant_partner_filter(user, "partner__") | staff | controlled)


def reporting_partners_for(user, project):
    """The partners of a contracted project whose reports the user may write: their own (contact person), or every
    budgeted partner for the project's managers."""
    if project.status not in REPORTING_STATUSES or not user.is_authenticated:
        return ProjectPartner.objects.none()
    return project.partners.filter(_applicant_partner_filter(user, "")).exclude(role="associated")


def project_reports_for(user):
    """Project reports: the project's managers (the lead partner's side), and programme staff who see the money
    once submitted."""
    if not user.is_authenticated:
        return ProjectReport.objects.none()
    if user.is_superuser:
        return ProjectReport.objects.all()
    managers = ProjectCollaborator.objects.filter(user=user, level=CollaboratorLevel.MANAGE).values("project")
    submitted = ~Q(status=ProjectReportStatus.DRAFT) | Q(submitted_at__isnull=False)
    staff = Q(project__programme__in=_programmes_where(user, StaffAction.SEE_MONEY)) & submitted
    return ProjectReport.objects.filter(Q(project__in=managers) | staff)


def payments_for(user):
    """Payments: the programme's money staff; a partner's contact person their partner's, the project's managers
    every partner's."""
    if not user.is_authenticated:
        return Payment.objects.none()
    if user.is_superuser:
        return Payment.objects.all()
    staff = Q(claim__project__programme__in=_programmes_where(user, StaffAction.SEE_MONEY))
    return Payment.objects.filter(_applicant_partner_filter(user, "partner__") | staff)


def bank_details_visible_filter(user, prefix: str = "") -> Q:
    """Partners whose bank details the user may see (at `prefix`)."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    if user.is_superuser:
        return Q()
    finance = ProgrammeStaff.objects.filter(user=user, role__in=(StaffRole.FINANCE, StaffRole.MANAGER)).values(
        "programme"
    )
    return (
        _applicant_partner_filter(user, prefix)
        | Q(**{f"{prefix}project__programme__in": finance})
        | controlled_partners_filter(user, prefix)
    )


def bank_details_refusal(user, partner) -> str | None:
    if ProjectPartner.objects.filter(pk=partner.pk).filter(bank_details_visible_filter(user)).exists():
        return None
    return _("Bank details are shown only to the partner, the programme's finance staff and its controller.")


def bank_editable_filter(user, prefix: str = "") -> Q:
    """Partners whose bank details the user may enter (at `prefix`): as bank_edit_refusal, for a whole list."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    return _applicant_partner_filter(user, prefix)


def bank_edit_refusal(user, partner) -> str | None:
    """The partner's contact person or the project's managers enter the bank details."""
    if ProjectPartner.objects.filter(pk=partner.pk).filter(_applicant_partner_filter(user, "")).exists():
        return None
    return _("Only the partner's contact person or the project's managers can change its bank details.")


def is_controller_of(user, report) -> bool:
    return (
        user.is_authenticated
        and ProjectPartner.objects.filter(pk=report.partner_id).filter(controlled_partners_filter(user)).exists()
    )


def controlling_anything(user) -> bool:
    return user.is_authenticated and ControllerAssignment.objects.filter(controller=user).exists()


def report_writer_refusal(user, report) -> str | None:
    """May the user edit this partner report (its partner's contact, or a project manager) right now?"""
    if not ProjectPartner.objects.filter(pk=report.partner_id).filter(_applicant_partner_filter(user, "")).exists():
        return _("Only the partner's contact person or the project's managers can write this report.")
    if report.status != PartnerReportStatus.DRAFT:
        return _("This report is %(status)s: it can no longer be edited.") % {
            "status": PartnerReportStatus(report.status).label.lower()
        }
    return None
