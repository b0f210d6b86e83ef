"""The information board of an agency (§4.9 «Мероприятие 8 - создать информационный стенд», seed
003 L561–597; Appendix 11, L3655): the board itself with its two responsible members (L583),
each update of the physical board (L583, L589; criterion 2.6) and the employees' proposals and
remarks about it (L595). Imported at the end of agencies/models.py (the models belong to
`agencies`)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agencies.board.choices import (
    REMARK_MAX_LENGTH,
    SHORT_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    RemarkKind,
)
from agencies.deployment.models import private_storage


def _photo_path(instance, filename):
    # core.images generated the name; keep one agency's board photos together.
    return f"board/{instance.agency_id}/{filename}"


class InformationBoard(models.Model):
    """§4.9 (L571–597): the agency's information board — its goal, task and mission (Appendix 11,
    first category), where it hangs and how big it is (L575–577), the two members of the 5S
    team responsible for it (L583): one gathers the information and updates it at least every
    2 weeks, the other keeps it visual — and the mini-lessons of Appendix 11 (L3675: steps 1–4,
    L3677: «поддержание и совершенствование»)."""

    agency = models.OneToOneField(
        "agencies.Agency",
        verbose_name=_("ОИВ ЯО / СППО"),
        on_delete=models.PROTECT,
        related_name="information_board",
    )
    goal = models.TextField(_("цель, задача, миссия"), max_length=TEXT_MAX_LENGTH, blank=True)
    place = models.CharField(_("место размещения"), max_length=SHORT_MAX_LENGTH, blank=True)
    size = models.CharField(_("размеры"), max_length=SHORT_MAX_LENGTH, blank=True)
    collector = models.ForeignKey(
        "agencies.Person",
        verbose_name=_("собирает информацию и обновляет (не реже 1 раза в 2 недели)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    designer = models.ForeignKey(
        "agencies.Person",
        verbose_name=_("обеспечивает наглядность"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # Appendix 11 (L3675, L3677): a mini-lesson for each step, written by the board's team.
    lesson_sorting = models.TextField(
        _("мини-урок: сортировка"), max_length=TEXT_MAX_LENGTH, blank=True
    )
    lesson_set_in_order = models.TextField(
        _("мини-урок: рациональное размещение"), max_length=TEXT_MAX_LENGTH, blank=True
    )
    lesson_shine = models.TextField(
        _("мини-урок: уборка и проверка"), max_length=TEXT_MAX_LENGTH, blank=True
    )
    lesson_standardisation = models.TextField(
        _("мини-урок: стандартизация"), max_length=TEXT_MAX_LENGTH, blank=True
    )
    lesson_sustain = models.TextField(
        _("мини-урок: поддержание и совершенствование"), max_length=TEXT_MAX_LENGTH, blank=True
    )
    set_up_on = models.DateField(_("дата создания стенда"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("изменил"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("информационный стенд")
        verbose_name_plural = _("информационные стенды")
        ordering = ["agency"]

    def __str__(self):
        return _("Информационный стенд %(agency)s") % {"agency": self.agency.short_name}

    def get_absolute_url(self):
        return reverse("agencies:board", args=[self.agency_id])


class BoardUpdate(models.Model):
    """One update of the physical board (L583, L589; criterion 2.6, L1903): when, who updated
    it, what changed and a photo of the board as it now hangs."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("ОИВ ЯО / СППО"),
        on_delete=models.PROTECT,
        related_name="board_updates",
    )
    date = models.DateField(_("дата обновления"))
    person = models.ForeignKey(
        "agencies.Person",
        verbose_name=_("кто обновил"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField(_("что обновлено"), max_length=TEXT_MAX_LENGTH, blank=True)
    image = models.FileField(_("фотоснимок стенда"), storage=private_storage, upload_to=_photo_path)
    thumbnail = models.FileField(_("миниатюра"), storage=private_storage, upload_to=_photo_path)
    content_type = models.CharField(max_length=32)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("внёс"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("внесено"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("обновление информационного стенда")
        verbose_name_plural = _("обновления информационного стенда")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["agency", "date"])]

    def __str__(self):
        return _("Обновление стенда %(agency)s от %(date)s") % {
            "agency": self.agency.short_name,
            "date": self.date.strftime("%d.%m.%Y"),
        }

    def get_absolute_url(self):
        return reverse("agencies:board", args=[self.agency_id])


class BoardRemark(models.Model):
    """L595: «выделить место на информационном стенде для размещения предложений и замечаний
    сотрудников … по состоянию информационного стенда». A proposal is also submitted as an
    improvement proposal (§9.1, L1435) and linked to it."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("ОИВ ЯО / СППО"),
        on_delete=models.PROTECT,
        related_name="board_remarks",
    )
    kind = models.CharField(
        _("вид"), max_length=16, choices=RemarkKind.choices, default=RemarkKind.REMARK
    )
    text = models.TextField(_("текст"), max_length=REMARK_MAX_LENGTH)
    author = models.ForeignKey(
        "agencies.Person",
        verbose_name=_("автор"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("внесено пользователем"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    proposal = models.ForeignKey(
        "agencies.Proposal",
        verbose_name=_("предложение по улучшению"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="board_remarks",
    )
    created_at = models.DateTimeField(_("внесено"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("предложение или замечание по стенду")
        verbose_name_plural = _("предложения и замечания по стенду")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["agency", "created_at"])]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"

    def get_absolute_url(self):
        return reverse("agencies:board", args=[self.agency_id])
