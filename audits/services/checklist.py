"""Loading the checklist of Appendix 2 (editions as amended 07.12.2011)."""

import json
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from audits import selectors
from audits.checklist_english import apply_translation, read_translation
from audits.models import ChecklistStep, ChecklistVersion, Criterion
from core.exceptions import ApplicationError
from core.services import full_clean_or_raise


@transaction.atomic
def checklist_load(*, path) -> tuple[ChecklistVersion, bool]:
    """Load a checklist edition from its JSON fixture (the shape of GET /api/v1/checklist/).

    Idempotent per version: loading the same text again changes nothing. An edition no audit
    refers to yet is brought in line with a corrected fixture; one that audits were scored with
    never changes — a changed text must come as a new version (ApplicationError otherwise).
    The English rendering beside the fixture (checklist_2011.en.json, issue 17 item 10) is
    stored next to the Russian text on every run and may be corrected even for an edition in
    use: it is for reading only, the Russian text stays the legal one. Returns (version,
    changed), `changed` true when the Russian text or its English rendering changed.
    """

    data = json.loads(Path(path).read_text(encoding="utf-8"))
    english = read_translation(path)
    version, changed = _checklist_load_russian(data)
    if english is not None:
        changed = checklist_english_fill(version=version, data=english) or changed
    return version, changed


def checklist_english_fill(*, version: ChecklistVersion, data: dict) -> bool:
    """Store the English rendering `data` (the .en.json of this edition) beside the Russian
    text of `version`. Idempotent: returns whether anything changed."""
    steps = list(version.steps.all())
    criteria = list(version.criteria.all())
    changed = apply_translation(data, version=version, steps=steps, criteria=criteria)
    if not changed:
        return False
    if version in changed:
        version.save(update_fields=["title_en"])
    ChecklistStep.objects.bulk_update([o for o in changed if o in steps], ["name_en"])
    Criterion.objects.bulk_update(
        [o for o in changed if o in criteria], ["title_en", "indicators_en"]
    )
    return True


def _checklist_load_russian(data) -> tuple[ChecklistVersion, bool]:
    existing = (
        ChecklistVersion.objects.prefetch_related("steps", "criteria")
        .filter(version=data["version"])
        .first()
    )
    if existing is not None:
        if _checklist_content(selectors.checklist_data(existing)) == _checklist_content(data):
            return existing, False
        if existing.audits.exists():
            raise ApplicationError(
                _(
                    "Редакция чек-листа %(version)s уже используется в аудитах и не меняется: "
                    "загрузите изменённый текст как новую редакцию."
                )
                % {"version": existing.version}
            )
        existing.delete()
    version = ChecklistVersion(
        version=data["version"], title=data["title"], source=data.get("source", "")
    )
    full_clean_or_raise(version)
    version.save()
    criteria = []
    for step_data in data["steps"]:
        step = ChecklistStep.objects.create(
            version=version, number=step_data["number"], name=step_data["name"]
        )
        for position, item in enumerate(step_data["criteria"], start=1):
            criteria.append(
                Criterion(
                    version=version,
                    step=step,
                    step_number=step.number,
                    position=position,
                    code=item["code"],
                    title=item["title"],
                    common_areas_only=bool(item.get("common_areas_only")),
                    external_data=bool(item.get("external_data")),
                    indicators=item["indicators"],
                )
            )
    Criterion.objects.bulk_create(criteria)
    return version, True


def _checklist_content(data):
    return {"title": data["title"], "steps": data["steps"]}


def checklist_latest() -> ChecklistVersion:
    version = ChecklistVersion.objects.order_by("-version").first()
    if version is None:
        raise ApplicationError(
            _("Чек-лист не загружен: выполните команду load_checklist."),
            details={"checklist": _("Чек-лист не загружен.")},
        )
    return version
