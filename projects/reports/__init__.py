"""The projects domain's report kinds: call report, programme report and the public database search."""

from django.utils.translation import gettext_lazy as _

from interact_portal.reports.registry import ReportKind, register

from . import call, programme, reporting, search

register(
    ReportKind(
        key="call",
        label=_("Call report"),
        formats=("xlsx", "csv"),
        scope=call.scope,
        sheets=call.sheets,
        may_download=call.may_download,
    )
)
register(
    ReportKind(
        key="programme",
        label=_("Programme report"),
        formats=("xlsx", "pdf"),
        scope=programme.scope,
        sheets=programme.sheets,
        may_download=programme.may_download,
        pdf=programme.pdf,
    )
)
register(
    ReportKind(
        key="search", label=_("Project database search"), formats=("xlsx",), scope=search.scope, sheets=search.sheets
    )
)

# after the contract (issue 18, item 9)
register(
    ReportKind(
        key="expenditure",
        label=_("Expenditure"),
        formats=("xlsx", "csv"),
        scope=reporting.expenditure_scope,
        sheets=reporting.expenditure_sheets,
        may_download=reporting.money_may_download,
    )
)
register(
    ReportKind(
        key="control_backlog",
        label=_("Control backlog"),
        formats=("xlsx",),
        scope=reporting.backlog_scope,
        sheets=reporting.backlog_sheets,
        may_download=reporting.money_may_download,
    )
)
register(
    ReportKind(
        key="operations",
        label=_("List of operations"),
        formats=("csv", "xlsx"),
        scope=reporting.operations_scope,
        sheets=reporting.operations_sheets,
        may_download=lambda user, report: True,  # public data
    )
)
