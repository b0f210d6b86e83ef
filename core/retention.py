"""How long the portal keeps the electronic copies of its documents.

Regulation on the working group §5.8 (L5493) and Appendix 5 §6.3 (L3225): the electronic
versions of the documents on the results of external audits and on the deployment of 5S are
kept for two years. The portal deletes none of them on its own (final sheets, summaries, photo
reports and their published copies have no delete path); where an administrator may delete a
stored copy, the admin refuses while the copy is younger than RETENTION.
"""

import datetime

from django.utils import timezone

# Two years, leap days included.
RETENTION = datetime.timedelta(days=2 * 366)


def within_retention(moment: datetime.datetime | None, *, now: datetime.datetime | None = None):
    """True while a copy made (or last replaced) at `moment` must still be kept."""
    if moment is None:
        return False
    now = timezone.now() if now is None else now
    return now - moment < RETENTION
