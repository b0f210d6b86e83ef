from django import forms
from django.utils.translation import gettext_lazy as _

from agencies.choices import ROOM_NAME_MAX_LENGTH
from agencies.models import Agency, Person
from audits.choices import PHOTO_PROBLEM_MAX_LENGTH, SCORES, STEP_NAMES, AuditStatus, PlanStatus
from core.forms import DateInput, PortalFormMixin

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
    image = forms.FileField(label=_("Фотоснимок"))
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


class RoomForm(PortalFormMixin, forms.Form):
    """A room typed on the internal-audit page: found in the agency's list or added to it
    (agencies.services.room_get_or_create)."""

    name = forms.CharField(label=_("№ кабинета, вид помещения"), max_length=ROOM_NAME_MAX_LENGTH)


class XlsxUploadForm(forms.Form):
    file = forms.FileField(label=_("Заполненный оценочный лист (XLSX)"))


class _ListFilterForm(forms.Form):
    """The agency and state filters above a list; the agencies are those the user may see."""

    status_choices = ()

    agency = forms.ModelChoiceField(
        label=_("ОИВ ЯО / СППО"), queryset=Agency.objects.none(), required=False, empty_label="—"
    )
    status = forms.ChoiceField(label=_("Состояние"), choices=(), required=False)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["status"].choices = [("", "—"), *self.status_choices]


class AuditFilterForm(_ListFilterForm):
    status_choices = AuditStatus.choices


class PlanFilterForm(_ListFilterForm):
    status_choices = PlanStatus.choices


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
