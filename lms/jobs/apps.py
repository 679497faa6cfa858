from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "lms.jobs"
    label = "jobs"
    verbose_name = _("Background jobs")

    def ready(self) -> None:
        from celery.signals import worker_ready

        worker_ready.connect(_relay_when_worker_starts, weak=False)


def _relay_when_worker_starts(sender=None, **kwargs) -> None:
    """A worker that (re)starts sends what the web processes could not (broker down meanwhile)."""
    from .tasks import relay_outbox

    try:
        relay_outbox.delay()
    except Exception:  # the beat schedule runs the relay anyway
        import logging

        logging.getLogger(__name__).warning("Could not queue the outbox relay at worker start", exc_info=True)
