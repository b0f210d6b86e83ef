"""The notices of «Set in order», sent through `core.notifications` (kinds registered from
`StandardsConfig.ready()` through `standards.placement.registration`).

- `standards.placement_scheme_awaiting_approval`: a rational-placement scheme waits for the
  head's approval (L893); the subject is the scheme.
- `standards.placement_schedule_awaiting_agreement`: the placement schedule waits for the
  head's agreement (L901); the subject is the schedule.
- `standards.placement_schedule_copy_due`: the paper copy of the agreed schedule is due to the
  group head within 3 working days (L907); the subject is the schedule, due on its `copy_due`.
The render functions rebuild the text (in Russian) when sending.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.models import Notice
from core.notifications import NoticeText
from standards.placement.models import PlacementSchedule, PlacementScheme

SCHEME_AWAITING_APPROVAL = "standards.placement_scheme_awaiting_approval"
SCHEME_AWAITING_APPROVAL_LABEL = gettext_lazy("Схема рационального размещения ждёт утверждения")
SCHEDULE_AWAITING_AGREEMENT = "standards.placement_schedule_awaiting_agreement"
SCHEDULE_AWAITING_AGREEMENT_LABEL = gettext_lazy(
    "График рационального размещения ждёт согласования"
)
SCHEDULE_COPY_DUE = "standards.placement_schedule_copy_due"
SCHEDULE_COPY_DUE_LABEL = gettext_lazy(
    "Копия графика рационального размещения — руководителю рабочей группы"
)


def render_scheme_awaiting_approval(notice: Notice) -> NoticeText:
    scheme = notice.subject
    assert isinstance(scheme, PlacementScheme)
    return NoticeText(
        subject=_("Схема рационального размещения ждёт утверждения: %(room)s")
        % {"room": scheme.room},
        body=_(
            "5S-команда (%(agency)s) загрузила схему рационального размещения предметов "
            "помещения «%(room)s», версия %(version)s. Утвердите её (гриф утверждения) или "
            "верните команде на доработку."
        )
        % {"agency": scheme.agency.short_name, "room": scheme.room, "version": scheme.version},
        url=scheme.get_absolute_url(),
    )


def _schedule(notice: Notice) -> PlacementSchedule:
    schedule = notice.subject
    assert isinstance(schedule, PlacementSchedule)
    return schedule


def render_schedule_awaiting_agreement(notice: Notice) -> NoticeText:
    schedule = _schedule(notice)
    return NoticeText(
        subject=_("График рационального размещения ждёт согласования (%(agency)s)")
        % {"agency": schedule.agency.short_name},
        body=_(
            "Лидер 5S-команды подготовил %(schedule)s с указанием лиц, ответственных за "
            "рациональное размещение предметов в помещениях. Согласуйте его."
        )
        % {"schedule": schedule},
        url=schedule.get_absolute_url(),
    )


def render_schedule_copy_due(notice: Notice) -> NoticeText:
    schedule = _schedule(notice)
    due = schedule.copy_due
    return NoticeText(
        subject=_("Копия графика рационального размещения — до %(date)s")
        % {"date": due.strftime("%d.%m.%Y") if due else ""},
        body=_(
            "%(schedule)s (%(agency)s) согласован руководителем %(agreed)s. В течение 3 рабочих "
            "дней, до %(date)s, направьте его копию в бумажном виде руководителю рабочей "
            "группы и отметьте это на портале."
        )
        % {
            "schedule": schedule,
            "agency": schedule.agency.short_name,
            "agreed": schedule.agreed_on.strftime("%d.%m.%Y") if schedule.agreed_on else "",
            "date": due.strftime("%d.%m.%Y") if due else "",
        },
        url=schedule.get_absolute_url(),
    )
