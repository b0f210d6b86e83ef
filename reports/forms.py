from django import forms
from django.utils.translation import gettext_lazy as _

from core.exceptions import ApplicationError
from reports.choices import DocumentFormat, DocumentKind, PublicationKind
from reports.periods import parse_month


class MonthField(forms.CharField):
    """A month as YYYY-MM (Appendix 13's «месяц года»)."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return parse_month(value)
        except ApplicationError as exc:
            raise forms.ValidationError(str(exc.message)) from exc

    def prepare_value(self, value):
        if hasattr(value, "strftime"):
            return value.strftime("%Y-%m")
        return value


class KnowledgeBaseFilter(forms.Form):
    q = forms.CharField(label=_("Поиск"), required=False)
    kind = forms.ChoiceField(
        label=_("Раздел"), required=False, choices=[("", _("Все"))] + PublicationKind.choices
    )
    agency = forms.ModelChoiceField(
        label=_("ОИВ ЯО / СППО"), required=False, queryset=None, empty_label=_("Все")
    )
    period_from = MonthField(label=_("Период с (ГГГГ-ММ)"), required=False)
    period_to = MonthField(label=_("по (ГГГГ-ММ)"), required=False)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


class OrderForm(forms.Form):
    kind = forms.ChoiceField(choices=DocumentKind.choices)
    format = forms.ChoiceField(choices=DocumentFormat.choices)
    audit = forms.IntegerField(required=False)
    month = MonthField(required=False)
