"""An outbox handler whose effect another process can see: it appends a line to a file.

Imported by the broker tests and by the Celery worker they start (`--include`)."""

import time
from pathlib import Path

from core import outbox

HANDLER = "tests.append_line"


def append_line(*, path: str, text: str, sleep: float = 0) -> None:
    if sleep:
        time.sleep(sleep)
    with Path(path).open("a", encoding="utf-8") as file:
        file.write(text + "\n")


outbox.register(HANDLER, append_line)
