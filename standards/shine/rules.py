"""Pure rules of step 3 «Содержание в чистоте» (§7, seed 003 L950–1070). Plain values in, plain
values out.

- `covers_quarter`: «График уборки составляется на срок не менее 1 квартала» (Appendix 25,
  note 1, L4737): the last day is at least the day before the same date three months on
  (1 January – 31 March is a quarter; 1 January – 30 March is not).
- `stage_too_long`: the general cleaning's two stages take «не более 1 дня» each (L1029–1031),
  the whole measure «2 дня» (the step-3 table, L983): a duration equal to the limit is allowed.
- `is_reference_only`: «Не допускается указывать только ссылку на пункт инструкции по
  соблюдению мер безопасности» (Appendix 24, note 6, L4703).
- `is_overdue`: a planned date passed without an actual date (Appendix 23 «Плановая дата» /
  «Фактическая дата»; Appendix 25 «Даты проведения работ»).
"""

import datetime
import re

from core.periods import add_months
from standards.shine.choices import QUARTER_MONTHS


def quarter_end(start: datetime.date) -> datetime.date:
    """The earliest last day of a schedule that starts on `start` (L4737)."""
    return add_months(start, QUARTER_MONTHS) - datetime.timedelta(days=1)


def covers_quarter(start: datetime.date, end: datetime.date) -> bool:
    return end >= quarter_end(start)


def stage_too_long(
    start: datetime.datetime, end: datetime.datetime, limit: datetime.timedelta
) -> bool:
    return end - start > limit


def is_overdue(
    planned: datetime.date | None, done: datetime.date | None, today: datetime.date
) -> bool:
    return planned is not None and done is None and planned < today


# A clause reference: «п. 3.2», «пункт 4», «раздел 2», «§ 5», optionally «инструкции …».
_REFERENCE_WORDS = re.compile(
    r"(?:согласно|в\s+соответствии\s+с|см\.?|смотри|по)?\s*"
    r"(?:инструкци\w*|правил\w*|п\.|пп\.|пункт\w*|подпункт\w*|раздел\w*|§|ст\.|стать\w*)"
    r"[\s\w.,№§«»\"\-–/()]*",
    re.IGNORECASE,
)
_CLAUSE = re.compile(r"(?:п\.|пп\.|пункт\w*|подпункт\w*|раздел\w*|§|ст\.|стать\w*)\s*№?\s*\d", re.I)
_INSTRUCTION = re.compile(r"инструкци\w*|правил\w*", re.IGNORECASE)
# Words that describe an actual measure; their presence means the cell says what to do.
_MEASURE = re.compile(
    r"перчат|обесточ|отключ|стремянк|лестниц|маск|очк|выключ|не\s+использ|провер|держ|"
    r"избег|запрещ|вдвоём|вдвоем|страхов|сух|влажн|проветр|осторожн",
    re.IGNORECASE,
)


def is_reference_only(text: str) -> bool:
    """True when the safety measures only point to a clause of an instruction (L4703), e.g.
    «п. 3.2 инструкции по охране труда» or «согласно инструкции № 5», instead of saying what
    to do («работать в перчатках, обесточить оборудование»)."""
    value = " ".join(text.split())
    if not value:
        return False
    if _MEASURE.search(value):
        return False
    return bool(_CLAUSE.search(value) or _INSTRUCTION.search(value)) and bool(
        _REFERENCE_WORDS.fullmatch(value)
    )
