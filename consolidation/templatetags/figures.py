"""The period's figures in the Báo cáo's templates: numbers and percentages as the paper prints them, and an
item's figure sentences (consolidation.figures.item_sentences)."""

from __future__ import annotations

from django import template

from consolidation import sentences

register = template.Library()


@register.filter
def sentences_for(item_sentences: dict[int, list[str]], item) -> list[str]:
    return item_sentences.get(item.pk, []) if item_sentences else []


@register.filter
def vn_number(value) -> str:
    """2340 → "2.340"; blank for no value."""
    return "" if value is None else sentences.number(value)


@register.filter
def vn_percent(value) -> str:
    """85.3 → "85%", 99.6 → "99,6%" (consolidation.sentences.percent_text); blank for no value."""
    return "" if value is None else sentences.percent_text(value)
