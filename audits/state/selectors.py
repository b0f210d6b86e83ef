"""Reads of the region's state (audits.state.models)."""

import datetime

from audits.models import AgencyState


def state_version() -> datetime.datetime | None:
    """When the region's state last changed (one index row): what a cached page depends on."""
    return AgencyState.objects.order_by("-updated_at").values_list("updated_at", flat=True).first()
