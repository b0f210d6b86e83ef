"""Loaded by the Celery worker that the reports broker tests start (`--include`): when
REPORTS_RENDER_LOG is set, every document render first sleeps REPORTS_RENDER_SLEEP seconds
(so the test can kill the worker mid-render) and, once the file's content is made, appends one
line to that log — another process can then count how many times a document was made."""

import os
import time
from pathlib import Path

from reports import documents

LOG = os.environ.get("REPORTS_RENDER_LOG")
SLEEP = float(os.environ.get("REPORTS_RENDER_SLEEP", "0") or 0)


def _logged(key, render):
    def wrapper(subject):
        if SLEEP:
            time.sleep(SLEEP)
        content = render(subject)
        with Path(LOG).open("a", encoding="utf-8") as log:
            log.write(f"{key[0]}:{key[1]}\n")
        return content

    return wrapper


if LOG:
    for key, render in list(documents.RENDERERS.items()):
        documents.RENDERERS[key] = _logged(key, render)
