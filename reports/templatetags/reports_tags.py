from django import template
from django.utils.safestring import mark_safe

from reports import permissions

register = template.Library()


@register.filter
def sees_region(user):
    return permissions.can_view_region(user)


@register.filter
def css_string(value):
    """Text for a CSS string literal (the PDF's running footer): backslashes, quotes and line
    breaks escaped the CSS way."""
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    # Inside <style> HTML entities are not decoded: escape the CSS way, never the HTML way.
    text = text.replace("<", "\\3C ").replace(">", "\\3E ")
    return mark_safe(" ".join(text.split()))
