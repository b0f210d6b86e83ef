"""`{% load numbers %}`: numbers and months for people, in the interface's language.

    {{ measurement.kvc|num:"kvc" }}      0,7665 (ru) / 0.7665 (en)
    {{ study.growth|num:"growth" }}      2,20
    {{ row.month|month }}                дек 2025 / Dec 2025

The places per quantity are core.formatting.PLACES (one table); None shows «—". Used by pages
and by the PDF templates alike; never by the API or XLSX cells (issue 17, item 4).
"""

from django import template

from core.formatting import format_month, format_number

register = template.Library()


@register.filter
def num(value, quantity="coefficient"):
    return format_number(value, quantity)


@register.filter
def month(value):
    return format_month(value)
