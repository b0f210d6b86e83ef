"""Forms of the sorting pages. Every id a page sends is parsed here, bounded to the database's
integer range (an id beyond it is «not found», never an overflow on SQLite)."""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from agencies.choices import ROOM_NAME_MAX_LENGTH
from agencies.models import Agency, Person
from core.forms import (
    DateInput,
    GridFormSet,
    PortalFormMixin,
    bound_past_date,
    bound_plan_date,
)
from sorting import rules, selectors
from sorting.choices import (
    CHECK_ENTRIES_MAX,
    MAX_ID,
    QUANTITY_MAX,
    TEXT_MAX_LENGTH,
    ApprovalRole,
    EntryKind,
    ItemCategory,
)
from sorting.models import ClassifierEntry, ControlSheetItem, RedTag, SortingListLine, SortingRound
from sorting.selectors import ZoneRow
from sorting.services import TAG_FIELDS, CheckEntry, DecisionRow


def id_or_none(value: object) -> int | None:
    """A positive id within the database's range, or None for anything else."""
    text = str(value or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 19:
        return None
    number = int(text)
    return number if 1 <= number <= MAX_ID else None


def bound_quantity(field: forms.IntegerField) -> None:
    """A number of items: 1 to QUANTITY_MAX, in the browser too."""
    field.min_value, field.max_value = 1, QUANTITY_MAX
    field.validators = [
        v for v in field.validators if not isinstance(v, MinValueValidator | MaxValueValidator)
    ]
    field.validators += [MinValueValidator(1), MaxValueValidator(QUANTITY_MAX)]
    field.widget.attrs.update(min=1, max=QUANTITY_MAX)


class IdField(forms.IntegerField):
    """A record id: a whole number from 1 to the largest 64-bit integer."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        kwargs.setdefault("widget", forms.HiddenInput)
        super().__init__(**kwargs)


class IdListField(forms.Field):
    """Several record ids (`?ids=1&ids=2`); each must be a valid id."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {"invalid": _("Неверный номер записи: %(value)s.")}

    def to_python(self, value):
        ids = []
        for item in value or []:
            number = id_or_none(item)
            if number is None:
                raise forms.ValidationError(
                    self.error_messages["invalid"], code="invalid", params={"value": str(item)[:40]}
                )
            ids.append(number)
        return ids


class IdsModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """ModelMultipleChoiceField whose ids are checked to be ids before the lookup (the stock
    field runs `pk__in` with whatever was sent, an OverflowError on SQLite for a huge one)."""

    def _check_values(self, value):
        for item in value:
            if id_or_none(item) is None:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": str(item)[:40]},
                )
        return super()._check_values(value)


class RedTagForm(PortalFormMixin, forms.ModelForm):
    """Appendix 1: every line of the red tag form."""

    agency = forms.ModelChoiceField(label=_("ОИВ ЯО / СППО"), queryset=Agency.objects.none())
    round = forms.ModelChoiceField(
        label=_("Внести в список «ненужных» предметов сортировки"),
        queryset=SortingRound.objects.none(),
        required=False,
    )

    # The room is typed (a number or a name): one the agency's list lacks is added to it by the
    # service (issue 11 item 4).
    room = forms.CharField(label=_("№ кабинета"), max_length=ROOM_NAME_MAX_LENGTH)

    class Meta:
        model = RedTag
        fields = [name for name in TAG_FIELDS if name != "room"]
        widgets = {
            "marked_on": DateInput,
            "move_deadline": DateInput,
            "reason": forms.RadioSelect,
            "action": forms.RadioSelect,
            "comments": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, agencies, agency_id, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["reason"].queryset = selectors.tag_reasons(agency_id)
        self.fields["action"].queryset = selectors.tag_actions(agency_id)
        self.fields["reason"].empty_label = None
        self.fields["action"].empty_label = None
        self.fields["round"].queryset = SortingRound.objects.filter(agency_id=agency_id)
        self.fields["marked_on"].required = False
        bound_past_date(self.fields["marked_on"])
        bound_plan_date(self.fields["move_deadline"])
        bound_quantity(self.fields["quantity"])
        if self.instance.pk and self.instance.room_id:
            self.initial.setdefault("room", self.instance.room.name)
        if editing:
            del self.fields["agency"]
            del self.fields["round"]
            self.order_fields(TAG_FIELDS)
        else:
            self.order_fields(["agency", *TAG_FIELDS, "round"])


class RoundForm(PortalFormMixin, forms.ModelForm):
    # The rooms are typed as one line («215, 218, 220»); the service keeps them as the agency's
    # rooms and adds those its list lacks (issue 11 item 4).
    rooms = forms.CharField(
        label=_("Рабочее пространство (кабинеты)"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Номера кабинетов или наименования помещений через запятую."),
    )

    class Meta:
        model = SortingRound
        fields = ["date_from", "date_to", "participants", "next_sorting_on"]
        widgets = {
            "date_from": DateInput,
            "date_to": DateInput,
            "next_sorting_on": DateInput,
            "participants": forms.CheckboxSelectMultiple,
        }
        field_classes = {"participants": IdsModelMultipleChoiceField}

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = Person.objects.filter(agency=agency).order_by(
            "full_name"
        )
        for name in ("date_from", "date_to", "next_sorting_on"):
            bound_plan_date(self.fields[name])
        if self.instance.pk:
            self.initial.setdefault("rooms", self.instance.rooms_display)
        self.order_fields(["date_from", "date_to", "rooms", "participants", "next_sorting_on"])


class RarelyNeededLineForm(PortalFormMixin, forms.Form):
    room = forms.CharField(label=_("№ кабинета"), max_length=ROOM_NAME_MAX_LENGTH)
    workplace_owner = forms.CharField(
        label=_("Ф.И.О. сотрудника - владельца рабочего места"), max_length=200, required=False
    )
    item_name = forms.CharField(label=_("Наименование «ненужного срочно» предмета"), max_length=300)
    inventory_number = forms.CharField(label=_("Инвентарный №"), max_length=200, required=False)
    quantity = forms.IntegerField(label=_("Количество"), min_value=1, initial=1)
    regularity = forms.ModelChoiceField(
        label=_("Регулярность использования"),
        queryset=ClassifierEntry.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
    )

    def __init__(self, *args, agency_id, **kwargs):
        super().__init__(*args, **kwargs)
        bound_quantity(self.fields["quantity"])
        self.fields["regularity"].queryset = selectors.classifier_entries(
            agency_id=agency_id, category=ItemCategory.RARELY_NEEDED, kind=EntryKind.REGULARITY
        )


class DecisionForm(PortalFormMixin, forms.Form):
    decider_name = forms.CharField(
        label=_("Ф.И.О. сотрудника, принимающего решение"), max_length=200
    )
    decider_position = forms.CharField(
        label=_("Должность сотрудника, принимающего решение"), max_length=300
    )
    decision = forms.ModelChoiceField(
        label=_("Решение по дальнейшему использованию"),
        queryset=ClassifierEntry.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
    )
    execute_by = forms.DateField(label=_("Срок исполнения решения"), widget=DateInput)

    def __init__(self, *args, line, **kwargs):
        super().__init__(*args, **kwargs)
        bound_plan_date(self.fields["execute_by"])
        self.fields["decision"].queryset = selectors.classifier_entries(
            agency_id=line.sorting_list.round.agency_id,
            category=line.sorting_list.category,
            kind=EntryKind.DECISION,
        )


class ApprovalForm(PortalFormMixin, forms.Form):
    role = forms.ChoiceField(label=_("Кто согласует"), choices=ApprovalRole.choices)
    full_name = forms.CharField(label=_("Ф.И.О."), max_length=200)
    position = forms.CharField(label=_("Должность"), max_length=300)
    agreed_on = forms.DateField(label=_("Дата согласования"), widget=DateInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bound_past_date(self.fields["agreed_on"])


class CarriedOutForm(PortalFormMixin, forms.Form):
    carried_out_on = forms.DateField(label=_("Дата исполнения решения"), widget=DateInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bound_past_date(self.fields["carried_out_on"])


class AdmitForm(PortalFormMixin, forms.Form):
    red_tag = forms.ModelChoiceField(label=_("«Красный ярлык»"), queryset=RedTag.objects.none())
    admitted_on = forms.DateField(
        label=_("Дата помещения в зону временного хранения"), widget=DateInput, required=False
    )

    def __init__(self, *args, agency_id, **kwargs):
        super().__init__(*args, **kwargs)
        bound_past_date(self.fields["admitted_on"])
        self.fields["red_tag"].queryset = selectors.zone_candidates(agency_id=agency_id)
        self.fields["red_tag"].label_from_instance = lambda tag: (
            f"№ {tag.number} — {tag.item_name} ({tag.room})"
        )


class ClassifierEntryForm(PortalFormMixin, forms.Form):
    category = forms.ChoiceField(label=_("Категория предметов"), choices=ItemCategory.choices)
    kind = forms.ChoiceField(label=_("Графа"), choices=EntryKind.choices)
    text = forms.CharField(label=_("Текст"), max_length=300)


class AddToRoundForm(forms.Form):
    """Which sorting's unneeded list a tag goes into: a sorting of the tag's agency."""

    add_to_round = forms.ModelChoiceField(queryset=SortingRound.objects.none())

    def __init__(self, *args, user, agency_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["add_to_round"].queryset = selectors.round_list(user=user).filter(
            agency_id=agency_id
        )


class TagBatchForm(forms.Form):
    """Tags to print together: the chosen ones (`ids`) or every tag of a sorting (`round`)."""

    ids = IdListField(required=False)
    round = forms.ModelChoiceField(queryset=SortingRound.objects.none(), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = selectors.round_list(user=user)


class ControlSheetForm(forms.Form):
    """The ticks of the sorting control sheet (Appendix 15), checked against its items."""

    items = forms.TypedMultipleChoiceField(coerce=int, required=False, choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].choices = [
            (item.pk, item.shown_text) for item in ControlSheetItem.objects.order_by("order")
        ]


# --- Grids (formsets): core.forms.GridFormSet and add_grid_error -------------------------------

# Most new lines of the rarely-needed list entered in one grid.
RARELY_NEEDED_ROWS_MAX = 50


class BaseRarelyNeededFormSet(GridFormSet):
    """New lines of the rarely-needed list (Appendix 17); untouched rows are left out.
    `rows` sets how many empty rows are offered (one on the sorting's page)."""

    def __init__(self, *args, rows: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if rows is not None:
            self.extra = rows


RarelyNeededFormSet = forms.formset_factory(
    RarelyNeededLineForm,
    formset=BaseRarelyNeededFormSet,
    extra=5,
    max_num=RARELY_NEEDED_ROWS_MAX,
    absolute_max=RARELY_NEEDED_ROWS_MAX,
    validate_max=True,
)


class DecisionRowForm(PortalFormMixin, forms.Form):
    """One line of a list in the decisions grid (§5.4, L751; Appendix 16 item 9)."""

    decider_name = forms.CharField(
        label=_("Ф.И.О. сотрудника, принимающего решение"), max_length=200, required=False
    )
    decider_position = forms.CharField(
        label=_("Должность сотрудника, принимающего решение"), max_length=300, required=False
    )
    decision = forms.ModelChoiceField(
        label=_("Решение по дальнейшему использованию"),
        queryset=ClassifierEntry.objects.none(),
        required=False,
    )
    execute_by = forms.DateField(
        label=_("Срок исполнения решения"), widget=DateInput, required=False
    )

    def __init__(self, *args, line: SortingListLine, decisions, **kwargs):
        super().__init__(*args, **kwargs)
        self.line = line
        self.fields["decision"].queryset = decisions
        bound_plan_date(self.fields["execute_by"])
        if line.carried_out_on:  # a decision carried out is no longer changed
            for field in self.fields.values():
                field.disabled = True


class BaseDecisionFormSet(GridFormSet):
    """Every line of a list, one row each, prefilled with its decision (or its tag's «что
    делать с предметом»); only the rows the leader changed are recorded."""

    def __init__(self, *args, lines: list[SortingListLine], **kwargs):
        self.lines = lines
        kwargs["initial"] = [
            {
                "decider_name": line.decider_name,
                "decider_position": line.decider_position,
                "decision": line.decision_id
                or (line.red_tag.action_id if line.red_tag_id else None),
                "execute_by": line.execute_by,
            }
            for line in lines
        ]
        super().__init__(*args, **kwargs)
        if lines:
            sorting_list = lines[0].sorting_list
            self.form_kwargs["decisions"] = selectors.classifier_entries(
                agency_id=sorting_list.round.agency_id,
                category=sorting_list.category,
                kind=EntryKind.DECISION,
            )

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        kwargs["line"] = self.lines[index]
        return kwargs

    def total_form_count(self):
        # One row per line, whatever the page sent: the grid's shape is the list's.
        return len(self.lines)

    def clean(self):
        if self.is_bound and self.management_form.cleaned_data.get("TOTAL_FORMS") != len(
            self.lines
        ):
            raise forms.ValidationError(
                _("Строки списка изменились, пока заполнялась таблица: проверьте её снова.")
            )

    def rows(self) -> list[DecisionRow]:
        return [
            {
                "line": form.line,
                "decider_name": form.cleaned_data["decider_name"],
                "decider_position": form.cleaned_data["decider_position"],
                "decision": form.cleaned_data["decision"],
                "execute_by": form.cleaned_data["execute_by"],
            }
            for form in self.filled()
        ]


DecisionFormSet = forms.formset_factory(DecisionRowForm, formset=BaseDecisionFormSet, extra=0)


class StorageCheckForm(PortalFormMixin, forms.Form):
    """The weekly check of the storage zone (§5.3, L715–721): its date and a note."""

    checked_on = forms.DateField(label=_("Дата проверки"), widget=DateInput)
    note = forms.CharField(
        label=_("Примечание"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bound_past_date(self.fields["checked_on"])


class CheckLineForm(forms.Form):
    """One item of the zone as the keeper finds it: on its place, matched against the list,
    and the date its decision was carried out, if it was (L717–719)."""

    admission = IdField()
    present = forms.BooleanField(label=_("На месте"), required=False)
    matches_list = forms.BooleanField(label=_("Сверен со списком"), required=False)
    carried_out_on = forms.DateField(label=_("Решение исполнено"), widget=DateInput, required=False)

    def __init__(self, *args, row: ZoneRow | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.row = row
        bound_past_date(self.fields["carried_out_on"])
        for field in self.fields.values():
            field.widget.attrs.setdefault("aria-label", str(field.label))
        if row is not None:
            number = row.admission.red_tag.number
            self.fields["carried_out_on"].widget.attrs["data-testid"] = f"carried-{number}"


class BaseCheckLineFormSet(GridFormSet):
    """One row per item in the zone, in the order of the zone's page."""

    def __init__(self, *args, rows: list[ZoneRow], **kwargs):
        self.rows = rows
        kwargs["initial"] = [
            {"admission": row.admission.pk, "present": True, "matches_list": True} for row in rows
        ]
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        kwargs["row"] = self.rows[index] if index < len(self.rows) else None
        return kwargs

    def clean(self):
        if any(self.errors):
            return
        sent = [form.cleaned_data.get("admission") for form in self.forms]
        if sent != [row.admission.pk for row in self.rows]:
            raise forms.ValidationError(
                _(
                    "Предметы в зоне изменились, пока заполнялась проверка: проверьте список и "
                    "отправьте его снова."
                )
            )

    def check_dates(self, checked_on) -> bool:
        """Each date of a decision carried out, checked beside its cell (sorting.rules)."""
        for form in self.forms:
            carried_out_on = form.cleaned_data.get("carried_out_on")
            if not carried_out_on or form.row is None:
                continue
            line = form.row.line
            error = rules.carried_out_error(
                item_name=form.row.admission.red_tag.item_name,
                decided=bool(line and line.decision_id),
                carried_out_on=carried_out_on,
                not_after=checked_on,
                admitted_on=form.row.admission.admitted_on,
            )
            if error:
                form.add_error("carried_out_on", error)
        return self.is_valid()

    def entries(self) -> list[CheckEntry]:
        return [
            {
                "admission": form.cleaned_data["admission"],
                "present": form.cleaned_data["present"],
                "matches_list": form.cleaned_data["matches_list"],
                "carried_out_on": form.cleaned_data["carried_out_on"],
            }
            for form in self.forms
        ]


CheckLineFormSet = forms.formset_factory(
    CheckLineForm,
    formset=BaseCheckLineFormSet,
    extra=0,
    max_num=CHECK_ENTRIES_MAX,
    absolute_max=CHECK_ENTRIES_MAX,
    validate_max=True,
)
