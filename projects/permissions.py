"""Who may see and change an application: one policy used by the views, the services, the templates, the reports
and the admin.

Seeing, for applicants: the applications they collaborate on (`applications_for`; others get 404). Seeing, for
programme staff: their programmes' applications once submitted (`staff_visible`), in the staff pages, the dashboard,
the reports and the admin alike: drafts belong to their applicants. Anyone: the public projects (`visible_projects`
joins the three). Changing, while the application is editable:
- managers: everything, including partners, invitations, collaborators and submission;
- editors: the identification, annexes and every partner section;
- viewers: nothing, except a partner contact, who edits their own partner section.
Each `*_refusal` returns why the user may not act, or None: views show the reason, services raise it.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Q, Subquery
from django.utils.translation import gettext as _

from programmes.choices import StaffRole
from programmes.models import ProgrammeStaff

from .models import PUBLIC, CollaboratorLevel, Project, ProjectCollaborator
from .workflow import Status, is_editable


def staff_visible_filter(user, prefix: str = "") -> Q:
    """The staff rule as a filter on a lookup to the application (`prefix`, e.g. "project__"): submitted at least
    once, of the user's programmes (superusers: every programme). `user=None`: the programme was already checked
    (a report, authorised when it was asked for)."""
    # submitted at least once: a two-step application back in draft for its full form was submitted as a concept
    rule = ~Q(**{f"{prefix}status": Status.DRAFT}) | Q(**{f"{prefix}submitted_at__isnull": False})
    if user is None or user.is_superuser:
        return rule
    if not user.is_authenticated:
        return Q(pk__in=[])
    # controllers see partner reports assigned to them (projects.reporting_access), never applications
    mine = ProgrammeStaff.objects.filter(user=user).exclude(role=StaffRole.CONTROLLER).values("programme")
    return rule & Q(**{f"{prefix}programme__in": mine})


def staff_visible(user, *, programme=None):
    """The applications programme staff may see (staff pages, dashboard, reports, admin), in one programme or all."""
    projects = Project.objects.filter(staff_visible_filter(user))
    return projects if programme is None else projects.filter(programme=programme)


def visible_projects(user):
    """Every project the user may see anywhere: public ones, their collaborations, their programmes' applications."""
    if not user.is_authenticated:
        return Project.objects.filter(PUBLIC)
    collaborations = ProjectCollaborator.objects.filter(user=user).values("project")
    return Project.objects.filter(PUBLIC | Q(pk__in=collaborations) | staff_visible_filter(user))


def applications_for(user):
    """The applications the user collaborates on, each annotated with the user's level (`my_level`)."""
    if not user.is_authenticated:
        return Project.objects.none()
    level = ProjectCollaborator.objects.filter(project=OuterRef("pk"), user=user).values("level")[:1]
    return Project.objects.filter(collaborators__user=user).annotate(my_level=Subquery(level))


def level_of(user, project) -> str | None:
    if hasattr(project, "my_level"):
        return project.my_level
    return ProjectCollaborator.objects.filter(project=project, user=user).values_list("level", flat=True).first()


def locked_refusal(project) -> str | None:
    if not is_editable(project):
        return _("This application is %(status)s: it can no longer be edited.") % {
            "status": Status(project.status).label.lower()
        }
    return None


def edit_refusal(user, project) -> str | None:
    """May the user edit the identification and annexes?"""
    if locked := locked_refusal(project):
        return locked
    if level_of(user, project) not in (CollaboratorLevel.EDIT, CollaboratorLevel.MANAGE):
        return _("You can view this application; ask one of its managers for edit rights.")
    return None


def partner_edit_refusal(user, project, partner) -> str | None:
    """May the user edit this partner's section? Editors may; a partner contact may edit their own."""
    if locked := locked_refusal(project):
        return locked
    if partner.contact_user_id == user.pk:
        return None
    if level_of(user, project) not in (CollaboratorLevel.EDIT, CollaboratorLevel.MANAGE):
        return _("You can edit only your own partner section.")
    return None


def manage_refusal(user, project, *, while_editable: bool = True) -> str | None:
    """May the user manage partners, invitations and collaborators, and submit?"""
    if while_editable and (locked := locked_refusal(project)):
        return locked
    if level_of(user, project) != CollaboratorLevel.MANAGE:
        return _("Only the application's managers can do this.")
    return None


def require(refusal: str | None) -> None:
    """Raise the refusal as a 403 with its reason (the user can see the application but not do this)."""
    if refusal:
        raise PermissionDenied(refusal)
