"""Gunicorn's settings for the portal's web processes, in one place: the Dockerfile, the web
service of docker-compose.yml, `make load` and `make bench` all start gunicorn with
`-c gunicorn.conf.py`.

Workers: `WEB_CONCURRENCY` when set, else gunicorn's own advice for sync workers, (2 × cores) + 1
(docs.gunicorn.org, «How Many Workers?»). A sync worker serves one request at a time; with the
3 workers the image used to start on 2 cores, three people opening the dashboard at once held
every worker and a trivial request waited behind them (issue 18: `/healthz/` p50 128–177 ms).
With 5, two stay free for everyone else while the CPU is shared. Scale out with more web
containers (README «Scaling out»), not with many more workers per container.
"""

import multiprocessing
import os

workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)
# A request slower than this is killed and logged: the heaviest page (a PDF made in-process
# when no broker runs) takes seconds, not a minute.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))


# The application is imported once, in the master, and warmed there (core.warmup) before the
# workers are forked: each worker starts with the URLconf imported, the reverse URL lookups built
# and WeasyPrint's fonts loaded, and the workers share those pages of memory. A new release
# is deployed by restarting the container (or gunicorn), not by sending the master HUP.
preload_app = True


def _warm_up(log) -> None:
    from django.db import connections

    from core.warmup import warm_up_process

    try:
        warm_up_process()
    except Exception:  # a process that cannot warm up still serves; the first PDF will say why
        log.exception("warm-up failed")
    finally:
        connections.close_all()  # nothing the master opened is shared by the forked workers


def when_ready(server):
    """In the master, after the application is loaded and before any worker is forked."""
    _warm_up(server.log)


def post_worker_init(worker):
    """Before a worker takes its first request: near free when the master warmed up (the
    worker inherits it), the whole cost (about 1 s) when the application is not preloaded."""
    _warm_up(worker.log)
