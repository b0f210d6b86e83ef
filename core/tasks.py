from celery import shared_task


@shared_task(name="core.ping")
def ping():
    """A no-op round trip: operators (and the CI broker test) check a worker answers."""
    return "pong"
