"""How often the regulation asks for a recurring activity, by the agency's deployment state.

One rule serves two clauses that share it:
- sorting, §5.4 (seed 003, L755): «в период развёртывания системы 5S - не реже 1 раза в месяц,
  при её функционировании - не реже 1 раза в квартал»;
- the external audit, Regulation on the working group §5.1–5.2 (L5473, L5475): monthly in an
  agency deploying the system, quarterly where it functions.
Pure functions over plain values; every caller imports them from here.
"""

import datetime

from agencies.choices import DeploymentState
from core.periods import add_months

# L755, L5473: monthly while the system is deployed (and prepared for deployment).
MONTHLY = 1
# L755, L5475: quarterly once it functions.
QUARTERLY = 3


def interval_months(deployment_state: str) -> int:
    """Monthly while the system is prepared or deployed, quarterly once it functions."""
    if deployment_state == DeploymentState.FUNCTIONING:
        return QUARTERLY
    return MONTHLY


def next_due(last: datetime.date, deployment_state: str) -> datetime.date:
    """The latest date of the next occurrence after one on `last`."""
    return add_months(last, interval_months(deployment_state))
