"""Applications and projects (one model through the whole workflow) with everything their form holds."""

from .collaboration import CollaboratorInvitation, SectionComment
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
from .workplan import Activity, Deliverable, ProjectOutput, ProjectResult, SectionVersion, WorkPackage

__all__ = [
    "PUBLIC",
    "Activity",
    "Annex",
    "Assessment",
    "AssessmentItem",
    "AssessmentKind",
    "CollaboratorInvitation",
    "CollaboratorLevel",
    "DeadlineReminder",
    "Decision",
    "DecisionOutcome",
    "Deliverable",
    "Effect",
    "Project",
    "ProjectCollaborator",
    "ProjectDescription",
    "ProjectObjective",
    "ProjectOutput",
    "ProjectResult",
    "ProjectStatusChange",
    "ReminderKind",
    "SectionComment",
    "SectionVersion",
    "Stage",
    "Submission",
    "TargetGroup",
    "WorkPackage",
]

# migration 0002 names the upload path by this dotted path
from .core import _annex_path  # noqa: E402, F401
