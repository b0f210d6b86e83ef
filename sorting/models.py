from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agencies.choices import ROOM_NAME_MAX_LENGTH
from core import i18n
from core.validators import validate_past_date, validate_plan_date
from sorting.choices import (
    QUANTITY_MAX,
    TEXT_MAX_LENGTH,
    ApprovalRole,
    EntryKind,
    ItemCategory,
    ListKind,
)
from sorting.rules import room_sort_key
from sorting.schedule import decisions_due, sorting_end


class ClassifierEntry(models.Model):
    """One cell item of the item classifier (Appendix 14): a usage regularity, a state or a
    decision of a category. Entries without a team are the regional template loaded from the
    appendix; a 5S team refines the classifier for its agencies by adding its own (§5.2)."""

    team = models.ForeignKey(
        "agencies.FiveSTeam",
        verbose_name=_("5S-команда"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="classifier_entries",
    )
    category = models.CharField(_("категория предметов"), max_length=16, choices=ItemCategory)
    kind = models.CharField(_("графа"), max_length=16, choices=EntryKind)
    text = models.CharField(_("текст"), max_length=300)
    # English of a template entry (fixtures/sorting/classifier.en.json, issue 17 item 10); a
    # team's own entry has none and reads as typed.
    text_en = models.CharField(_("текст (англ.)"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("порядок"), default=0)

    class Meta:
        verbose_name = _("позиция классификатора предметов")
        verbose_name_plural = _("классификатор предметов")
        ordering = ["team_id", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "category", "kind", "text"], name="unique_classifier_entry"
            ),
            models.UniqueConstraint(
                fields=["category", "kind", "text"],
                condition=models.Q(team__isnull=True),
                name="unique_template_classifier_entry",
            ),
        ]

    def __str__(self):
        return self.shown_text

    @property
    def shown_text(self) -> str:
        """The text a person reads: English in English mode where translated."""
        return i18n.shown_text(self.text, self.text_en)


class ControlSheetItem(models.Model):
    """One thing to inspect from the sorting control sheet (Appendix 15)."""

    section_number = models.PositiveSmallIntegerField(_("номер действия"))
    section_title = models.CharField(_("действие"), max_length=300)
    text = models.CharField(_("что осмотреть"), max_length=300)
    # English (fixtures/sorting/control_sheet.en.json, issue 17 item 10).
    section_title_en = models.CharField(_("действие (англ.)"), max_length=300, blank=True)
    text_en = models.CharField(_("что осмотреть (англ.)"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("порядок"))

    class Meta:
        verbose_name = _("пункт листа контроля сортировки")
        verbose_name_plural = _("лист контроля сортировки")
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["section_number", "text"], name="unique_control_item")
        ]

    def __str__(self):
        return f"{self.section_number}. {self.shown_text}"

    @property
    def shown_text(self) -> str:
        """What to inspect, as a person reads it (English in English mode where translated)."""
        return i18n.shown_text(self.text, self.text_en)

    @property
    def shown_section_title(self) -> str:
        """The action, as a person reads it (English in English mode where translated)."""
        return i18n.shown_text(self.section_title, self.section_title_en)


class RedTagCounter(models.Model):
    """The last red tag number issued in an agency (Appendix 1, item 6: «номер по порядку,
    присваиваемый в ОИВ ЯО или СППО»). Locked while a tag is created, so numbers never repeat
    or skip, even when several people mark items at once."""

    agency = models.OneToOneField(
        "agencies.Agency", on_delete=models.CASCADE, related_name="red_tag_counter"
    )
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("счётчик номеров «красных ярлыков»")
        verbose_name_plural = _("счётчики номеров «красных ярлыков»")

    def __str__(self):
        return f"{self.agency_id}: {self.last_number}"


class SortingRound(models.Model):
    """One sorting (§5.4): its date or period, the rooms covered, who carried it out, the
    control sheet (Appendix 15) and the two resulting lists (Appendices 16, 17)."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("ОИВ ЯО / СППО"),
        on_delete=models.PROTECT,
        related_name="sorting_rounds",
    )
    date_from = models.DateField(_("дата проведения сортировки"), validators=[validate_plan_date])
    date_to = models.DateField(
        _("окончание периода сортировки"), null=True, blank=True, validators=[validate_plan_date]
    )
    rooms = models.ManyToManyField(
        "agencies.Room",
        verbose_name=_("рабочее пространство (кабинеты)"),
        related_name="sorting_rounds",
    )
    participants = models.ManyToManyField(
        "agencies.Person",
        verbose_name=_("сортировку провели"),
        blank=True,
        related_name="sorting_rounds",
    )
    next_sorting_on = models.DateField(
        _("дата следующей сортировки"), null=True, blank=True, validators=[validate_plan_date]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[rooms])

    class Meta:
        verbose_name = _("сортировка")
        verbose_name_plural = _("сортировки")
        ordering = ["-date_from", "-pk"]
        indexes = [models.Index(fields=["agency", "date_from"])]

    def __str__(self):
        return f"{self.agency} — {self.period_display}"

    def get_absolute_url(self):
        return reverse("sorting:round-detail", args=[self.pk])

    @property
    def end_date(self):
        return sorting_end(self.date_from, self.date_to)

    @property
    def decisions_due(self):
        """§5.4 (L751): decisions are discussed «в течение 1 рабочего дня после завершения
        сортировки»."""
        return decisions_due(self.end_date)

    @property
    def rooms_display(self):
        """The rooms' names in order, as people wrote them: «215, 218, 220» (prefetch `rooms`
        for a list)."""
        return ", ".join(room.name for room in sorted(self.rooms.all(), key=room_sort_key))

    @property
    def period_display(self):
        if self.date_to and self.date_to != self.date_from:
            return f"{self.date_from:%d.%m.%Y} — {self.date_to:%d.%m.%Y}"
        return f"{self.date_from:%d.%m.%Y}"


class ControlSheetMark(models.Model):
    """A ticked line of a round's control sheet (Appendix 15)."""

    round = models.ForeignKey(SortingRound, on_delete=models.CASCADE, related_name="marks")
    item = models.ForeignKey(ControlSheetItem, on_delete=models.PROTECT, related_name="+")
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    checked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("отметка листа контроля сортировки")
        verbose_name_plural = _("отметки листа контроля сортировки")
        constraints = [
            models.UniqueConstraint(fields=["round", "item"], name="unique_control_mark")
        ]

    def __str__(self):
        return f"{self.round_id}: {self.item_id}"


class RedTag(models.Model):
    """The red tag (Appendix 1, §1.4.11): an A5 form marking an «unneeded» item. The reasons
    for marking are the item states and the actions the decisions of Appendix 14."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("ОИВ ЯО / СППО"),
        on_delete=models.PROTECT,
        related_name="red_tags",
    )
    number = models.PositiveIntegerField(_("регистрационный номер ярлыка"))
    marked_on = models.DateField(_("дата"), validators=[validate_past_date])
    marked_by = models.CharField(_("кем промаркирован"), max_length=200)
    room = models.ForeignKey(
        "agencies.Room",
        verbose_name=_("№ кабинета"),
        on_delete=models.PROTECT,
        related_name="red_tags",
    )
    workplace_owner = models.CharField(
        _("Ф.И.О. сотрудника рабочего места"), max_length=200, blank=True
    )
    item_name = models.CharField(_("наименование"), max_length=300)
    inventory_number = models.CharField(_("инвентарный номер"), max_length=200, blank=True)
    quantity = models.PositiveIntegerField(
        _("количество"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(QUANTITY_MAX)],
    )
    reason = models.ForeignKey(
        ClassifierEntry,
        verbose_name=_("причина маркировки"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.ForeignKey(
        ClassifierEntry,
        verbose_name=_("что делать с предметом"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    move_deadline = models.DateField(
        _("срок, до которого предмет должен быть перемещён"),
        null=True,
        blank=True,
        validators=[validate_plan_date],
    )
    responsible_for_moving = models.CharField(
        _("ответственный за перемещение"), max_length=200, blank=True
    )
    comments = models.TextField(
        _("дополнительные комментарии"),
        blank=True,
        max_length=TEXT_MAX_LENGTH,
        validators=[MaxLengthValidator(TEXT_MAX_LENGTH)],
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("«красный ярлык»")
        verbose_name_plural = _("«красные ярлыки»")
        ordering = ["agency_id", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "number"], name="unique_red_tag_number")
        ]

    def __str__(self):
        return f"№ {self.number} — {self.item_name}"

    def get_absolute_url(self):
        return reverse("sorting:tag-detail", args=[self.pk])

    # Fields that must be filled before the item may enter the storage zone (Appendix 1; the
    # owner, inventory number and comments are filled only where they apply).
    REQUIRED_FOR_STORAGE = (
        "marked_on",
        "marked_by",
        "room_id",
        "item_name",
        "quantity",
        "reason_id",
        "action_id",
        "move_deadline",
        "responsible_for_moving",
    )

    @property
    def missing_fields(self):
        return [name for name in self.REQUIRED_FOR_STORAGE if not getattr(self, name)]

    @property
    def is_filled(self):
        return not self.missing_fields


class SortingList(models.Model):
    """The list of unneeded (Appendix 16) or rarely-needed (Appendix 17) items of a round."""

    round = models.ForeignKey(SortingRound, on_delete=models.CASCADE, related_name="lists")
    kind = models.CharField(_("вид списка"), max_length=16, choices=ListKind)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("список предметов")
        verbose_name_plural = _("списки предметов")
        ordering = ["round_id", "kind"]
        constraints = [models.UniqueConstraint(fields=["round", "kind"], name="unique_list_kind")]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.round}"

    def get_absolute_url(self):
        return reverse("sorting:list-detail", args=[self.pk])

    @property
    def category(self):
        return (
            ItemCategory.UNNEEDED if self.kind == ListKind.UNNEEDED else ItemCategory.RARELY_NEEDED
        )


class SortingListLine(models.Model):
    """A line of Appendix 16 or 17. A line of the unneeded list is made from a red tag and kept
    in step with it (Appendix 1: room, owner, item and «what to do» must agree); the decision
    is entered by the team leader after the discussion (§5.4) and carried out by its date."""

    sorting_list = models.ForeignKey(SortingList, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveIntegerField(_("№ п/п"))
    red_tag = models.OneToOneField(
        RedTag,
        verbose_name=_("«красный ярлык»"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="list_line",
    )
    # The room's name as on the tag (agencies.Room) or typed for Appendix 17.
    room = models.CharField(_("№ кабинета"), max_length=ROOM_NAME_MAX_LENGTH)
    workplace_owner = models.CharField(
        _("Ф.И.О. сотрудника - владельца рабочего места"), max_length=200, blank=True
    )
    item_name = models.CharField(_("наименование предмета"), max_length=300)
    inventory_number = models.CharField(_("инвентарный №"), max_length=200, blank=True)
    quantity = models.PositiveIntegerField(
        _("количество"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(QUANTITY_MAX)],
    )
    regularity = models.ForeignKey(
        ClassifierEntry,
        verbose_name=_("регулярность использования"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decider_name = models.CharField(
        _("Ф.И.О. сотрудника, принимающего решение"), max_length=200, blank=True
    )
    decider_position = models.CharField(
        _("должность сотрудника, принимающего решение"), max_length=300, blank=True
    )
    decision = models.ForeignKey(
        ClassifierEntry,
        verbose_name=_("решение по дальнейшему использованию"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    execute_by = models.DateField(
        _("срок исполнения решения"), null=True, blank=True, validators=[validate_plan_date]
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("решение внесено"), null=True, blank=True)
    carried_out_on = models.DateField(
        _("решение исполнено"), null=True, blank=True, validators=[validate_past_date]
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("строка списка предметов")
        verbose_name_plural = _("строки списков предметов")
        ordering = ["sorting_list_id", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["sorting_list", "position"], name="unique_list_line_position"
            )
        ]

    def __str__(self):
        return f"{self.position}. {self.item_name}"

    @property
    def room_and_owner(self):
        return ", ".join(part for part in (self.room, self.workplace_owner) if part)

    @property
    def decider_display(self):
        return ", ".join(part for part in (self.decider_name, self.decider_position) if part)

    def is_overdue(self, today):
        return bool(self.execute_by and not self.carried_out_on and self.execute_by < today)


class ListApproval(models.Model):
    """One signature of the «СОГЛАСОВАНО» block of Appendix 16 or 17: who agreed and when."""

    sorting_list = models.ForeignKey(
        SortingList, on_delete=models.CASCADE, related_name="approvals"
    )
    role = models.CharField(_("кто согласует"), max_length=32, choices=ApprovalRole)
    full_name = models.CharField(_("Ф.И.О."), max_length=200)
    position = models.CharField(_("должность"), max_length=300)
    agreed_on = models.DateField(_("дата согласования"), validators=[validate_past_date])
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("согласование списка")
        verbose_name_plural = _("согласования списков")
        ordering = ["sorting_list_id", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["sorting_list", "role", "full_name"], name="unique_list_approval"
            )
        ]

    def __str__(self):
        return f"{self.get_role_display()}: {self.full_name}"


class StorageAdmission(models.Model):
    """An unneeded item placed in the agency's temporary storage zone (§1.4.7, §5.3): admitted
    only with a filled red tag and a line in the unneeded list; it leaves the zone when its
    decision is carried out."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("ОИВ ЯО / СППО"),
        on_delete=models.PROTECT,
        related_name="storage_admissions",
    )
    red_tag = models.OneToOneField(
        RedTag,
        verbose_name=_("«красный ярлык»"),
        on_delete=models.PROTECT,
        related_name="admission",
    )
    admitted_on = models.DateField(
        _("помещён в зону временного хранения"), validators=[validate_past_date]
    )
    admitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    released_on = models.DateField(
        _("выбыл из зоны"), null=True, blank=True, validators=[validate_past_date]
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("предмет в зоне временного хранения")
        verbose_name_plural = _("зона временного хранения")
        ordering = ["agency_id", "admitted_on", "pk"]

    def __str__(self):
        return str(self.red_tag)


class StorageCheck(models.Model):
    """The weekly check of the storage zone by the person responsible (§5.3)."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("ОИВ ЯО / СППО"),
        on_delete=models.PROTECT,
        related_name="storage_checks",
    )
    checked_on = models.DateField(_("дата проверки"), validators=[validate_past_date])
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(
        _("примечание"),
        blank=True,
        max_length=TEXT_MAX_LENGTH,
        validators=[MaxLengthValidator(TEXT_MAX_LENGTH)],
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("проверка зоны временного хранения")
        verbose_name_plural = _("проверки зоны временного хранения")
        ordering = ["-checked_on", "-pk"]

    def __str__(self):
        return f"{self.agency} — {self.checked_on:%d.%m.%Y}"


class StorageCheckLine(models.Model):
    """One item as found in a weekly check: present, matched against the list, and the date
    its decision was carried out, if it was."""

    check_record = models.ForeignKey(StorageCheck, on_delete=models.CASCADE, related_name="lines")
    admission = models.ForeignKey(
        StorageAdmission, on_delete=models.PROTECT, related_name="check_lines"
    )
    present = models.BooleanField(_("предмет на месте"))
    matches_list = models.BooleanField(_("сверен со списком «ненужных» предметов"))
    carried_out_on = models.DateField(
        _("решение исполнено"), null=True, blank=True, validators=[validate_past_date]
    )

    class Meta:
        verbose_name = _("строка проверки зоны временного хранения")
        verbose_name_plural = _("строки проверки зоны временного хранения")
        constraints = [
            models.UniqueConstraint(fields=["check_record", "admission"], name="unique_check_line")
        ]

    def __str__(self):
        return f"{self.check_record_id}: {self.admission_id}"
