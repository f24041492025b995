from django.urls import path

from .views import (
    applications,
    budget,
    closure,
    collaborators,
    contract,
    control,
    description,
    files,
    ideas,
    modifications,
    partners,
    summary,
    workplan,
)
from .views import money as money_views
from .views import partner_reports as reports
from .views import project_reports as project_report_views
from .views import reallocations as reallocation_views
from .views import timeline as timeline_views

app_name = "projects"
urlpatterns = [
    path("", applications.application_list, name="list"),
    path("start/<int:call_pk>/", applications.application_new, name="start"),
    path("from-idea/<int:idea_pk>/", ideas.idea_convert_view, name="idea_convert"),  # the partner search
    path("invitations/<str:signed>/", partners.invitation_respond, name="invitation"),
    path("<int:pk>/", applications.application_detail, name="detail"),
    path("<int:pk>/identification/", applications.application_identification, name="identification"),
    path("<int:pk>/budget/", budget.application_budget, name="budget"),
    path("<int:pk>/check/", applications.application_check, name="check"),
    path("<int:pk>/submit/", applications.application_submit_view, name="submit"),
    path("<int:pk>/summary/", summary.application_summary, name="summary"),
    path("<int:pk>/partners/", partners.partner_list, name="partners"),
    path("<int:pk>/partners/add/", partners.partner_new, name="partner_add"),
    path("<int:pk>/partners/<int:partner_pk>/", partners.partner_detail, name="partner"),
    path("<int:pk>/partners/<int:partner_pk>/remove/", partners.partner_delete, name="partner_remove"),
    path("<int:pk>/partners/<int:partner_pk>/lead/", partners.partner_lead, name="partner_lead"),
    path("<int:pk>/invitations/", partners.invitation_new, name="invite"),
    path("<int:pk>/invitations/<int:invitation_pk>/withdraw/", partners.invitation_delete, name="invitation_withdraw"),
    path(
        "<int:pk>/invitations/<int:invitation_pk>/resend/", partners.invitation_send_elsewhere, name="invitation_resend"
    ),
    path("<int:pk>/annexes/", files.annex_list, name="annexes"),
    path("<int:pk>/annexes/<int:annex_pk>/", files.annex_download, name="annex"),
    path("<int:pk>/annexes/<int:annex_pk>/delete/", files.annex_remove, name="annex_delete"),
    path("<int:pk>/submissions/<int:submission_pk>/pdf/", files.submission_pdf, name="submission_pdf"),
    path("<int:pk>/collaborators/", collaborators.collaborator_list, name="collaborators"),
    path("<int:pk>/collaborators/<int:collaborator_pk>/", collaborators.collaborator_change, name="collaborator"),
    path("<int:pk>/collaborators/invite/", collaborators.collaborator_invite, name="collaborator_invite"),
    path(
        "<int:pk>/collaborators/invitations/<int:invitation_pk>/withdraw/",
        collaborators.collaborator_invitation_delete,
        name="collaborator_invitation_withdraw",
    ),
    path(
        "<int:pk>/collaborators/invitations/<int:invitation_pk>/resend/",
        collaborators.collaborator_invitation_send_elsewhere,
        name="collaborator_invitation_resend",
    ),
    path(
        "collaborator-invitations/<str:signed>/",
        collaborators.collaborator_invitation_respond,
        name="collaborator_invitation",
    ),
    path("<int:pk>/budget/<int:partner_pk>/", budget.partner_budget_page, name="partner_budget"),
    path("<int:pk>/description/", description.application_description, name="description"),
    path("<int:pk>/workplan/", workplan.workplan, name="workplan"),
    path("<int:pk>/workplan/add/", workplan.work_package_new, name="work_package_add"),
    path("<int:pk>/workplan/<int:wp_pk>/", workplan.work_package_detail, name="work_package"),
    path("<int:pk>/workplan/<int:wp_pk>/delete/", workplan.work_package_remove, name="work_package_delete"),
    path("<int:pk>/results/", workplan.results, name="results"),
    # first-level control: the certificate, for everyone who may see the partner report
    path("control-certificates/<int:report_pk>/", control.certificate, name="control_certificate"),
    # project reports and payments (helper D)
    path("<int:pk>/project-reports/", project_report_views.project_report_list, name="project_reports"),
    path(
        "<int:pk>/project-reports/<int:report_pk>/", project_report_views.project_report_detail, name="project_report"
    ),
    path(
        "<int:pk>/project-reports/<int:report_pk>/submit/",
        project_report_views.project_report_submit_view,
        name="project_report_submit",
    ),
    path(
        "<int:pk>/project-reports/<int:report_pk>/answer/",
        project_report_views.project_report_answer,
        name="project_report_answer",
    ),
    path("<int:pk>/payments/", project_report_views.project_payments, name="project_payments"),
    # after the contract (projects/views/contract.py)
    path("<int:pk>/contract/", contract.contract, name="contract"),
    path("<int:pk>/contract/documents/<int:document_pk>/", contract.contract_document, name="contract_document"),
    path("<int:pk>/partners/<int:partner_pk>/bank/", contract.bank_details, name="bank_details"),
    # money at a glance (issue 18, item 7)
    path("<int:pk>/money/", money_views.project_money_view, name="money"),
    # budget reallocations without a modification (issue 19, item 5)
    path("<int:pk>/reallocations/", reallocation_views.reallocations, name="reallocations"),
    # the project's timeline (issue 19, item 9)
    path("<int:pk>/timeline/", timeline_views.project_timeline_view, name="timeline"),
    # the end of the project (issue 19, item 7)
    path("<int:pk>/closure/", closure.closure, name="closure"),
    path("<int:pk>/closure/picture/", closure.closure_picture, name="closure_picture"),
]

# partner reports, applicant side (issue 18, item 3)
R = "<int:pk>/reports/<int:report_pk>/"
urlpatterns += [
    path("<int:pk>/reports/", reports.partner_reports, name="partner_reports"),
    path("<int:pk>/reports/new/", reports.partner_report_new, name="partner_report_new"),
    path("<int:pk>/reports/template.<str:fmt>", reports.partner_report_template, name="partner_report_template"),
    path(R, reports.partner_report, name="partner_report"),
    path(f"{R}progress/", reports.partner_report_progress, name="partner_report_progress"),
    path(f"{R}outputs/", reports.partner_report_outputs, name="partner_report_outputs"),
    path(f"{R}expenditure/", reports.partner_report_lines, name="partner_report_lines"),
    path(f"{R}expenditure/add/", reports.partner_report_line_add, name="partner_report_line_add"),
    path(f"{R}expenditure/<int:line_pk>/", reports.partner_report_line, name="partner_report_line"),
    path(
        f"{R}expenditure/<int:line_pk>/attachment/",
        reports.partner_report_line_attachment,
        name="partner_report_line_attachment",
    ),
    path(
        f"{R}expenditure/<int:line_pk>/delete/", reports.partner_report_line_delete, name="partner_report_line_delete"
    ),
    path(f"{R}expenditure/import/", reports.partner_report_import, name="partner_report_import"),
    path(f"{R}overview/", reports.partner_report_overview, name="partner_report_overview"),
    path(f"{R}submit/", reports.partner_report_submit, name="partner_report_submit"),
]

# the versions of a contracted application and the diff between two (issue 19, item 3): collaborators and staff
from .views import versions as version_views  # noqa: E402

urlpatterns += [
    path("<int:pk>/versions/", version_views.version_list, name="versions"),
    path("<int:pk>/versions/diff/", version_views.version_diff_page, name="version_diff"),
]

# modifications of a contracted project, the applicants' side (issue 19, items 2 and 4)
M = "<int:pk>/modifications/<int:modification_pk>/"
urlpatterns += [
    path("<int:pk>/modifications/", modifications.modification_list, name="modifications"),
    path(M, modifications.modification_detail, name="modification"),
    path(f"{M}submit/", modifications.modification_submit_view, name="modification_submit"),
    path(f"{M}withdraw/", modifications.modification_withdraw_view, name="modification_withdraw"),
    path("<int:pk>/partners/<int:partner_pk>/withdraw/", modifications.partner_withdraw_view, name="partner_withdraw"),
    path(
        "<int:pk>/partners/<int:partner_pk>/reinstate/", modifications.partner_reinstate_view, name="partner_reinstate"
    ),
]
