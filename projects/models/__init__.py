"""Applications and projects (one model through the whole workflow) with everything their form holds."""

from .collaboration import CollaboratorInvitation, SectionComment
from .contracting import (
    ContractDocument,
    ContractDocumentKind,
    ControllerAssignment,
    DeadlineKind,
    ManagerKind,
    ProjectContract,
    ProjectManagerContact,
    ReportingDeadline,
    ReportingReminder,
    ReportingReminderKind,
)
from .core import (
    PUBLIC,
    Annex,
    Assessment,
    AssessmentItem,
    AssessmentKind,
    CollaboratorLevel,
    DeadlineReminder,
    Decision,
    DecisionOutcome,
    Project,
    ProjectCollaborator,
    ProjectStatusChange,
    ReminderKind,
    Stage,
    Submission,
)
from .description import Effect, ProjectDescription, ProjectObjective, TargetGroup
from .money import ReportAmount
from .partner_reports import (
    Achievement,
    ErrorType,
    ExpenditureLine,
    LineControl,
    PartnerReport,
    ReportOutput,
    ReportProgress,
)
from .project_reports import (
    Clarification,
    Payment,
    PaymentClaim,
    ProjectReport,
    ProjectReportCertificate,
    ReportIndicatorValue,
    ReportingStep,
)
from .workplan import Activity, Deliverable, ProjectOutput, ProjectResult, SectionVersion, WorkPackage

__all__ = [
    "PUBLIC",
    "Achievement",
    "Activity",
    "Annex",
    "Assessment",
    "AssessmentItem",
    "AssessmentKind",
    "Clarification",
    "CollaboratorInvitation",
    "CollaboratorLevel",
    "ContractDocument",
    "ContractDocumentKind",
    "ControllerAssignment",
    "DeadlineKind",
    "DeadlineReminder",
    "Decision",
    "DecisionOutcome",
    "Deliverable",
    "Effect",
    "ErrorType",
    "ExpenditureLine",
    "LineControl",
    "ManagerKind",
    "PartnerReport",
    "Payment",
    "PaymentClaim",
    "Project",
    "ProjectCollaborator",
    "ProjectContract",
    "ProjectDescription",
    "ProjectManagerContact",
    "ProjectObjective",
    "ProjectOutput",
    "ProjectReport",
    "ProjectReportCertificate",
    "ProjectResult",
    "ProjectStatusChange",
    "ReminderKind",
    "ReportAmount",
    "ReportIndicatorValue",
    "ReportOutput",
    "ReportProgress",
    "ReportingDeadline",
    "ReportingReminder",
    "ReportingReminderKind",
    "ReportingStep",
    "SectionComment",
    "SectionVersion",
    "Stage",
    "Submission",
    "TargetGroup",
    "WorkPackage",
]

# migration 0002 names the upload path by this dotted path
from .contracting import _contract_document_path  # noqa: E402, F401
from .core import _annex_path  # noqa: E402, F401
from .partner_reports import _line_attachment_path  # noqa: E402, F401
