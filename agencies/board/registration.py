"""The board sections `agencies` owns (Appendix 11, L3661–3665 and the steps of L3673–3677),
registered with core.board from AgenciesConfig.ready():

- «goal» — цель, задача, миссия (the board's own text);
- «team» — члены команды, with the two members responsible for the board (L583);
- «indicators» — показатели и их визуальное отображение (Appendix 11, «постоянно»; L551:
  «Сведения о полученных значениях показателей … размещаются на информационном стенде»):
  declared here with no provider, so it shows «Показатели ещё не измерялись». WIRING AT MERGE
  (agencies/indicators was written in parallel): give this key a provider built on
  `agencies.indicators.selectors.agency_trends(agency=...)` (two queries) — one BoardRow per
  Series (name, latest value, `change` in %), and for the charts a `template` whose context
  holds `charts.trend_svg(...)` per series (the page and the poster both include it; the
  provider's context is `data` in the template) — and register it after this module's
  `register()` in AgenciesConfig.ready():
      register_board_section(INDICATORS_KEY, order=INDICATORS_ORDER, title=INDICATORS_TITLE,
                             provider=indicators_section, empty_text=INDICATORS_EMPTY)
  (a later registration of a key replaces the earlier one; the test
  test_a_section_given_as_a_template_shows_on_the_page_and_the_poster shows the shape);
- «steps» — per step of the deployment plan (§4.8, Appendix 10) what was done and what is
  next (L591: «отражать действия, которые были сделаны и которые ещё предстоит сделать»);
- «lessons» — the mini-lesson of each step (Appendix 11, L3675: «сортировка, рациональное
  размещение, уборка и проверка, стандартизация: мини-урок», L3677: «поддержание и
  совершенствование: мини-урок»), written by the board's team on the board's form.

Audits registers the photos, the internal and external audits and the step closures
(audits/board.py)."""

from __future__ import annotations

from collections import defaultdict

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.board.choices import LESSONS, lesson_field
from agencies.board.models import InformationBoard
from agencies.deployment.choices import PlanSection
from agencies.deployment.models import DeploymentPlan, PlanActivity
from agencies.models import Agency, FiveSTeam
from core.board import BoardRow, BoardSection, register_board_section

GOAL_KEY, GOAL_ORDER = "goal", 10
TEAM_KEY, TEAM_ORDER = "team", 20
INDICATORS_KEY, INDICATORS_ORDER = "indicators", 30
INDICATORS_TITLE = gettext_lazy("Показатели и их визуальное отображение")
INDICATORS_EMPTY = gettext_lazy("Показатели ещё не измерялись")
STEPS_KEY, STEPS_ORDER = "steps", 70
LESSONS_KEY, LESSONS_ORDER = "lessons", 72


def _date(day) -> str:
    return day.strftime("%d.%m.%Y") if day else ""


def goal_section(agency: Agency) -> BoardSection | None:
    board = InformationBoard.objects.filter(agency=agency).only("goal").first()
    if board is None or not board.goal:
        return None
    return BoardSection(note=board.goal)


def team_section(agency: Agency) -> BoardSection | None:
    """Two queries: the teams with their leaders, and their members."""
    teams = list(
        FiveSTeam.objects.filter(agencies=agency)
        .select_related("leader")
        .prefetch_related("memberships__person")
        .order_by("name")
    )
    board = (
        InformationBoard.objects.select_related("collector", "designer")
        .filter(agency=agency)
        .first()
    )
    rows = []
    for team in teams:
        rows.append(BoardRow(_("Лидер 5S-команды"), team.leader.full_name))
        members = sorted(
            m.person.full_name for m in team.memberships.all() if m.person_id != team.leader_id
        )
        rows.extend(BoardRow(_("Член 5S-команды"), name) for name in members)
    if board is not None and board.collector is not None:
        rows.append(BoardRow(_("Обновляет стенд"), board.collector.full_name))
    if board is not None and board.designer is not None:
        rows.append(BoardRow(_("Отвечает за наглядность"), board.designer.full_name))
    return BoardSection(rows=tuple(rows)) if rows else None


def steps_section(agency: Agency) -> BoardSection | None:
    """The latest deployment plan (an approved one first): per section (preparation, steps
    1–5) how many activities are done, the latest done and the next to do. Two queries."""
    plan = DeploymentPlan.objects.filter(agency=agency).order_by("-year", "-pk").first()
    if plan is None:
        return None
    by_section: dict[str, list[PlanActivity]] = defaultdict(list)
    for activity in plan.activities.order_by("section", "number"):
        by_section[activity.section].append(activity)
    rows = []
    for section in PlanSection:
        activities = by_section.get(section.value, [])
        if not activities:
            continue
        done = [a for a in activities if a.is_done]
        rows.append(
            BoardRow(
                str(section.label),
                _("сделано %(done)s из %(total)s") % {"done": len(done), "total": len(activities)},
            )
        )
        if done:
            latest = max(done, key=lambda a: (a.actual_end, a.number))
            rows.append(
                BoardRow(_("Сделано"), f"{latest.title} ({_date(latest.actual_end)})", state="done")
            )
        todo = [a for a in activities if not a.is_done]
        if todo:
            upcoming = todo[0]
            value = upcoming.title
            if upcoming.planned_end:
                value = _("%(title)s (до %(date)s)") % {
                    "title": upcoming.title,
                    "date": _date(upcoming.planned_end),
                }
            rows.append(BoardRow(_("Предстоит"), value, state="next"))
    return BoardSection(rows=tuple(rows)) if rows else None


def lessons_section(agency: Agency) -> BoardSection | None:
    """Appendix 11 (L3675, L3677): the mini-lesson of each step written so far, in the steps'
    order. One query."""
    board = (
        InformationBoard.objects.filter(agency=agency)
        .only(*(lesson_field(key) for key, _label in LESSONS))
        .first()
    )
    if board is None:
        return None
    rows = tuple(
        BoardRow(capfirst(str(label)), text)
        for key, label in LESSONS
        if (text := getattr(board, lesson_field(key)))
    )
    return BoardSection(rows=rows) if rows else None


def register() -> None:
    register_board_section(
        GOAL_KEY,
        order=GOAL_ORDER,
        title=gettext_lazy("Цель, задача, миссия"),
        provider=goal_section,
        empty_text=gettext_lazy("Цель и миссия ещё не записаны."),
    )
    register_board_section(
        TEAM_KEY,
        order=TEAM_ORDER,
        title=gettext_lazy("Члены команды"),
        provider=team_section,
        empty_text=gettext_lazy("5S-команда ещё не сформирована."),
    )
    register_board_section(
        INDICATORS_KEY,
        order=INDICATORS_ORDER,
        title=INDICATORS_TITLE,
        provider=None,
        empty_text=INDICATORS_EMPTY,
    )
    register_board_section(
        STEPS_KEY,
        order=STEPS_ORDER,
        title=gettext_lazy("Шаги: что сделано и что предстоит"),
        provider=steps_section,
        empty_text=gettext_lazy("План развёртывания ещё не составлен."),
    )
    register_board_section(
        LESSONS_KEY,
        order=LESSONS_ORDER,
        title=gettext_lazy("Мини-уроки по шагам"),
        provider=lessons_section,
        empty_text=gettext_lazy("Мини-уроки ещё не написаны."),
    )
