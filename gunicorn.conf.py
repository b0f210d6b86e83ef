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


def post_worker_init(worker):
    """Before a worker takes its first request: WeasyPrint imported and its fonts loaded
    (core.documents.warm_up_pdf), 0.7–0.8 s a worker that the first person printing a red tag
    after a deploy or a worker restart would otherwise wait for."""
    from core.documents import warm_up_pdf

    try:
        warm_up_pdf()
    except Exception:  # a worker that cannot warm up still serves; the first PDF will say why
        worker.log.exception("WeasyPrint warm-up failed")
