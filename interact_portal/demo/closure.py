"""A closed project with published results (issue 19, items 7 and 8): INNOBORDER, imported as closed, gets its
closure section and final report through the services the pages use — a programme manager (the demo admin, a
superuser) reopens it once with the reason, its manager (the demo applicant) writes the closure section and submits
the final project report, and the programme closes it, which publishes the results. Idempotent: nothing happens
once INNOBORDER has a closure section."""

from projects.models import CollaboratorLevel, Project, ProjectClosure, ProjectCollaborator
from projects.workflow import Status

ACRONYM = "INNOBORDER"
CLOSURE = {
    "main_achievements": (
        "Forty-two small firms from Lower Austria and South Moravia used innovation vouchers with a research "
        "partner across the border; eleven of them brought a new product or service to market."
    ),
    "durable_outputs": (
        "The voucher scheme's guide and its cross-border pool of 28 research partners are kept by both regional "
        "innovation agencies, which run a joint call every year."
    ),
    "public_summary": (
        "INNOBORDER helped small firms on both sides of the Austrian–Czech border buy research and design services "
        "from universities and labs across the border. 42 vouchers were used; 11 firms launched new products."
    ),
}


def closure_seed(users: dict) -> None:
    """INNOBORDER closed with its results; `users` are the demo users (users_seed)."""
    from projects.closure import final_period
    from projects.services.closure import closure_save, project_close, project_reopen
    from projects.services.project_reports import project_report_create, project_report_save, project_report_submit

    project = Project.objects.get(acronym=ACRONYM)
    if ProjectClosure.objects.filter(project=project).exists():
        return
    manager, programme_manager = users["applicant"], users["admin"]
    ProjectCollaborator.objects.get_or_create(
        project=project, user=manager, defaults={"level": CollaboratorLevel.MANAGE}
    )
    if project.status == Status.CLOSED:
        project = project_reopen(
            project=project,
            by=programme_manager,
            reason="Imported as closed: reopened once to record its closure section and final report in the portal.",
        )
    closure_save(project=project, by=manager, version=1, picture_alt="", indicators={}, **CLOSURE)
    report = project.project_reports.filter(is_final=True).first()
    if report is None:
        report = project_report_create(project=project, by=manager, period=final_period(project))
    project_report_save(
        report=report,
        by=manager,
        progress_summary="The last vouchers were used and evaluated; both agencies adopted the scheme.",
        highlights="Final conference in Brno with the 42 firms and their research partners.",
        partner_report_ids=[],
        indicator_values={},
    )
    project_report_submit(report=report, by=manager)
    project_close(project=project, by=programme_manager, note="Closed with its final report and results.")
