"""Red tag numbers under concurrent creation (Appendix 1, item 6), on PostgreSQL.

Eight threads, each with its own database connection, create tags in one agency at the same
time; the numbers must come out as exactly 1..N.
"""

import pytest
from django.db import connection

from sorting.models import RedTag
from tests.concurrency import in_parallel
from tests.sorting.factories import make_tag

THREADS = 8
TAGS_PER_THREAD = 14  # 112 tags in all


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_connections_get_gapless_unique_numbers(team_member_a, agency_a):
    from sorting.services import classifier_load

    classifier_load()  # transactional_db flushes between tests: load it inside this one
    assert connection.vendor == "postgresql"

    def work(_index):
        for index in range(TAGS_PER_THREAD):
            make_tag(team_member_a, agency_a, item_name=f"Предмет {index}")

    in_parallel(work, count=THREADS)
    numbers = sorted(RedTag.objects.filter(agency=agency_a).values_list("number", flat=True))
    total = THREADS * TAGS_PER_THREAD
    assert numbers == list(range(1, total + 1))
