"""Select placeholders: no Django "---------" on any page an official or a citizen fills in."""

from __future__ import annotations

import importlib
import inspect

import pytest
from django import forms
from django.apps import apps
from django.urls import reverse

from camgiang_portal.forms import DJANGO_DASH, SelectPlaceholderMixin, placeholder_for


def _would_show_dashes(form_class) -> list[str]:
    shown = []
    for name, field in form_class.base_fields.items():
        if isinstance(field, forms.ModelChoiceField) and field.empty_label == DJANGO_DASH:
            shown.append(name)
        elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
            if any(label == DJANGO_DASH for _value, label in field.choices):
                shown.append(name)
    return shown


def test_every_portal_form_with_an_empty_choice_says_it_in_vietnamese():
    """A form whose select would show "---------" must take the one mechanism (PortalForm/PortalModelForm)."""
    offenders = []
    for config in apps.get_app_configs():
        if not config.path.startswith(str(apps.get_app_config("camgiang_portal").path.rsplit("/", 1)[0])):
            continue  # Django's and third-party apps (the admin may keep its own look)
        try:
            module = importlib.import_module(f"{config.name}.forms")
        except ModuleNotFoundError:
            continue
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                if _would_show_dashes(cls) and not issubclass(cls, SelectPlaceholderMixin):
                    offenders.append(f"{cls.__module__}.{cls.__name__}")
    assert offenders == []


def test_placeholder_names_what_to_choose():
    assert placeholder_for("Thôn") == "— Chọn thôn —"
    assert placeholder_for("Nhiệm vụ của kế hoạch (nếu có)") == "— Chọn nhiệm vụ của kế hoạch —"
    assert placeholder_for("MTTQ") == "— Chọn MTTQ —"
    assert placeholder_for("") == "— Chọn —"


@pytest.fixture
def publicity_demo(demo):
    from publicity import demo as publicity_demo

    demo.demo_plan()
    publicity_demo.demo_publicity()


def test_no_dashes_in_the_forms_of_the_main_pages(publicity_demo, client_for):
    from publicity.models import DisclosureItem, Feedback

    case = Feedback.objects.first()
    disclosure = DisclosureItem.objects.first()
    pages = {
        "mttq": [
            reverse("publicity:officials_inbox"),
            reverse("publicity:officials_feedback_record"),
            reverse("publicity:officials_feedback", args=[case.pk]),
        ],
        "vanhoaxahoi": [
            reverse("publicity:officials_disclosures"),
            reverse("publicity:officials_disclosure_new"),
            reverse("publicity:officials_disclosure_edit", args=[disclosure.pk]),
            reverse("publicity:officials_reception"),
            reverse("plans:history"),
            reverse("reminders:settings"),
            reverse("plans:import"),
        ],
    }
    seen_selects = 0
    for username, urls in pages.items():
        client = client_for(username)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            html = response.content.decode()
            assert DJANGO_DASH not in html, url
            seen_selects += html.count("<select")
    client.logout()
    for url in (reverse("publicity:feedback"), reverse("publicity:disclosures")):
        html = client.get(url).content.decode()
        assert DJANGO_DASH not in html, url
        seen_selects += html.count("<select")
    assert seen_selects >= 6  # the pages do have selects: the check looked at them
    record = client_for("mttq").get(reverse("publicity:officials_feedback_record")).content.decode()
    assert "— Chọn thôn —" in record and "— Chọn nhiệm vụ của kế hoạch —" in record
