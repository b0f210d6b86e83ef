"""Forms of the indicator sheet: the sheet with its expert group and technology of measurement,
its indicators as a grid (a formset: each row a document type, an operation or a material
object), the grid of observations recorded as they are measured, approval, and the agency's
actual headcount."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from agencies.indicators.choices import (
    COST_MAX,
    INDICATORS_MAX,
    MIN_PER_SECTION,
    NAME_MAX_LENGTH,
    SECONDS_MAX,
    Section,
)
from agencies.indicators.services import IndicatorInput, MethodInput, ObservationRow
from agencies.models import Person
from core.forms import DateInput, GridFormSet, PortalFormMixin, bound_past_date

_SEPARATORS = re.compile(r"[;\s]+")


class SheetForm(PortalFormMixin, forms.Form):
    date = forms.DateField(label=_("Дата измерения"), widget=DateInput)
    experts = forms.ModelMultipleChoiceField(
        label=_("Экспертная группа (не менее 20 % фактической численности, пункт 4.7)"),
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    responsible = forms.CharField(
        label=_("Кто ответственный за сбор данных"), max_length=300, required=False
    )
    reports_to = forms.CharField(
        label=_("Кому докладывать о результатах сбора данных"), max_length=300, required=False
    )
    participants = forms.CharField(
        label=_("Кто участвует в сборе данных"), max_length=500, required=False
    )
    frequency = forms.CharField(
        label=_("Как часто и в какое время проходит измерение"), max_length=300, required=False
    )
    analyst = forms.CharField(label=_("Кто анализирует информацию"), max_length=300, required=False)
    visualisation = forms.CharField(
        label=_("Способ визуализации и место отображения значений"),
        max_length=500,
        required=False,
    )
    own_form = forms.BooleanField(
        label=_("Собственный лист показателей (предложение руководителю рабочей группы)"),
        required=False,
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["experts"].queryset = people
        bound_past_date(self.fields["date"])

    def method(self) -> MethodInput:
        return MethodInput(**{name: self.cleaned_data[name] for name in MethodInput.FIELDS})


def parse_seconds(text: str) -> list[Decimal]:
    """«12; 14,5 9.75» → [12, 14.5, 9.75]: observations separated by «;» or spaces, a comma or
    a point before the decimals."""
    values = []
    for part in _SEPARATORS.split(text.strip()):
        if not part:
            continue
        try:
            values.append(Decimal(part.replace(",", ".")))
        except InvalidOperation as error:
            raise forms.ValidationError(
                _("«%(value)s» — не число секунд."), params={"value": part}
            ) from error
    return values


class IndicatorRowForm(PortalFormMixin, forms.Form):
    # The select shows its first choice on an empty row: the same initial keeps that row
    # unchanged (left out) until a person types into it.
    section = forms.ChoiceField(label=_("Группа"), choices=Section.choices, initial=Section.PAPER)
    name = forms.CharField(label=_("Показатель"), max_length=NAME_MAX_LENGTH)
    own = forms.BooleanField(label=_("Собственный"), required=False)
    observations = forms.CharField(
        label=_("Время, с (через «;»)"),
        required=False,
        help_text=_("Время каждого эксперта в секундах через «;», например: 45; 30,5; 61"),
    )
    month = forms.DecimalField(
        label=_("За месяц, тыс. руб."),
        required=False,
        min_value=0,
        max_value=COST_MAX,
        decimal_places=2,
    )
    quarter = forms.DecimalField(
        label=_("За квартал, тыс. руб."),
        required=False,
        min_value=0,
        max_value=COST_MAX,
        decimal_places=2,
    )
    year = forms.DecimalField(
        label=_("За год, тыс. руб."),
        required=False,
        min_value=0,
        max_value=COST_MAX,
        decimal_places=2,
    )

    def clean_observations(self):
        return parse_seconds(self.cleaned_data.get("observations") or "")


class BaseIndicatorFormSet(GridFormSet):
    """The sheet's indicators, one row each; a row left as offered is not sent. The rows
    offered with a section chosen (three of each, Appendix 8) are still empty rows: none is
    required."""

    def _construct_form(self, i, **kwargs):
        kwargs.setdefault("empty_permitted", True)
        return super()._construct_form(i, **kwargs)

    def rows(self) -> list[IndicatorInput]:
        return [
            IndicatorInput(
                section=form.cleaned_data["section"],
                name=form.cleaned_data["name"],
                own=form.cleaned_data["own"],
                observations=[ObservationRow(seconds=s) for s in form.cleaned_data["observations"]],
                month=form.cleaned_data["month"],
                quarter=form.cleaned_data["quarter"],
                year=form.cleaned_data["year"],
            )
            for form in self.filled()
        ]


IndicatorFormSet = forms.formset_factory(
    IndicatorRowForm,
    formset=BaseIndicatorFormSet,
    extra=3,
    max_num=INDICATORS_MAX,
    absolute_max=INDICATORS_MAX,
    validate_max=True,
)


def blank_rows() -> list[dict]:
    """The grid as offered: three rows of each section (Appendix 8, L3449–3495)."""
    return [{"section": section} for section in Section.values for _ in range(MIN_PER_SECTION)]


class ObservationRowForm(PortalFormMixin, forms.Form):
    indicator = forms.TypedChoiceField(label=_("Документ или действие"), coerce=int)
    person = forms.TypedChoiceField(
        label=_("Сотрудник"), coerce=int, required=False, empty_value=None
    )
    seconds = forms.DecimalField(
        label=_("Время, с"), min_value=Decimal("0.01"), max_value=SECONDS_MAX, decimal_places=2
    )

    def __init__(self, *args, indicators=(), people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [("", "—"), *indicators]
        self.fields["person"].choices = [("", "—"), *people]


class ObservationFormSet(GridFormSet):
    pass


ObservationGrid = forms.formset_factory(
    ObservationRowForm, formset=ObservationFormSet, extra=5, max_num=200, absolute_max=200
)


class ApproveForm(PortalFormMixin, forms.Form):
    approved_on = forms.DateField(label=_("Дата утверждения"), widget=DateInput)


class HeadcountForm(PortalFormMixin, forms.Form):
    actual_headcount = forms.IntegerField(
        label=_("Фактическая численность"), min_value=0, max_value=1_000_000, required=False
    )
