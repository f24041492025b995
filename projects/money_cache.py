"""The cache of a programme's money overview, keyed by the programme's money generation (as search_cache does for
the public search).

Every change of reported, certified, verified or paid money bumps the programme's generation, so no cached figure
outlives the data it was summed from: a status change is recorded as a ReportingStep (reporting_transition), and
a receiver below bumps on each one; the programme's funds and annual allocations bump on save too. Services that
change money without a status change (e.g. a payment's amount, a line's deduction in control) call
`money_generation_bump(programme_id)` themselves (after the commit, or inside the transaction: a bump too early
only costs a recomputation). With Redis unreachable the overview is computed uncached.
"""

import logging
from collections.abc import Callable

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from interact_portal.core.cache import CacheUnavailable

logger = logging.getLogger(__name__)

TIMEOUT = 3600


def _generation_key(programme_id: int) -> str:
    return f"money:generation:{programme_id}"


def money_generation(programme_id: int) -> int:
    key = _generation_key(programme_id)
    value = cache.get(key)
    if value is None:
        cache.add(key, 1, timeout=None)
        value = cache.get(key, 1)
    return value


def money_generation_bump(programme_id: int) -> None:
    """Call whenever a programme's reported, certified, verified or paid amounts change."""
    key = _generation_key(programme_id)
    try:
        cache.incr(key)
    except CacheUnavailable:
        logger.warning("money of programme %s changed while the cache is unreachable", programme_id)
    except ValueError:  # no generation yet: the next read starts one
        cache.add(key, 2, timeout=None)


def cached_money(programme_id: int, compute: Callable):
    """`compute()` under the programme's current money generation, computed on a miss."""
    key = f"money:{programme_id}:{money_generation(programme_id)}"
    return cache.get_or_set(key, compute, TIMEOUT)


def _programme_of_step(step) -> int | None:
    if step.partner_report_id:
        from .models import PartnerReport

        return (
            PartnerReport.objects.filter(pk=step.partner_report_id)
            .values_list("project__programme_id", flat=True)
            .first()
        )
    if step.project_report_id:
        from .models import ProjectReport

        return (
            ProjectReport.objects.filter(pk=step.project_report_id)
            .values_list("project__programme_id", flat=True)
            .first()
        )
    from .models import Payment

    return Payment.objects.filter(pk=step.payment_id).values_list("claim__project__programme_id", flat=True).first()


@receiver(post_save, sender="projects.ReportingStep", dispatch_uid="money_cache_step")
def _step_saved(sender, instance, created, **kwargs):
    if created and (programme_id := _programme_of_step(instance)):
        money_generation_bump(programme_id)


@receiver(post_save, sender="programmes.FundCommitment", dispatch_uid="money_cache_commitment")
@receiver(post_delete, sender="programmes.FundCommitment", dispatch_uid="money_cache_commitment_gone")
@receiver(post_save, sender="programmes.ProgrammeFund", dispatch_uid="money_cache_fund")
@receiver(post_delete, sender="programmes.ProgrammeFund", dispatch_uid="money_cache_fund_gone")
def _allocation_saved(sender, instance, **kwargs):
    money_generation_bump(instance.programme_id)
