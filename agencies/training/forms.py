"""Forms of training: the programme (its topics as a grid, a formset), a session, approval."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from agencies.models import Person
from agencies.training.choices import (
    DURATION_MAX,
    DURATION_MIN,
    PROGRAMME_TOPICS_MAX,
    TargetGroup,
)
from agencies.training.services import GridError, TopicRow
from core.exceptions import ApplicationError
from core.forms import DateInput, GridFormSet, PortalFormMixin


class ProgrammeForm(PortalFormMixin, forms.Form):
    year = forms.IntegerField(label=_("Календарный год"), min_value=2011, max_value=2100)
    hr_person = forms.ModelChoiceField(
        label=_("Сотрудник кадровой службы"), queryset=Person.objects.none(), required=False
    )

    def __init__(self, *args, people, year_fixed=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hr_person"].queryset = people
        if year_fixed:
            del self.fields["year"]


class TopicForm(PortalFormMixin, forms.Form):
    title = forms.CharField(label=_("Тема занятия"), max_length=300)
    # The select shows its first choice on an empty row: the same initial keeps that row
    # unchanged (left out) until a person types into it.
    target_group = forms.ChoiceField(
        label=_("Целевая группа"), choices=TargetGroup.choices, initial=TargetGroup.EVERYONE
    )
    planned_on = forms.DateField(label=_("Срок по графику"), widget=DateInput)


class BaseTopicFormSet(GridFormSet):
    """The programme's topics, one row each; empty rows are left out."""

    def filled(self) -> list[forms.Form]:
        return [
            form
            for form in self.forms
            if form.has_changed() and not (self.can_delete and self._should_delete_form(form))
        ]

    def rows(self) -> list[TopicRow]:
        return [
            TopicRow(
                title=form.cleaned_data["title"],
                target_group=form.cleaned_data["target_group"],
                planned_on=form.cleaned_data["planned_on"],
            )
            for form in self.filled()
        ]


TopicFormSet = forms.formset_factory(
    TopicForm,
    formset=BaseTopicFormSet,
    extra=3,
    max_num=PROGRAMME_TOPICS_MAX,
    absolute_max=PROGRAMME_TOPICS_MAX,
    validate_max=True,
)


def add_grid_error(formset, row_forms: list[forms.Form], error: ApplicationError) -> None:
    """A service's refusal shown on the grid: each row's messages beside its cells."""
    rows = error.rows if isinstance(error, GridError) else {}
    for index, fields in rows.items():
        form = row_forms[index]
        for name, text in fields.items():
            form.add_error(name if name in form.fields else None, text)
    if not rows:
        for text in error.details.values():
            formset.non_form_errors().append(str(text))
    formset.non_form_errors().append(str(error.message))


class ApproveForm(PortalFormMixin, forms.Form):
    approved_on = forms.DateField(label=_("Дата утверждения"), widget=DateInput)


class SessionForm(PortalFormMixin, forms.Form):
    date = forms.DateField(label=_("Дата занятия"), widget=DateInput)
    topic = forms.CharField(
        label=_("Тема занятия"),
        max_length=300,
        help_text=_(
            "Тема из утверждённой программы связывает занятие с ней; иная тема — «вне программы»."
        ),
    )
    target_group = forms.ChoiceField(
        label=_("Целевая группа (для занятия вне программы)"), choices=TargetGroup.choices
    )
    trainer = forms.CharField(label=_("Преподаватель"), max_length=200, required=False)
    duration_hours = forms.DecimalField(
        label=_("Длительность, ч"),
        min_value=DURATION_MIN,
        max_value=DURATION_MAX,
        decimal_places=2,
        max_digits=4,
        help_text=_("Рекомендуется 1–1,5 часа (пункт 9.2)."),
    )
    attendees = forms.ModelMultipleChoiceField(
        label=_("Обучающиеся (не более 7 человек)"),
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = people
