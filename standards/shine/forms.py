"""Forms of the step-3 pages. Each form's grid of rows is a formset (core.forms.GridFormSet): a
bad cell gets its message beside it, nothing is saved, and what was typed stays."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from agencies.models import Person, Room
from core.forms import DateInput, GridFormSet, PortalFormMixin
from standards.shine.choices import (
    DATES_PER_ROW_MAX,
    NAME_MAX_LENGTH,
    TEXT_MAX_LENGTH,
)
from standards.shine.models import (
    CleaningAnalysis,
    CleaningPlan,
    CleaningSchedule,
    ContaminationType,
    GeneralCleaning,
)

ROWS_MAX = 100


def _people(agency):
    return Person.objects.filter(agency=agency).order_by("full_name")


def _rooms(agency):
    return Room.objects.filter(agency=agency).order_by("name")


class ContaminationForm(PortalFormMixin, forms.ModelForm):
    class Meta:
        model = ContaminationType
        fields = ["name", "places", "actions"]
        widgets = {
            "places": forms.Textarea(attrs={"rows": 3}),
            "actions": forms.Textarea(attrs={"rows": 3}),
        }


class AnalysisForm(PortalFormMixin, forms.ModelForm):
    class Meta:
        model = CleaningAnalysis
        fields = ["kind", "date", "analysts", "leader", "housekeeping", "controller"]
        widgets = {"date": DateInput(), "analysts": forms.SelectMultiple(attrs={"size": 5})}

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("analysts", "leader", "housekeeping", "controller"):
            self.fields[name].queryset = _people(agency)
        if self.instance.pk:
            self.fields["kind"].disabled = True
        self.fields["controller"].help_text = _("Только для анализа мест, требующих уборки.")


class AnalysisRowForm(forms.Form):
    """A row of Appendix 20 or 23."""

    room = forms.ModelChoiceField(label=_("№ каб."), queryset=Room.objects.none())
    place = forms.CharField(label=_("Наименование места"), max_length=NAME_MAX_LENGTH)
    contamination = forms.ModelChoiceField(
        label=_("Вид загрязнения (беспорядка)"),
        queryset=ContaminationType.objects.none(),
        required=False,
    )
    cause = forms.CharField(label=_("Причина"), max_length=TEXT_MAX_LENGTH)
    action = forms.CharField(label=_("Мероприятие / предложения"), max_length=TEXT_MAX_LENGTH)
    planned_on = forms.DateField(label=_("Плановая дата"), required=False, widget=DateInput())
    responsible = forms.CharField(
        label=_("Ответственный исполнитель"), max_length=NAME_MAX_LENGTH, required=False
    )


class AgencyGridFormSet(GridFormSet):
    """A grid whose choice cells are limited to the agency's rooms and classifier."""

    def __init__(self, *args, agency=None, kinds=None, **kwargs):
        self.agency = agency
        self.kinds = kinds
        super().__init__(*args, **kwargs)

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        if "room" in form.fields:
            form.fields["room"].queryset = _rooms(self.agency)
        if "contamination" in form.fields and self.kinds is not None:
            form.fields["contamination"].queryset = self.kinds
        return form

    @property
    def empty_form(self):
        form = super().empty_form
        if "room" in form.fields:
            form.fields["room"].queryset = _rooms(self.agency)
        return form


AnalysisRowFormSet = forms.formset_factory(
    AnalysisRowForm,
    formset=AgencyGridFormSet,
    extra=3,
    max_num=ROWS_MAX,
    absolute_max=ROWS_MAX,
    validate_max=True,
)


class DoneDateForm(forms.Form):
    """An actual date beside its planned one (Appendices 23, 25)."""

    id = forms.IntegerField(widget=forms.HiddenInput)
    done_on = forms.DateField(label=_("Фактическая дата"), required=False, widget=DateInput())


DoneDateFormSet = forms.formset_factory(
    DoneDateForm, formset=GridFormSet, extra=0, max_num=2000, absolute_max=2000
)


class PlanForm(PortalFormMixin, forms.ModelForm):
    class Meta:
        model = CleaningPlan
        fields = [
            "department",
            "rooms",
            "compilers",
            "leader",
            "housekeeping",
            "inventory_officer",
            "inventory_phone",
        ]
        widgets = {
            "rooms": forms.SelectMultiple(attrs={"size": 6}),
            "compilers": forms.SelectMultiple(attrs={"size": 5}),
        }

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rooms"].queryset = _rooms(agency)
        for name in ("compilers", "leader", "housekeeping", "inventory_officer"):
            self.fields[name].queryset = _people(agency)
        for name in ("leader", "housekeeping", "inventory_officer"):
            self.fields[name].required = True


class PlanRowForm(forms.Form):
    """A row of Appendix 24."""

    activity = forms.CharField(label=_("Наименование мероприятия"), max_length=TEXT_MAX_LENGTH)
    frequency = forms.CharField(label=_("Периодичность уборки"), max_length=NAME_MAX_LENGTH)
    time_from = forms.TimeField(
        label=_("С"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    time_to = forms.TimeField(
        label=_("До"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    equipment = forms.CharField(
        label=_("Необходимый инвентарь"), max_length=TEXT_MAX_LENGTH, required=False
    )
    responsible = forms.CharField(label=_("Ф.И.О. ответственного"), max_length=NAME_MAX_LENGTH)
    safety = forms.CharField(label=_("Меры безопасности"), widget=forms.Textarea(attrs={"rows": 2}))


PlanRowFormSet = forms.formset_factory(
    PlanRowForm,
    formset=GridFormSet,
    extra=3,
    max_num=ROWS_MAX,
    absolute_max=ROWS_MAX,
    validate_max=True,
)


class ScheduleForm(PortalFormMixin, forms.ModelForm):
    class Meta:
        model = CleaningSchedule
        fields = [
            "room",
            "plan",
            "department",
            "period_start",
            "period_end",
            "department_head",
            "staff",
        ]
        widgets = {
            "period_start": DateInput(),
            "period_end": DateInput(),
            "staff": forms.SelectMultiple(attrs={"size": 5}),
        }

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = _rooms(agency)
        self.fields["plan"].queryset = CleaningPlan.objects.filter(agency=agency).order_by("pk")
        self.fields["department_head"].queryset = _people(agency)
        self.fields["department_head"].required = True
        self.fields["staff"].queryset = _people(agency)


def parse_dates(text: str) -> list[datetime.date]:
    """«02.09.2026, 09.09.2026» (Appendix 25, note 4) or ISO dates, separated by commas,
    semicolons or spaces."""
    result = []
    for part in text.replace(";", ",").replace(" ", ",").split(","):
        part = part.strip()
        if not part:
            continue
        for pattern in ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y"):
            try:
                result.append(datetime.datetime.strptime(part, pattern).date())
                break
            except ValueError:
                continue
        else:
            raise forms.ValidationError(
                _("«%(value)s» — не дата; пишите даты через запятую: 02.09.2026, 09.09.2026."),
                params={"value": part},
            )
    return result


class ScheduleRowForm(forms.Form):
    """A row of Appendix 25: the work, its frequency and its planned dates."""

    work = forms.CharField(label=_("Содержание работ"), max_length=TEXT_MAX_LENGTH)
    frequency = forms.CharField(label=_("Периодичность уборки"), max_length=NAME_MAX_LENGTH)
    dates = forms.CharField(
        label=_("Даты проведения работ"),
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": "02.09.2026, 09.09.2026"}),
    )

    def clean_dates(self):
        dates = parse_dates(self.cleaned_data["dates"])
        if len(dates) > DATES_PER_ROW_MAX:
            raise forms.ValidationError(_("Слишком много дат в одной строке."))
        return dates


ScheduleRowFormSet = forms.formset_factory(
    ScheduleRowForm,
    formset=GridFormSet,
    extra=3,
    max_num=ROWS_MAX,
    absolute_max=ROWS_MAX,
    validate_max=True,
)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class GeneralCleaningForm(PortalFormMixin, forms.ModelForm):
    class Meta:
        model = GeneralCleaning
        fields = [
            "preparation_start",
            "preparation_end",
            "cleaning_start",
            "cleaning_end",
            "cleaners",
            "notes",
        ]
        widgets = {
            "preparation_start": DateTimeInput(),
            "preparation_end": DateTimeInput(),
            "cleaning_start": DateTimeInput(),
            "cleaning_end": DateTimeInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
