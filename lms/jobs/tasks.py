from celery import shared_task


@shared_task(acks_late=True)
def relay_outbox() -> int:
    """Send the jobs the web processes could not hand to the broker (it was down); then tidy up."""
    from .outbox import outbox_purge, outbox_relay

    sent = outbox_relay()
    outbox_purge()
    return sent
