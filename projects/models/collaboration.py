"""Colleagues invited to an application (without a partner section) and assessors' comments per section."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .core import CollaboratorLevel, Project


def _new_token() -> str:
    return secrets.token_urlsafe(32)


class CollaboratorInvitation(models.Model):
    """A manager invites a colleague by email at a level; signed link, expiry and withdrawal as for partners."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="collaborator_invitations")
    email = models.EmailField(_("email"))
    level = models.CharField(_("level"), max_length=6, choices=CollaboratorLevel.choices)
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("collaborator invitation")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(expires_at__gt=F("created_at")), name="collaborator_invite_expires"),
        ]
        indexes = [models.Index(fields=["project", "email"])]

    def __str__(self) -> str:
        return f"{self.email} → {self.project} ({self.get_level_display()})"


class SectionComment(models.Model):
    """An assessor's comment on one section of an application (programmes.application_form.SECTIONS keys)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="section_comments")
    section = models.CharField(_("section"), max_length=20)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("section comment")
        ordering = ["project", "section", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["project", "section", "author"], name="section_comment_once"),
        ]

    def __str__(self) -> str:
        return f"{self.project} · {self.section}"
