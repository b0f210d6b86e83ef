from django import template

from reports import permissions

register = template.Library()


@register.filter
def sees_region(user):
    return permissions.can_view_region(user)
