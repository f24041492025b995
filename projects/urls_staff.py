from django.urls import path

from .views.staff import applications, call_setup, calls, contract, indicators, steps, translations, workspace
from .views.staff import closure as staff_closure
from .views.staff import modifications as staff_modifications
from .views.staff import money as staff_money
from .views.staff import payments as staff_payments
from .views.staff import timeline as staff_timeline
from .views.staff import verification as staff_verification

app_name = "staff"
APPLICATION = "<slug:slug>/applications/<int:pk>/"
urlpatterns = [
    path("", workspace.staff_home, name="home"),
    path("<slug:slug>/", workspace.dashboard, name="dashboard"),
    path("<slug:slug>/calls/", calls.call_list, name="calls"),
    path("<slug:slug>/calls/new/", calls.call_edit, name="call_new"),
    path("<slug:slug>/calls/<int:pk>/", calls.call_edit, name="call_edit"),
    path("<slug:slug>/calls/<int:pk>/publish/", calls.call_publish_view, name="call_publish"),
    path("<slug:slug>/calls/<int:pk>/setup/", call_setup.call_setup, name="call_setup"),
    path("<slug:slug>/calls/<int:pk>/setup/funds/", call_setup.call_setup_funds, name="call_setup_funds"),
    path("<slug:slug>/calls/<int:pk>/setup/form/", call_setup.call_setup_form, name="call_setup_form"),
    path("<slug:slug>/calls/<int:pk>/setup/checklist/", call_setup.call_setup_checklist, name="call_setup_checklist"),
    path("<slug:slug>/calls/<int:pk>/setup/criteria/", call_setup.call_setup_criteria, name="call_setup_criteria"),
    path("<slug:slug>/indicators/", indicators.indicator_list, name="indicators"),
    path("<slug:slug>/indicators/new/", indicators.indicator_edit, name="indicator_new"),
    path("<slug:slug>/indicators/<int:pk>/", indicators.indicator_edit, name="indicator_edit"),
    path("<slug:slug>/reports/", workspace.reports, name="reports"),
    path("<slug:slug>/translations/", translations.missing_translations_view, name="translations"),
    path("<slug:slug>/applications/", applications.application_list, name="applications"),
    path(APPLICATION, applications.application_detail, name="application"),
    path(APPLICATION + "annexes/<int:annex_pk>/", applications.annex_download, name="annex"),
    path(APPLICATION + "eligibility/", steps.eligibility, name="eligibility"),
    path(APPLICATION + "assessors/", steps.assessors, name="assessors"),
    path(APPLICATION + "quality/", steps.quality, name="quality"),
    path(APPLICATION + "decision/", steps.decision, name="decision"),
    path(APPLICATION + "contract/", steps.contract, name="contract"),
    path(APPLICATION + "concept/", steps.concept, name="concept"),
    path(APPLICATION + "sections/<slug:section>/comment/", steps.section_comment, name="section_comment"),
    # project reports' verification and payments (helper D)
    path("<slug:slug>/verification/", staff_verification.verification_list, name="verifications"),
    path("<slug:slug>/verification/<int:pk>/", staff_verification.verification_detail, name="verification"),
    path(
        "<slug:slug>/verification/<int:pk>/start/",
        staff_verification.verification_start_view,
        name="verification_start",
    ),
    path(
        "<slug:slug>/verification/<int:pk>/certificates/<int:certificate_pk>/",
        staff_verification.verification_certificate,
        name="verification_certificate",
    ),
    path(
        "<slug:slug>/verification/<int:pk>/lines/<int:line_pk>/",
        staff_verification.verification_line,
        name="verification_line",
    ),
    path(
        "<slug:slug>/verification/<int:pk>/return/", staff_verification.verification_return, name="verification_return"
    ),
    path(
        "<slug:slug>/verification/<int:pk>/finalise/",
        staff_verification.verification_finalise_view,
        name="verification_finalise",
    ),
    path("<slug:slug>/payments/", staff_payments.payment_list, name="payments"),
    path("<slug:slug>/payments/<int:pk>/", staff_payments.payment_detail, name="payment"),
    path("<slug:slug>/payments/<int:pk>/authorise/", staff_payments.payment_authorise_view, name="payment_authorise"),
    path("<slug:slug>/payments/<int:pk>/confirm/", staff_payments.payment_confirm_view, name="payment_confirm"),
    # after the contract (projects/views/staff/contract.py)
    path(APPLICATION + "contract/edit/", contract.contract_edit, name="contract_edit"),
    path(APPLICATION + "contract/documents/", contract.contract_document_upload, name="contract_document_upload"),
    path(APPLICATION + "contract/documents/<int:document_pk>/", contract.contract_document, name="contract_document"),
    path(
        APPLICATION + "contract/documents/<int:document_pk>/delete/",
        contract.contract_document_remove,
        name="contract_document_delete",
    ),
    path(APPLICATION + "schedule/", contract.schedule, name="schedule"),
    path(APPLICATION + "controllers/", contract.controllers, name="controllers"),
    path(APPLICATION + "controllers/<int:assignment_pk>/remove/", contract.controller_remove, name="controller_remove"),
    # money at a glance (issue 18, item 7)
    path("<slug:slug>/money/", staff_money.programme_money_view, name="money"),
    path("<slug:slug>/money/projects/<int:pk>/", staff_money.project_money_view, name="project_money"),
    # the project's timeline (issue 19, item 9)
    path(APPLICATION + "timeline/", staff_timeline.project_timeline_view, name="timeline"),
    # closing and reopening a project (issue 19, item 7)
    path(APPLICATION + "close/", staff_closure.close, name="close"),
    path(APPLICATION + "reopen/", staff_closure.reopen, name="reopen"),
]

# modifications of contracted projects (issue 19, item 2)
SM = APPLICATION + "modifications/<int:modification_pk>/"
urlpatterns += [
    path("<slug:slug>/modifications/", staff_modifications.modification_list, name="modifications"),
    path(SM, staff_modifications.modification_detail, name="modification"),
    path(SM + "open/", staff_modifications.modification_open_view, name="modification_open"),
    path(SM + "decline/", staff_modifications.modification_decline_view, name="modification_decline"),
    path(SM + "return/", staff_modifications.modification_return_view, name="modification_return"),
    path(SM + "approve/", staff_modifications.modification_approve_view, name="modification_approve"),
    path(SM + "reject/", staff_modifications.modification_reject_view, name="modification_reject"),
]
