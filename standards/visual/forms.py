"""Forms of the visual-control pages: the list's heading and its points as a formset (Appendix
28), error-proofing and the emergency procedure."""

from django import forms
from django.utils.translation import gettext_lazy as _

from agencies.models import Person, Room
from core.forms import GridFormSet, PortalFormMixin
from standards.visual import rules
from standards.visual.choices import COMPILERS_MAX, TEXT_MAX_LENGTH, TITLE_MAX_LENGTH
from standards.visual.models import EmergencyProcedure, ErrorProofing


class VisualListForm(PortalFormMixin, forms.Form):
    room = forms.ModelChoiceField(label=_("Помещение"), queryset=Room.objects.none())
    compiled_on = forms.DateField(
        label=_("Дата составления"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    compilers = forms.ModelMultipleChoiceField(
        label=_("Перечень составили"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("Не более трёх сотрудников."),
    )

    def __init__(self, *args, agency, with_room=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = Room.objects.filter(agency=agency).order_by("name")
        self.fields["compilers"].queryset = Person.objects.filter(agency=agency).order_by(
            "full_name"
        )
        if not with_room:
            del self.fields["room"]

    def clean_compilers(self):
        value = self.cleaned_data["compilers"]
        if len(value) > COMPILERS_MAX:
            raise forms.ValidationError(
                _("Перечень подписывают не более трёх составителей (приложение 28).")
            )
        return value


class PointRowForm(forms.Form):
    """A row of Appendix 28: category, control point, the standard's requirement, who checks."""

    point_id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    category = forms.CharField(
        label=_("Категория"),
        max_length=TITLE_MAX_LENGTH,
        widget=forms.TextInput(attrs={"list": "visual-categories"}),
    )
    control_point = forms.CharField(label=_("Точка контроля"), max_length=TEXT_MAX_LENGTH)
    requirement = forms.CharField(label=_("Требования 5S-стандарта"), max_length=TEXT_MAX_LENGTH)
    checker = forms.ModelChoiceField(
        label=_("Кто проверяет"), queryset=Person.objects.none(), required=False
    )

    def __init__(self, *args, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        if agency is not None:
            self.fields["checker"].queryset = Person.objects.filter(agency=agency).order_by(
                "full_name"
            )


PointFormSet = forms.formset_factory(PointRowForm, extra=3, can_delete=True, formset=GridFormSet)


def categories() -> tuple[str, ...]:
    """The suggested categories in the language a person reads (issue 17 item 10)."""
    return tuple(rules.shown_category(c) for c in rules.suggested_categories())


class ErrorProofingForm(PortalFormMixin, forms.ModelForm):
    class Meta:
        model = ErrorProofing
        fields = ["room", "error", "measure", "in_force"]

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = Room.objects.filter(agency=agency).order_by("name")


class EmergencyProcedureForm(PortalFormMixin, forms.ModelForm):
    class Meta:
        model = EmergencyProcedure
        fields = ["title", "steps", "posted_at", "equipment"]
