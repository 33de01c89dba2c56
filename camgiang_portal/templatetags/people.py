"""`{{ event.by|person }}`: the one naming rule of camgiang_portal.people, for templates."""

from django import template

from camgiang_portal.people import person_name

register = template.Library()


@register.filter
def person(user) -> str:
    return person_name(user)
