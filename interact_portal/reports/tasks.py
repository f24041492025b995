from celery import shared_task

from interact_portal.core.queue import enqueue_each

from .services import report_generate, reports_stalled


@shared_task(time_limit=1800, soft_time_limit=1750)  # acks late, given back if its worker dies (settings)
def generate_report(report_id: int) -> bool:
    """Idempotent: a report done, or being produced elsewhere, is skipped; an orphaned one is produced again."""
    return report_generate(report_id=report_id)


@shared_task(time_limit=60, soft_time_limit=50)
def recover_reports() -> int:
    """Beat, and every worker start: queue again the reports that no worker is producing."""
    return enqueue_each(generate_report, reports_stalled())
