"""A server process's one-off costs, paid as it starts instead of by its first users (issue 18).

Measured on a 2-core machine for issue 18's load test, a fresh gunicorn worker's first request
took 0.42 s and its first paginated API list a further 0.19 s, on top of the 0.4–0.8 s of a first
PDF. None of it is the request's own work:

- importing the URLconf, and with it every view, serializer and filter (0.2 s, 0.4 s where the
  project's modules have no bytecode cached);
- building the URL resolver's reverse lookup, which Django keeps per language and builds on the
  first `reverse()` in that language: 2,700 patterns normalised, 0.19 s for each of Russian and
  English (pagination links, redirects and every page's menu reverse URLs);
- the language catalogs;
- WeasyPrint's import and fonts (core.documents.warm_up_pdf).

gunicorn.conf.py runs `warm_up_process` in the master before it forks the workers (with
`preload_app`, so the five workers share one warmed copy of the code) and again in each worker
(near free when inherited); Celery's worker runs it before its pool forks.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from core.documents import warm_up_pdf


def warm_up_urls() -> None:
    """Import the URLconf and build its reverse lookup, and load the catalogs, for every
    language of the portal. Touches neither the database nor the cache."""
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            reverse("healthz")


def warm_up_process() -> None:
    warm_up_urls()
    warm_up_pdf()
