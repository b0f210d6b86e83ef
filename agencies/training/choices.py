"""Choices and constants of the agency's training (§9.2 of the Methodological recommendations,
seed 003 L1377–1413)."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class TargetGroup(models.TextChoices):
    """L1383: «Обучение должно быть ориентировано на целевую группу (все должны знать как
    применять 5S-стандарты, лидер 5S-команды и члены 5S-команды – как развёртывать систему 5S и
    проводить групповые мероприятия и т.п.)»."""

    EVERYONE = "everyone", _("Все сотрудники: применение 5S-стандартов")
    TEAM = "team", _("Лидер и члены 5S-команды: развёртывание системы 5S и групповые мероприятия")


class ProgrammeStatus(models.TextChoices):
    """L1385: the programme «утверждается руководителем ОИВ ЯО или СППО»."""

    DRAFT = "draft", _("Проект")
    APPROVED = "approved", _("Утверждена")


# L1383: «Количество обучающихся не должно превышать 5 - 7 человек»: an eighth is refused.
SESSION_ATTENDEES_MAX = 7
# L1383: «Рекомендуемая длительность занятия 1–1,5 часа»: outside it the session is recorded
# with a warning.
DURATION_RECOMMENDED_MIN = Decimal("1")
DURATION_RECOMMENDED_MAX = Decimal("1.5")
# A sanity bound on what a person may type as one session's length (a working day), hours.
DURATION_MAX = Decimal("8")
DURATION_MIN = Decimal("0.25")
# L1355 «Организовать всеобщее обучение сотрудников»: the target is every employee.
COVERAGE_TARGET = Decimal("100")
# Seed 000 (the Leningrad region's lean programme): «enterprise employees - at least 20%» by
# 2024. Another region's benchmark, shown labelled as such; never the Yaroslavl target.
LENINGRAD_BENCHMARK = Decimal("20")
BENCHMARK_LABEL = _(
    "Для сравнения, другой регион: программа Ленинградской области — не менее 20 процентов "
    "сотрудников предприятий, обученных бережливому производству, к 2024 году"
)
# Coverage shares are percentages with one decimal place, rounded half up (../shared/API.md).
SHARE_PLACES = Decimal("0.1")
# How many topics one programme may list (the grid's rows).
PROGRAMME_TOPICS_MAX = 60
# A reminder of a scheduled topic goes this many working days before its planned date.
TOPIC_REMINDER_WORKING_DAYS = 5
