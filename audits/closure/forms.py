"""The form that closes a step: its date and the step's document as a grid (a formset): the
problems and proposals (steps 1–3) or the list of 5S standards with their copies (step 4)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from audits.closure.choices import TEXT_MAX_LENGTH, TITLE_MAX_LENGTH
from core.forms import DateInput, GridFormSet, PortalFormMixin

ROWS_MAX = 50


class StepCloseForm(PortalFormMixin, forms.Form):
    closed_on = forms.DateField(label=_("Дата завершения шага"), widget=DateInput())


class ProblemRowForm(forms.Form):
    problem = forms.CharField(
        label=_("Проблемный вопрос"),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    proposal = forms.CharField(
        label=_("Предложение"),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        data = super().clean()
        if (data.get("proposal") or "").strip() and not (data.get("problem") or "").strip():
            self.add_error("problem", _("Укажите проблемный вопрос, к которому предложение."))
        return data


class StandardRowForm(forms.Form):
    name = forms.CharField(
        label=_("Наименование 5S-стандарта"), max_length=TITLE_MAX_LENGTH, required=False
    )
    purpose = forms.CharField(
        label=_("Назначение 5S-стандарта"),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    problems = forms.CharField(
        label=_("Проблемы при разработке"),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    copy = forms.FileField(label=_("Электронная копия"), required=False)

    def clean(self):
        data = super().clean()
        filled = any((data.get(f) or "") for f in ("purpose", "problems")) or data.get("copy")
        if filled and not (data.get("name") or "").strip():
            self.add_error("name", _("Укажите наименование 5S-стандарта."))
        if (data.get("name") or "").strip() and not (data.get("purpose") or "").strip():
            self.add_error("purpose", _("Укажите назначение 5S-стандарта."))
        if (data.get("name") or "").strip() and not data.get("copy"):
            self.add_error("copy", _("Приложите электронную копию 5S-стандарта (пункт 8.4)."))
        return data


ProblemFormSet = forms.formset_factory(
    ProblemRowForm,
    extra=5,
    max_num=ROWS_MAX,
    absolute_max=ROWS_MAX,
    validate_max=True,
    formset=GridFormSet,
)
StandardFormSet = forms.formset_factory(
    StandardRowForm,
    extra=3,
    max_num=ROWS_MAX,
    absolute_max=ROWS_MAX,
    validate_max=True,
    formset=GridFormSet,
)
