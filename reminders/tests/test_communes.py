"""Two communes on one deployment: each has its own reminder settings, words and exactly-once summaries, and the
beat's run sends each commune's reminders to its own bodies with its own words."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse

from camgiang_portal.actors import SYSTEM
from communes.current import use_commune
from communes.services import home_commune
from plans.models import Body, Membership, Plan, Role
from plans.onboarding import commune_onboard
from plans.tests.factories import BodyFactory, small_plan
from reminders import messages, selectors, services, summaries, tasks
from reminders.defaults import DEFAULTS
from reminders.models import NoticeKind, NoticeTemplate, Notification, ReminderLog, ReminderSettings, SummaryLog

pytestmark = pytest.mark.django_db
AN_HAI = "11617"
# 07:30 in Vietnam on 22/05/2026: the seed plan's 6-month report (due 05/06/2026) is 14 days away.
MAY_22_MORNING = datetime.datetime(2026, 5, 22, 0, 30, tzinfo=datetime.UTC)
MONDAY_MORNING = datetime.datetime(2026, 5, 25, 0, 30, tzinfo=datetime.UTC)
SETTINGS = {"days_before": "14, 7", "days_after": "1", "enabled": True, "digest_enabled": True}


@pytest.fixture
def two(settings, seeded):
    """Cẩm Giang with its seed plan, and An Hải with two villages owing the same periods' reports."""
    settings.PLATFORM_COMMUNES = "many"
    # Delivered in the run, as without a broker: these tests are about whose words go where; the queue and the
    # worker are test_worker_and_races.py's.
    settings.CELERY_TASK_ALWAYS_EAGER = True
    cam_giang = home_commune()
    an_hai = commune_onboard(code=AN_HAI, by=SYSTEM).commune
    villages = [
        BodyFactory(commune=an_hai, code=f"an-hai-thon-{n}", name=f"Thôn {n} An Hải", email=f"thon{n}@anhai.test")
        for n in (1, 2)
    ]
    plan = small_plan(villages)
    Plan.objects.filter(pk=plan.pk).update(commune=an_hai, status=Plan.Status.ISSUED)
    coordinator = Membership.objects.get(body__commune=an_hai, role=Role.COORDINATOR)
    coordinator.user.email = "vanhoaxahoi@anhai.test"
    coordinator.user.save(update_fields=["email"])
    return cam_giang, an_hai


def words_for(commune, kind, subject):
    with use_commune(commune):
        services.template_update(kind=kind, subject=subject, body="Kính gửi {{ body }}: hạn {{ due_date }}.", by=SYSTEM)


def test_each_commune_on_the_platform_has_its_own_default_words(two):
    for commune in two:
        rows = NoticeTemplate.all_communes.filter(commune=commune)
        assert {row.kind: (row.subject, row.body) for row in rows} == {str(k): v for k, v in DEFAULTS.items()}


def test_settings_and_words_are_each_communes_own(two):
    cam_giang, an_hai = two
    with use_commune(an_hai):
        assert selectors.reminder_settings().offsets == [-14, -7, -3, -1, 0, 1, 7]  # the defaults, not saved
        services.settings_update(**SETTINGS, leadership_enabled=False, by=SYSTEM)
    assert not ReminderSettings.all_communes.filter(commune=cam_giang).exists()
    with use_commune(cam_giang):
        assert selectors.reminder_settings().offsets == [-14, -7, -3, -1, 0, 1, 7]
        assert not ReminderSettings.objects.exists()  # An Hải's row is not Cẩm Giang's
    assert selectors.reminder_settings(an_hai).offsets == [-14, -7, 1]
    words_for(an_hai, NoticeKind.BEFORE, "[An Hải] {{ body }}")
    assert messages.templates_by_kind(an_hai)[NoticeKind.BEFORE][0] == "[An Hải] {{ body }}"
    assert messages.templates_by_kind(cam_giang)[NoticeKind.BEFORE] == DEFAULTS[NoticeKind.BEFORE]
    with use_commune(cam_giang):
        services.template_reset(kind=NoticeKind.BEFORE, by=SYSTEM)  # Cẩm Giang's reset leaves An Hải's words
    assert messages.templates_by_kind(an_hai)[NoticeKind.BEFORE][0] == "[An Hải] {{ body }}"


def test_the_beat_sends_each_communes_reminders_with_its_own_words_once(two, smtp):
    cam_giang, an_hai = two
    words_for(cam_giang, NoticeKind.BEFORE, "[Cẩm Giang] {{ body }}")
    words_for(an_hai, NoticeKind.BEFORE, "[An Hải] {{ body }}")
    with time_machine.travel(MAY_22_MORNING, tick=False):
        result = tasks.reminders_run()
        assert tasks.reminders_run()["claimed"] == 0  # a second beat the same day: nothing twice
    sent = dict(zip(smtp.inbox.subjects(), smtp.inbox.envelopes, strict=True))
    assert sent["[An Hải] Thôn 1 An Hải"] == ["thon1@anhai.test"]
    assert sent["[An Hải] Thôn 2 An Hải"] == ["thon2@anhai.test"]
    an_hai_subjects = [s for s in sent if s.startswith("[An Hải]")]
    cam_giang_subjects = [s for s in sent if s.startswith("[Cẩm Giang]")]
    assert len(an_hai_subjects) == 2 and len(cam_giang_subjects) + 2 == len(smtp.inbox.messages)
    assert "[Cẩm Giang] Thôn Đông Giao" in cam_giang_subjects
    assert all("anhai.test" not in address for s in cam_giang_subjects for address in sent[s])
    assert result["communes"] == {cam_giang.code: len(cam_giang_subjects), an_hai.code: 2}
    assert ReminderLog.objects.filter(body__commune=an_hai, status=ReminderLog.Status.SENT).count() == 2


def test_a_commune_that_turned_reminders_off_gets_none_the_other_still_does(two, smtp):
    cam_giang, an_hai = two
    with use_commune(an_hai):
        services.settings_update(**{**SETTINGS, "enabled": False}, leadership_enabled=False, by=SYSTEM)
    with time_machine.travel(MAY_22_MORNING, tick=False):
        tasks.reminders_run()
    assert not ReminderLog.objects.filter(body__commune=an_hai).exists()
    assert ReminderLog.objects.filter(body__commune=cam_giang).count() == len(smtp.inbox.messages) > 0


def test_each_communes_coordinator_gets_their_own_digest_of_the_week_once(two, smtp):
    cam_giang, an_hai = two
    words_for(an_hai, NoticeKind.DIGEST, "[An Hải] Tổng hợp tuần {{ week }}")
    with time_machine.travel(MONDAY_MORNING, tick=False):
        assert tasks.digest_send() == f"{cam_giang.code}: sent, {an_hai.code}: sent"
        assert tasks.digest_send() == f"{cam_giang.code}: skipped, {an_hai.code}: skipped"
    logs = SummaryLog.all_communes.order_by("commune__code")
    assert [(log.commune, log.key, log.status) for log in logs] == [
        (cam_giang, "2026-W22", "sent"),
        (an_hai, "2026-W22", "sent"),
    ]
    sent = dict(zip(smtp.inbox.subjects(), smtp.inbox.envelopes, strict=True))
    assert sent["[An Hải] Tổng hợp tuần 22/2026"] == ["vanhoaxahoi@anhai.test"]
    (cam_giang_digest,) = [rcpts for subject, rcpts in sent.items() if not subject.startswith("[An Hải]")]
    assert "vanhoaxahoi@camgiang.gov.vn" in cam_giang_digest and "vanhoaxahoi@anhai.test" not in cam_giang_digest


def test_a_delivery_by_id_uses_the_words_of_the_bodys_commune(two, smtp):
    _cam_giang, an_hai = two
    words_for(an_hai, NoticeKind.BEFORE, "[An Hải] {{ body }}")
    with use_commune(an_hai):
        services.reminders_run(today=datetime.date(2026, 5, 22), inline=False)
    log = ReminderLog.objects.filter(body__commune=an_hai).first()
    assert services.reminder_deliver(log_id=log.pk, today=datetime.date(2026, 5, 22)) == "sent"  # no commune served
    assert smtp.inbox.subjects()[-1] == f"[An Hải] {Body.objects.get(pk=log.body_id).name}"


def test_a_coordinator_edits_their_own_communes_settings_and_words_on_its_pages(two, client, django_user_model):
    cam_giang, an_hai = two
    client.force_login(django_user_model.objects.get(username=f"{an_hai.slug}.vanhoaxahoi"))
    data = {"days_before": "10, 0", "days_after": "2", "enabled": "on", "digest_enabled": "on"}
    assert client.post(f"/xa/{an_hai.slug}/reminders/settings/", data).status_code == 302
    words = {"subject": "[An Hải] {{ body }}", "body": "Kính gửi {{ body }}."}
    assert client.post(f"/xa/{an_hai.slug}/reminders/templates/before/", words).status_code == 302
    assert ReminderSettings.all_communes.get().commune == an_hai
    assert selectors.reminder_settings(an_hai).offsets == [-10, 0, 2]
    assert messages.templates_by_kind(an_hai)[NoticeKind.BEFORE][0] == "[An Hải] {{ body }}"
    assert messages.templates_by_kind(cam_giang)[NoticeKind.BEFORE] == DEFAULTS[NoticeKind.BEFORE]
    page = client.get(f"/xa/{an_hai.slug}/reminders/settings/")
    assert page.status_code == 200 and page.context["conf"].commune == an_hai


# --- whose name and address each commune's mail carries ----------------------------------------------------


def parts(message) -> tuple[str, str]:
    return message.get_body(("plain",)).get_content(), message.get_body(("html",)).get_content()


def mails_to(smtp, domain):
    return [m for m, rcpts in zip(smtp.inbox.messages, smtp.inbox.envelopes, strict=True) if domain in rcpts[0]]


def test_each_communes_reminders_are_signed_sent_and_linked_as_its_own(two, smtp, settings):
    cam_giang, an_hai = two
    with time_machine.travel(MAY_22_MORNING, tick=False):
        tasks.reminders_run()
    an_hai_mails, cam_giang_mails = mails_to(smtp, "anhai.test"), mails_to(smtp, "camgiang.gov.vn")
    assert len(an_hai_mails) == 2 and cam_giang_mails
    for message in an_hai_mails:
        text, html = parts(message)
        assert "Phòng Văn hóa – Xã hội, UBND phường An Hải." in text and "UBND phường An Hải" in html
        assert (
            f"{settings.SITE_URL}/xa/{an_hai.slug}/" in text and f'href="{settings.SITE_URL}/xa/{an_hai.slug}/' in html
        )
        assert "Cẩm Giang" not in text + html
        assert message["From"].addresses[0].display_name == "UBND phường An Hải"
    text, _html = parts(cam_giang_mails[0])
    assert "Phòng Văn hóa – Xã hội, UBND xã Cẩm Giang." in text and f"{settings.SITE_URL}/xa/cam-giang/" in text
    assert cam_giang_mails[0]["From"].addresses[0].display_name == "UBND xã Cẩm Giang"
    # The same link in the portal's notice, within the platform so that it stays on the commune's pages.
    urls = set(Notification.objects.filter(period__plan__commune=cam_giang).values_list("url", flat=True))
    assert urls and all(url.startswith("/xa/cam-giang/") for url in urls)


def test_a_commune_with_its_own_host_gets_digest_and_leadership_links_to_it(two, smtp, settings):
    cam_giang, an_hai = two
    an_hai.host = "anhai.haiphong.gov.vn"
    an_hai.save(update_fields=["host"])
    leader = Membership.objects.get(body__commune=an_hai, role=Role.LEADERSHIP).user
    leader.email = "chutich@anhai.test"
    leader.save(update_fields=["email"])
    with time_machine.travel(MONDAY_MORNING, tick=False):
        tasks.digest_send()
    with use_commune(an_hai):
        assert summaries.leadership_summary_send(today=datetime.date(2026, 6, 6)) == ["sent"]
    scheme = settings.SITE_URL.split("://")[0]
    dashboard = f"{scheme}://anhai.haiphong.gov.vn{reverse('consolidation:dashboard')}"
    digest, leadership = mails_to(smtp, "anhai.test")
    for message in (digest, leadership):
        text, html = parts(message)
        assert dashboard in text and f'href="{dashboard}"' in html
        assert "UBND phường An Hải" in text and "Cẩm Giang" not in text + html
        assert message["From"].addresses[0].display_name == "UBND phường An Hải"
    assert "Kính gửi Lãnh đạo UBND phường An Hải," in parts(leadership)[0] and "UBND xã" not in parts(leadership)[0]
    assert set(Notification.objects.filter(user=leader).values_list("url", flat=True)) == {dashboard}


def test_the_word_editors_example_link_is_the_communes_own(two, settings):
    _cam_giang, an_hai = two
    with use_commune(an_hai):
        assert messages.sample_context(NoticeKind.BEFORE)["url"] == f"{settings.SITE_URL}/xa/{an_hai.slug}/start/"
    settings.PLATFORM_COMMUNES = "one"
    assert messages.sample_context(NoticeKind.BEFORE)["url"] == f"{settings.SITE_URL}/start/"


def test_the_leadership_words_a_commune_never_edited_name_its_own_committee(two):
    import importlib

    from django.apps import apps

    from reminders.defaults import DEFAULTS, LEADERSHIP_BODY_BEFORE_COMMITTEE
    from reminders.models import NoticeTemplate

    cam_giang, an_hai = two
    NoticeTemplate.all_communes.filter(commune=an_hai, kind=NoticeKind.LEADERSHIP).update(
        body=LEADERSHIP_BODY_BEFORE_COMMITTEE
    )
    NoticeTemplate.all_communes.filter(commune=cam_giang, kind=NoticeKind.LEADERSHIP).update(body="Lời của xã.")
    migration = importlib.import_module("reminders.migrations.0006_leadership_words_name_the_committee")
    migration.name_the_committee(apps, None)
    words = dict(NoticeTemplate.all_communes.filter(kind=NoticeKind.LEADERSHIP).values_list("commune", "body"))
    assert words[an_hai.pk] == DEFAULTS[NoticeKind.LEADERSHIP][1] and "{{ committee }}" in words[an_hai.pk]
    assert words[cam_giang.pk] == "Lời của xã."  # a coordinator's own words stay as written


def test_words_a_commune_never_edited_say_the_period_and_its_year_once(two):
    import importlib

    from django.apps import apps

    from reminders.defaults import DEFAULTS, PERIOD_AND_YEAR_BEFORE
    from reminders.models import NoticeTemplate

    cam_giang, an_hai = two
    subject, body = DEFAULTS[NoticeKind.BEFORE]
    before = [words.replace("{{ period_year }}", PERIOD_AND_YEAR_BEFORE) for words in (subject, body)]
    NoticeTemplate.all_communes.filter(kind=NoticeKind.BEFORE).update(subject=before[0], body=before[1])
    NoticeTemplate.all_communes.filter(commune=cam_giang, kind=NoticeKind.BEFORE).update(body="Lời {{ period }}.")
    migration = importlib.import_module("reminders.migrations.0007_words_say_period_and_year_once")
    migration.say_period_and_year_once(apps, None)
    words = {t.commune_id: t for t in NoticeTemplate.all_communes.filter(kind=NoticeKind.BEFORE)}
    assert (words[an_hai.pk].subject, words[an_hai.pk].body) == (subject, body)
    assert words[cam_giang.pk].subject == subject and words[cam_giang.pk].body == "Lời {{ period }}."
    migration.back(apps, None)
    assert NoticeTemplate.all_communes.get(commune=an_hai, kind=NoticeKind.BEFORE).subject == before[0]
