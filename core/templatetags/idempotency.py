"""`{% form_token %}`: the hidden one-time token of a form whose view is wrapped in
core.idempotency.idempotent_form, so a double click or a resubmit makes one record."""

from django import template
from django.utils.html import format_html

from core.idempotency import FORM_TOKEN_FIELD, new_token

register = template.Library()


@register.simple_tag
def form_token() -> str:
    return format_html('<input type="hidden" name="{}" value="{}">', FORM_TOKEN_FIELD, new_token())
