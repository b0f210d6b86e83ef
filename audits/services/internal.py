"""Internal audits and photo reports of the 5S team (§4.6, Appendix 7)."""

import datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from agencies.models import Room
from agencies.services import room_get_or_create
from audits import permissions, scoring
from audits.choices import INTERNAL_AUDIT_STEPS, PHOTO_PROBLEM_MAX_LENGTH
from audits.models import InternalAudit, InternalScore, Photo
from core import calendar
from core.exceptions import ApplicationError
from core.images import process_image
from core.services import check_permission, full_clean_or_raise
from core.validators import past_date_error


@transaction.atomic
def internal_audit_room_add(*, actor, agency, name: str) -> Room:
    """A room typed on the internal-audit page (Appendix 7 «№ кабинета, вид помещения», seed
    003 L3381): the agency's room of that name, found ignoring case and spaces, or added to the
    agency's list (agencies.services.room_get_or_create). Only the 5S team audits its rooms."""
    check_permission(
        permissions.can_write_internal(actor, agency.pk),
        _("Внутренний аудит проводит 5S-команда ОИВ ЯО / СППО."),
    )
    return room_get_or_create(actor=actor, agency=agency, name=name)


@transaction.atomic
def internal_audit_save(
    *, actor, agency, conducted_on: datetime.date, scores: dict
) -> InternalAudit:
    """Record the month's internal audit: `scores` maps (room id, step 1–4) to a score 1–5.
    One internal audit per agency and month; saving again replaces that month's scores."""
    check_permission(
        permissions.can_write_internal(actor, agency.pk),
        _("Внутренний аудит проводит 5S-команда ОИВ ЯО / СППО."),
    )
    if conducted_on is None or conducted_on > calendar.today():
        raise ApplicationError(
            _("Внутренний аудит не сохранён."),
            details={"conducted_on": _("Укажите дату проведения (не позднее сегодняшней).")},
        )
    if past_date_error(conducted_on):
        raise ApplicationError(
            _("Внутренний аудит не сохранён."),
            details={"conducted_on": past_date_error(conducted_on)},
        )
    rooms = set(Room.objects.filter(agency=agency).values_list("pk", flat=True))
    errors = {}
    clean = {}
    for (room_id, step), value in scores.items():
        key = f"{room_id}-{step}"
        if value in (None, ""):
            continue
        if room_id not in rooms or step not in INTERNAL_AUDIT_STEPS:
            errors[key] = _("Внутренний аудит оценивает части рабочего пространства по шагам 1–4.")
        elif not scoring.is_valid_score(value):
            errors[key] = _("Оценка должна быть целым числом от 1 до 5.")
        else:
            clean[(room_id, step)] = value
    if not clean and not errors:
        errors["scores"] = _("Выставьте оценки хотя бы одной части рабочего пространства.")
    if errors:
        raise ApplicationError(_("Внутренний аудит не сохранён."), details=errors)
    month = conducted_on.replace(day=1)
    # One internal audit per agency and month: two saves of the month take turns.
    type(agency).objects.select_for_update().filter(pk=agency.pk).first()
    internal, _created = InternalAudit.objects.update_or_create(
        agency=agency, month=month, defaults={"conducted_on": conducted_on, "created_by": actor}
    )
    internal.scores.all().delete()
    bulk_create_with_history(
        [
            InternalScore(internal_audit=internal, room_id=room_id, step=step, score=value)
            for (room_id, step), value in clean.items()
        ],
        InternalScore,
        default_user=actor,
    )
    return internal


@transaction.atomic
def photo_upload(
    *,
    actor,
    agency,
    upload,
    taken_on: datetime.date,
    place: str,
    subject: str,
    photographer: str,
    problem: str = "",
    room=None,
    internal_audit=None,
    before=None,
) -> Photo:
    """Add a photo to the photo report (§4.6): the explanation the recommendations require
    (date, place, subject, problem, photographer) and a validated, oriented image stored
    under a generated name, with a thumbnail. A repeat photo names the earlier one (before)."""
    check_permission(
        permissions.can_write_internal(actor, agency.pk),
        _("Фотоотчёт готовит 5S-команда ОИВ ЯО / СППО."),
    )
    errors = {}
    for name, value in (("place", place), ("subject", subject), ("photographer", photographer)):
        if not (value or "").strip():
            errors[name] = _("Обязательное поле.")
    if taken_on is None or taken_on > calendar.today():
        errors["taken_on"] = _("Укажите дату фотосъёмки (не позднее сегодняшней).")
    elif implausible := past_date_error(taken_on):
        errors["taken_on"] = implausible
    if len(problem or "") > PHOTO_PROBLEM_MAX_LENGTH:
        errors["problem"] = _("Текст длиннее %(max)s символов.") % {"max": PHOTO_PROBLEM_MAX_LENGTH}
    if before is not None and before.agency_id != agency.pk:
        errors["before"] = _("Повторный снимок сопоставляется со снимком того же ОИВ ЯО / СППО.")
    elif before is not None and taken_on and before.taken_on > taken_on:
        errors["before"] = _("Снимок «до» должен быть сделан раньше повторного.")
    if room is not None and room.agency_id != agency.pk:
        errors["room"] = _("Помещение другого ОИВ ЯО / СППО.")
    if errors:
        raise ApplicationError(_("Фотоснимок не сохранён."), details=errors)
    image = process_image(upload, field="image")
    photo = Photo(
        agency=agency,
        internal_audit=internal_audit,
        room=room,
        taken_on=taken_on,
        place=place.strip(),
        subject=subject.strip(),
        problem=(problem or "").strip(),
        photographer=photographer.strip(),
        content_type=image.content_type,
        width=image.width,
        height=image.height,
        before=before,
        uploaded_by=actor,
    )
    photo.image.save(image.name, ContentFile(image.content), save=False)
    photo.thumbnail.save(image.thumbnail_name, ContentFile(image.thumbnail), save=False)
    full_clean_or_raise(photo)
    photo.save()
    return photo
