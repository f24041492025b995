"""allauth's emails (address confirmation, password reset, unknown-account notices) leave through the outbox like
every other email: written in the request's transaction and sent by Celery, so a mail server that is down never
turns a signup into an error page, and a redelivered task sends nothing twice."""

from allauth.account.adapter import DefaultAccountAdapter

from interact_portal.core.client_ip import client_ip
from interact_portal.notifications.outbox import OutboxBackend


class AccountAdapter(DefaultAccountAdapter):
    def render_mail(self, template_prefix, email, context, headers=None):
        message = super().render_mail(template_prefix, email, context, headers)
        message.connection = OutboxBackend()
        return message

    def get_client_ip(self, request):
        """The person's address for the rate limits: the same answer the audit trail records (TRUSTED_PROXY_COUNT)."""
        return client_ip(request) or super().get_client_ip(request)
