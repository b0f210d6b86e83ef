"""Pure rules of visual control (Appendix 28, seed 003 L4875–4981)."""

import json
from functools import cache
from pathlib import Path

from django.conf import settings

from core import i18n

CATEGORIES_FIXTURE = Path("standards") / "visual_categories.json"


@cache
def suggested_categories() -> tuple[str, ...]:
    """The categories Appendix 28, note 1 (L4917–4925) lists for control points, and those of
    its example (L4941–4971), loaded from fixtures/: offered as suggestions, the team may write
    its own."""
    path = Path(settings.BASE_DIR) / "fixtures" / CATEGORIES_FIXTURE
    data = json.loads(path.read_text(encoding="utf-8"))
    return tuple(data["categories"])


def shown_category(category: str) -> str:
    """A category as a person reads it: one of Appendix 28's reads in English in English mode
    (visual_categories.en.json); a team's own reads as typed."""
    return i18n.shown_template_text(str(CATEGORIES_FIXTURE), category)
