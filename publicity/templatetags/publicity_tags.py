"""Small template helpers of the public pages."""

from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """{{ mapping|get_item:key }}; None when the mapping is missing or lacks the key."""
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def width_class(percent) -> str:
    """A CSS width class in steps of 10 % (the CSP forbids inline style attributes)."""
    try:
        value = max(0, min(100, int(percent)))
    except (TypeError, ValueError):
        return "pw-0"
    return f"pw-{round(value / 10) * 10}"
