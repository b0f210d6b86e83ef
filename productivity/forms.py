"""Forms of the productivity pages, derived from the inputs declared in productivity.inputs: each
field carries its label, its plausible bound as HTML min/max/step (or maxlength, or the dates a
measurement may have) and the same check the services make, so an out-of-range value is named
beside its field before anything is computed. The arithmetic's own rules (Tрр ≤ Tц, …) are
checked by productivity.calc through the services, which name the failing field."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils import formats
from django.utils.functional import lazy
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput, GridFormSet, PortalFormMixin
from core.validators import PROGRAMME_START, today, validate_past_date
from productivity import bounds, inputs
from productivity.bounds import BoundValidator
from productivity.choices import DEFAULT_KVC_BASE, KVC_BASE_CHOICES, Phase
from productivity.models import Study


def bound_attrs(bound: bounds.Bound) -> dict[str, str]:
    """The bound stated on an input: data-min/data-max/data-step (the smallest accepted value,
    the largest, the places) and a decimal keyboard on phones."""
    return {
        "inputmode": "decimal",
        "data-min": format(bound.least, "f"),
        "data-max": format(bound.maximum, "f"),
        "data-step": format(bound.step, "f"),
    }


class DecimalInput(forms.TextInput):
    """A decimal in the page's language («7,5»). Not `type=number`: Chromium drops a typed
    Russian decimal comma there («0,5» becomes 05, five hours, silently); the bound is stated in
    data-min/data-max/data-step and in the field's help text instead."""

    def format_value(self, value: Any) -> str | None:
        if value is None or value == "":
            return None
        return str(formats.localize_input(value))


class BoundedDecimalField(forms.DecimalField):
    """A decimal within a `bounds.Bound`, stated beside the input («от 0 до 24 ч») and in its
    attributes. Accepts a comma or a point as the decimal separator."""

    widget = DecimalInput

    def __init__(self, *, bound: bounds.Bound, **kwargs: Any) -> None:
        self.bound = bound
        kwargs.setdefault("validators", [BoundValidator(bound)])
        kwargs.setdefault("help_text", lazy(bound.hint, str)())
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Decimal | None:
        if isinstance(value, str):
            value = value.strip().replace(",", ".").replace("\u00a0", "").replace(" ", "")
        return super().to_python(value)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return {**super().widget_attrs(widget), **bound_attrs(self.bound)}


class HappenedOnInput(DateInput):
    """A date picker limited to the days a measurement may have: from the order of 23.08.2011
    to today (today is read when the page is drawn)."""

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        attrs = {**(attrs or {}), "min": PROGRAMME_START.isoformat(), "max": today().isoformat()}
        return super().get_context(name, value, attrs)


class ObservationsField(forms.CharField):
    """Repeated observations in seconds, separated by spaces or semicolons («48 50 46»), each
    within its bound, at most `bounds.MAX_OBSERVATIONS` of them."""

    def __init__(self, *, bound: bounds.Bound = bounds.SECONDS, **kwargs: Any) -> None:
        self.bound = bound
        kwargs.setdefault("help_text", _("Несколько замеров через пробел, например: 48 50 46"))
        kwargs.setdefault("max_length", bounds.MAX_OBSERVATIONS * 16)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> list[Decimal]:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return []
        parts = text.replace(";", " ").replace("\n", " ").split()
        if len(parts) > bounds.MAX_OBSERVATIONS:
            raise forms.ValidationError(
                _("Не более %(n)s замеров.") % {"n": bounds.MAX_OBSERVATIONS}
            )
        result = []
        for part in parts:
            try:
                number = Decimal(part.replace(",", "."))
            except InvalidOperation:
                number = Decimal("NaN")
            if not number.is_finite():
                raise forms.ValidationError(
                    _("«%(value)s» — не число. Замеры — числа через пробел.")
                    % {"value": Truncator(part).chars(20)}
                )
            result.append(number)
        return result

    def validate(self, value: Any) -> None:
        super().validate(value)
        message = self.bound.list_error(value or [])
        if message:
            raise forms.ValidationError(message)


OTHER = "other"


class KvcBaseWidget(forms.MultiWidget):
    """A list of the manual's bases (0,4 and 0,5) with «другое…», and a number input for
    another value. The list is posted as `kvc_base` (so `?kvc_base=0.5` still works), the
    other value as `kvc_base_other`."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        choices = [(str(value), label) for value, label in KVC_BASE_CHOICES]
        other = DecimalInput(
            attrs={
                **bound_attrs(bounds.KVC_BASE),
                "aria-label": _("Другое значение базового Kвц"),
                "placeholder": _("другое значение"),
            }
        )
        super().__init__(
            {"": forms.Select(choices=[*choices, (OTHER, _("другое…"))]), "other": other}, attrs
        )

    def decompress(self, value: Any) -> list[Any]:
        if value in (None, ""):
            return [str(DEFAULT_KVC_BASE), None]
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            return [str(value), None]
        for offered, _label in KVC_BASE_CHOICES:
            if number == offered:
                return [str(offered), None]
        return [OTHER, number.normalize()]


def _kvc_base_help(bound: bounds.Bound) -> str:
    return gettext("0,4 или 0,5 по пособию или другое значение: %(hint)s") % {"hint": bound.hint()}


class KvcBaseField(forms.MultiValueField):
    """The base Kвц of the Kст correction: 0,4 or 0,5 (seed 004 L442, L459) or another value in
    (0; 1] the enterprise chooses (L462–463)."""

    widget = KvcBaseWidget

    def __init__(self, *, bound: bounds.Bound = bounds.KVC_BASE, **kwargs: Any) -> None:
        self.bound = bound
        kwargs.setdefault("initial", str(DEFAULT_KVC_BASE))
        kwargs.setdefault("help_text", lazy(_kvc_base_help, str)(bound))
        super().__init__(
            fields=(
                forms.CharField(max_length=20),
                BoundedDecimalField(bound=bound, required=False),
            ),
            require_all_fields=False,
            **kwargs,
        )

    def compress(self, data_list: list[Any]) -> Decimal | None:
        if not data_list:
            return None
        chosen, other = (list(data_list) + [None, None])[:2]
        if chosen == OTHER:
            if other is None:
                raise forms.ValidationError(_("Введите другое значение базового Kвц."))
            return Decimal(other)
        try:
            value = Decimal(str(chosen).replace(",", "."))
        except InvalidOperation:
            raise forms.ValidationError(_("Введите число.")) from None
        if other is not None and other != value:
            raise forms.ValidationError(
                _("Выберите в списке «другое…» или очистите поле другого значения.")
            )
        message = self.bound.error(value)
        if message:
            raise forms.ValidationError(message)
        return value


def kvc_base_field(spec: inputs.Spec) -> forms.Field:
    assert spec.bound is not None
    return KvcBaseField(bound=spec.bound, label=spec.label)


def form_field(spec: inputs.Spec, initial: Any = None, default: Any = None) -> forms.Field:
    """The page's field for one declared input. A choice with a default may be left out (an
    address written before the choice existed) and then takes the default."""
    common: dict[str, Any] = {"label": spec.label, "required": spec.required}
    if spec.help_text:
        common["help_text"] = spec.help_text
    if initial is not None:
        common["initial"] = initial
    if spec.kind == "decimal":
        assert spec.bound is not None
        return BoundedDecimalField(bound=spec.bound, **common)
    if spec.kind == "kvc_base":
        return kvc_base_field(spec)
    if spec.kind == "integer":
        return forms.IntegerField(min_value=spec.minimum, max_value=spec.maximum, **common)
    if spec.kind == "text":
        widget = forms.Textarea(attrs={"rows": 3}) if spec.multiline else None
        return forms.CharField(max_length=spec.maximum, widget=widget, **common)
    if spec.kind == "choice":
        if default is not None:
            common["required"] = False
            return forms.TypedChoiceField(
                choices=list(spec.choices), coerce=str, empty_value=default, **common
            )
        return forms.ChoiceField(choices=list(spec.choices), **common)
    if spec.kind == "date":
        return forms.DateField(widget=HappenedOnInput, validators=[validate_past_date], **common)
    if spec.kind == "observations":
        assert spec.bound is not None
        return ObservationsField(bound=spec.bound, **common)
    raise AssertionError(spec.kind)


def fields_for(data_class: type, *, exclude: tuple[str, ...] = ()) -> dict[str, forms.Field]:
    """The form fields of a dataclass's declared inputs, with their initial values."""
    initial = inputs.initial(data_class)
    defaults = inputs.defaults(data_class)
    return {
        name: form_field(spec, initial.get(name), defaults.get(name))
        for name, spec in inputs.specs(data_class).items()
        if name not in exclude
    }


def input_form(name: str, base: type[forms.BaseForm], fields: dict[str, forms.Field]) -> Any:
    """A form class: `base`'s own fields, then the derived ones."""
    return type(name, (base,), {**fields, "__module__": __name__})


# --- Workplaces -------------------------------------------------------------------------------


class _WorkplaceForm(PortalFormMixin, forms.Form):
    agency = forms.ModelChoiceField(label=_("ОИВ ЯО / СППО"), queryset=None)

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        if agencies.count() == 1:
            self.fields["agency"].initial = agencies.first()


WorkplaceForm = input_form(
    "WorkplaceForm", _WorkplaceForm, fields_for(inputs.WorkplaceData, exclude=("agency",))
)


# --- Studies ----------------------------------------------------------------------------------

CORRECTIVE_ACTION_REMARK_CHARS = 80


class CorrectiveActionField(forms.ModelChoiceField):
    """A row of an approved corrective-action plan (Appendix 30) of the study's agency: «Шаг 2,
    № 3: <remark> (план от <audit date>)». The queryset (productivity.selectors.
    corrective_actions) fetches plan and audit with the rows, so the options cost one query."""

    def __init__(self, *, with_agency: bool = False, **kwargs: Any) -> None:
        self.with_agency = with_agency
        kwargs.setdefault("label", _("Корректирующее мероприятие"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("empty_label", _("— нет, улучшение не из плана мероприятий —"))
        kwargs.setdefault(
            "help_text",
            _(
                "Мероприятие утверждённого плана корректирующих мероприятий, "
                "если улучшение из него."
            ),
        )
        kwargs.setdefault(
            "error_messages",
            {
                "invalid_choice": _(
                    "Выберите корректирующее мероприятие из утверждённого плана "
                    "ОИВ ЯО / СППО, к которому относится рабочее место."
                )
            },
        )
        super().__init__(queryset=None, **kwargs)

    def label_from_instance(self, action: Any) -> str:
        label = gettext("Шаг %(step)s, № %(number)s: %(remark)s (план от %(date)s)") % {
            "step": action.step,
            "number": action.number,
            "remark": Truncator(action.remark).chars(CORRECTIVE_ACTION_REMARK_CHARS),
            "date": action.plan.audit.date.strftime("%d.%m.%Y"),
        }
        if self.with_agency:
            label = f"{action.plan.agency.short_name} — {label}"
        return label


class _StudyForm(PortalFormMixin, forms.Form):
    workplace = forms.ModelChoiceField(label=_("Рабочее место"), queryset=None)
    corrective_action = CorrectiveActionField()

    field_order = ["workplace", *inputs.specs(inputs.StudyData), "corrective_action"]

    def __init__(
        self,
        *args: Any,
        workplaces: Any,
        corrective_actions: Any,
        with_agency: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["workplace"].queryset = workplaces
        self.fields["workplace"].label_from_instance = lambda w: f"{w.name} — {w.agency.short_name}"
        self.fields["corrective_action"].queryset = corrective_actions
        self.fields["corrective_action"].with_agency = with_agency


StudyForm = input_form("StudyForm", _StudyForm, fields_for(inputs.StudyData))

# The «after» measurement names the improvement that caused the change.
_IMPROVEMENT = fields_for(inputs.StudyData)["improvement"]


class _MeasurementForm(PortalFormMixin, forms.Form):
    improvement = _IMPROVEMENT
    corrective_action = CorrectiveActionField()

    field_order = [*inputs.specs(inputs.MeasurementData), "improvement", "corrective_action"]

    def __init__(
        self,
        *args: Any,
        with_improvement: bool = False,
        corrective_actions: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if not with_improvement:
            del self.fields["improvement"]
            del self.fields["corrective_action"]
        else:
            self.fields["improvement"].required = True
            self.fields["corrective_action"].queryset = corrective_actions


# The phase comes from the page's address.
MeasurementForm = input_form(
    "MeasurementForm", _MeasurementForm, fields_for(inputs.MeasurementData, exclude=("phase",))
)


class _OperationForm(forms.Form):
    def has_changed(self) -> bool:
        """An extra row counts as filled when it names the operation or carries observations
        (its Зн of 1 alone does not make it a row)."""
        return any(
            (self[name].data or "").strip() for name in ("name", "cycle_times_s", "manual_times_s")
        )


OperationForm = input_form("OperationForm", _OperationForm, fields_for(inputs.OperationData))

OperationFormSet = forms.formset_factory(
    OperationForm, extra=3, max_num=bounds.MAX_OPERATIONS, validate_max=True, formset=GridFormSet
)


class StudyChoiceForm(forms.Form):
    """«Save into a study»: which study and which measurement."""

    study = forms.ModelChoiceField(label=_("Исследование"), queryset=Study.objects.none())
    phase = forms.ChoiceField(label=_("Замер"), choices=Phase.choices)
    improvement = forms.CharField(
        label=_("Улучшение, вызвавшее изменение (для замера «после»)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=bounds.TEXT_LENGTH,
    )

    def __init__(self, *args: Any, studies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["study"].queryset = studies
        self.fields["study"].label_from_instance = lambda s: f"{s.title} — {s.workplace.name}"
