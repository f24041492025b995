from celery import shared_task

from .services import report_generate


@shared_task(acks_late=True, reject_on_worker_lost=True, time_limit=1800, soft_time_limit=1750)
def generate_report(report_id: int) -> bool:
    """Idempotent: a report already done is skipped, an interrupted one is produced again from the start."""
    return report_generate(report_id=report_id)
