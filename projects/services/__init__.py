"""Writers of the projects domain, one module per entity; every status change goes through project_transition."""

from .workflow import project_transition

__all__ = ["project_transition"]
