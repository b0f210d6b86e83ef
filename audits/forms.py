from django import forms
from django.utils.translation import gettext_lazy as _

from agencies.choices import ROOM_NAME_MAX_LENGTH
from agencies.models import Agency, Person
from audits.choices import (
    ACTION_TEXT_MAX_LENGTH,
    PHOTO_PROBLEM_MAX_LENGTH,
    SCORES,
    STEP_NAMES,
)
from audits.models import CorrectiveAction
from core.forms import DateInput, GridFormSet, PortalFormMixin, bound_past_date, bound_plan_date

STEP_CHOICES = [(n, f"{n}. {name}") for n, name in STEP_NAMES.items()]
SCORE_CHOICES = [("", "—")] + [(s, str(s)) for s in SCORES]


class AuditPlanForm(PortalFormMixin, forms.Form):
    agency = forms.ModelChoiceField(label=_("ОИВ ЯО / СППО"), queryset=Agency.objects.none())
    date = forms.DateField(label=_("Дата проведения аудита"), widget=DateInput)
    time = forms.TimeField(
        label=_("Время начала"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    auditors = forms.ModelMultipleChoiceField(
        label=_("Члены рабочей группы (не менее трёх)"),
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    completed_steps = forms.TypedMultipleChoiceField(
        label=_("Завершённые шаги"),
        choices=STEP_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Если не отмечено — по числу шагов, пройденных ОИВ ЯО / СППО."),
    )

    def __init__(self, *args, agencies, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["auditors"].queryset = members
        self.fields["agency"].label_from_instance = lambda a: (
            f"{a.short_name} — {a.get_deployment_state_display()}, "
            + str(_("пройдено шагов: %(n)s")) % {"n": a.steps_completed}
        )


class PhotoForm(PortalFormMixin, forms.Form):
    """A photo of the photo report (§4.6). `accept="image/*"` lets a phone offer its camera; the
    date picker and the lengths are bounded as the service bounds them (issue 17, item 12)."""

    image = forms.FileField(
        label=_("Фотоснимок"), widget=forms.ClearableFileInput(attrs={"accept": "image/*"})
    )
    taken_on = forms.DateField(label=_("Дата фотосъёмки"), widget=DateInput)
    place = forms.CharField(label=_("Где находится рабочее место"), max_length=300)
    subject = forms.CharField(label=_("Объект фотосъёмки"), max_length=300)
    problem = forms.CharField(
        label=_("Наличие проблемы"),
        required=False,
        max_length=PHOTO_PROBLEM_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    photographer = forms.CharField(label=_("Ф.И.О. фотографирующего"), max_length=200)
    room = forms.ModelChoiceField(label=_("Помещение"), queryset=None, required=False)
    before = forms.ModelChoiceField(
        label=_("Повторный снимок к (снимок «до»)"), queryset=None, required=False
    )

    def __init__(self, *args, rooms, photos, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = rooms
        self.fields["before"].queryset = photos
        bound_past_date(self.fields["taken_on"])


class RoomForm(PortalFormMixin, forms.Form):
    """A room typed on the internal-audit page: found in the agency's list or added to it
    (agencies.services.room_get_or_create)."""

    name = forms.CharField(label=_("№ кабинета, вид помещения"), max_length=ROOM_NAME_MAX_LENGTH)


class XlsxUploadForm(forms.Form):
    file = forms.FileField(label=_("Заполненный оценочный лист (XLSX)"))


class AuditRescheduleForm(PortalFormMixin, forms.Form):
    date = forms.DateField(label=_("Дата проведения аудита"), widget=DateInput)
    completed_steps = forms.TypedMultipleChoiceField(
        label=_("Завершённые шаги"),
        choices=STEP_CHOICES,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    time = forms.TimeField(
        label=_("Время начала"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    auditors = forms.ModelMultipleChoiceField(
        label=_("Члены рабочей группы (не менее трёх)"),
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["auditors"].queryset = members


# --- Appendix 30: the corrective-action plan's grid ---------------------------------------------

ACTION_TEXT_FIELDS = ("remark", "cause", "action")
ACTION_ROW_FIELDS = ("step", *ACTION_TEXT_FIELDS, "planned_date", "actual_date", "executor")
# A date the browser could not send as one (typed by hand, or an old browser's text box).
BAD_DATE = _("Неверная дата.")


def _text_area(testid: str | None = None) -> forms.Textarea:
    attrs = {"rows": 3}
    if testid:
        attrs["data-testid"] = testid
    return forms.Textarea(attrs=attrs)


class ActionRowForm(PortalFormMixin, forms.Form):
    """One row of Appendix 30: step, remark, cause, action, planned and actual dates,
    executor. A row of an approved plan takes only its actual date (note 4: the leader fills
    it in when the action is done); its other cells are shown, not sent."""

    id = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    step = forms.TypedChoiceField(
        label=_("№ шага"), choices=[(n, str(n)) for n in STEP_NAMES], coerce=int, initial=1
    )
    remark = forms.CharField(
        label=_("Содержание замечания"),
        max_length=ACTION_TEXT_MAX_LENGTH,
        required=False,
        widget=_text_area(),
    )
    cause = forms.CharField(
        label=_("Причина возникновения замечания"),
        max_length=ACTION_TEXT_MAX_LENGTH,
        required=False,
        widget=_text_area(),
    )
    action = forms.CharField(
        label=_("Мероприятие по устранению замечания"),
        max_length=ACTION_TEXT_MAX_LENGTH,
        required=False,
        widget=_text_area(),
    )
    planned_date = forms.DateField(
        label=_("Плановая дата выполнения"),
        required=False,
        widget=DateInput,
        error_messages={"invalid": BAD_DATE},
    )
    actual_date = forms.DateField(
        label=_("Фактическая дата выполнения"),
        required=False,
        widget=DateInput,
        error_messages={"invalid": BAD_DATE},
    )
    executor = forms.CharField(
        label=_("Исполнитель"),
        max_length=CorrectiveAction._meta.get_field("executor").max_length,
        required=False,
    )
    delete = forms.BooleanField(label=_("удалить"), required=False)

    def __init__(
        self,
        *args,
        row: CorrectiveAction | None,
        approved: bool,
        counter: int,
        audit_date=None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.row = row
        self.approved = approved
        bound_plan_date(self.fields["planned_date"])
        if audit_date is not None:
            # The service refuses a planned date before the audit (issue 17 item 5): so does
            # the date picker.
            self.fields["planned_date"].widget.attrs["min"] = audit_date.isoformat()
        bound_past_date(self.fields["actual_date"])
        for name, field in self.fields.items():
            field.widget.attrs.setdefault("aria-label", str(field.label))
            if approved and name not in ("id", "actual_date"):
                field.disabled = True
        # The browser tests and people find a row's cells by its position on the page.
        for name, testid in (
            ("cause", "cause"),
            ("action", "action"),
            ("planned_date", "planned"),
            ("actual_date", "actual"),
            ("executor", "executor"),
        ):
            self.fields[name].widget.attrs["data-testid"] = f"{testid}-{counter}"

    def clean(self):
        data = super().clean()
        if self.approved or data.get("delete"):
            return data
        needs_remark = self.row is not None or self.has_changed()
        if needs_remark and not (data.get("remark") or "").strip() and "remark" not in self.errors:
            self.add_error("remark", _("Укажите содержание замечания."))
        return data

    def service_row(self) -> dict:
        """The row as plan_save takes it (audits.services.plans)."""
        data = self.cleaned_data
        row: dict = {"id": self.row.pk if self.row is not None else None}
        if self.approved:
            row["actual_date"] = data["actual_date"]
            return row
        if data.get("delete"):
            row["delete"] = True
        row.update({name: data[name] for name in ACTION_ROW_FIELDS})
        return row


class BaseActionFormSet(GridFormSet):
    """The plan's grid: one row per action in the order of the page, and one empty row for a
    new action while the plan is a draft. The rows sent must be the plan's rows as shown: a
    row added or deleted meanwhile refuses the grid (nothing saved) rather than mixing rows."""

    def __init__(
        self, *args, actions: list[CorrectiveAction], approved: bool, audit_date=None, **kwargs
    ):
        self.actions = actions
        self.approved = approved
        self.audit_date = audit_date
        kwargs["initial"] = [
            {"id": a.pk, **{name: getattr(a, name) for name in ACTION_ROW_FIELDS}} for a in actions
        ]
        kwargs.setdefault("prefix", "rows")
        super().__init__(*args, **kwargs)
        self.extra = 0 if approved else 1

    def total_form_count(self):
        # The grid's shape is the plan's, whatever the page sent.
        return len(self.actions) + (0 if self.approved else 1)

    def initial_form_count(self):
        return len(self.actions)

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        kwargs["row"] = self.actions[index] if index < len(self.actions) else None
        kwargs["approved"] = self.approved
        kwargs["counter"] = index + 1
        kwargs["audit_date"] = self.audit_date
        return kwargs

    def clean(self):
        changed = _(
            "Строки плана изменились, пока он заполнялся: проверьте план и сохраните снова."
        )
        if self.management_form.cleaned_data.get("INITIAL_FORMS") != len(self.actions):
            raise forms.ValidationError(changed)
        if any(self.errors):
            return
        sent = [form.cleaned_data.get("id") for form in self.forms]
        expected = [action.pk for action in self.actions] + [None] * (len(sent) - len(self.actions))
        if sent != expected:
            raise forms.ValidationError(changed)

    def row_forms(self) -> list[ActionRowForm]:
        """The rows for the service: every row of the plan, and the new row if it was filled."""
        return [
            form
            for index, form in enumerate(self.forms)
            if index < len(self.actions) or form.has_changed()
        ]


ActionFormSet = forms.formset_factory(ActionRowForm, formset=BaseActionFormSet, extra=0)
