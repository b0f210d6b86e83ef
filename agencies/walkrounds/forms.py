from django import forms
from django.utils.translation import gettext_lazy as _

from agencies.walkrounds.choices import TEXT_MAX_LENGTH, Aspect
from core.forms import DateInput, PortalFormMixin


class WalkRoundForm(PortalFormMixin, forms.Form):
    date = forms.DateField(label=_("Дата обхода"), widget=DateInput())
    leader = forms.ModelChoiceField(
        label=_("Лидер 5S-команды (присутствовал)"), queryset=None, required=False
    )
    curator_invited = forms.BooleanField(
        label=_("Приглашён курирующий заместитель Губернатора области"), required=False
    )
    curator_took_part = forms.BooleanField(
        label=_("Заместитель Губернатора области принял участие"), required=False
    )
    aspects = forms.MultipleChoiceField(
        label=_("На что обращено внимание (пункт 4.5)"),
        choices=Aspect.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    looked_at = forms.CharField(
        label=_("Что осмотрено"),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    remarks = forms.CharField(
        label=_("Замечания"),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, leaders, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = leaders
        if len(leaders) == 1 and not self.is_bound and "leader" not in self.initial:
            self.initial["leader"] = leaders[0].pk


class ConfirmForm(PortalFormMixin, forms.Form):
    confirmed_on = forms.DateField(
        label=_("Дата подтверждения"), widget=DateInput(), required=False
    )
