"""First-level control (the controller's side): under /staff/control/, so controllers use their second factor."""

from django.urls import path

from .views import control

app_name = "control"
REPORT = "<int:report_pk>/"
urlpatterns = [
    path("", control.workspace, name="workspace"),
    path(REPORT, control.report_page, name="report"),
    path(REPORT + "start/", control.start, name="start"),
    path(REPORT + "lines/<int:line_pk>/", control.line_decision, name="line"),
    path(REPORT + "certify-remaining/", control.certify_remaining, name="certify_remaining"),
    path(REPORT + "checklist/", control.checklist, name="checklist"),
    path(REPORT + "finalise/", control.finalise, name="finalise"),
    path(REPORT + "confirm/", control.confirm, name="confirm"),
    path(REPORT + "send-back/", control.send_back, name="send_back"),
    path(REPORT + "reopen/", control.reopen, name="reopen"),
]
