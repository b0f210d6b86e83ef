from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from agencies.board.choices import (
    LESSONS,
    REMARK_MAX_LENGTH,
    SHORT_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    RemarkKind,
    lesson_field,
)
from core.forms import DateInput, PortalFormMixin


class BoardForm(PortalFormMixin, forms.Form):
    """§4.9 (L573–583): what the board says of its goal, where it hangs, its size and the two
    members of the 5S team responsible for it."""

    goal = forms.CharField(
        label=_("Цель, задача, миссия"),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    place = forms.CharField(
        label=_("Место размещения (доступное всем сотрудникам)"),
        max_length=SHORT_MAX_LENGTH,
        required=False,
    )
    size = forms.CharField(label=_("Размеры"), max_length=SHORT_MAX_LENGTH, required=False)
    collector = forms.ModelChoiceField(
        label=_("Собирает информацию и обновляет её (не реже 1 раза в 2 недели)"),
        queryset=None,
        required=False,
    )
    designer = forms.ModelChoiceField(
        label=_("Обеспечивает наглядность информации"), queryset=None, required=False
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["collector"].queryset = people
        self.fields["designer"].queryset = people
        # Appendix 11 (L3675, L3677): a mini-lesson per step, kept by the same team.
        for key, label in LESSONS:
            self.fields[lesson_field(key)] = forms.CharField(
                label=format_lazy(_("Мини-урок: {step}"), step=label),
                max_length=TEXT_MAX_LENGTH,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def lessons(self) -> dict[str, str]:
        """The mini-lessons typed, keyed as `LESSONS` (after is_valid())."""
        return {key: self.cleaned_data[lesson_field(key)] for key, _label in LESSONS}


class BoardUpdateForm(PortalFormMixin, forms.Form):
    """An update of the physical board (L583, L589): when, who, what, and its photo."""

    date = forms.DateField(label=_("Дата обновления"), widget=DateInput())
    person = forms.ModelChoiceField(label=_("Кто обновил"), queryset=None, required=False)
    note = forms.CharField(
        label=_("Что обновлено"),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    photo = forms.FileField(
        label=_("Фотоснимок стенда"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people


class BoardRemarkForm(PortalFormMixin, forms.Form):
    """L595: an employee's proposal or remark about the board."""

    kind = forms.ChoiceField(label=_("Вид"), choices=RemarkKind.choices, initial=RemarkKind.REMARK)
    text = forms.CharField(
        label=_("Ваше предложение или замечание по стенду"),
        max_length=REMARK_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
