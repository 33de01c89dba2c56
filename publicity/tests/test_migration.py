"""Disclosures, cases, sessions and code counters that existed before communes get one (publicity 0008–0011)."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("plans", "0008_plan_commune_required"), ("publicity", "0007_feedback_moderate_permission")]
AFTER = [("plans", "0008_plan_commune_required"), ("publicity", "0011_code_counter_rename")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_existing_rows_get_their_body_commune_else_the_home_commune():
    old = _migrate(BEFORE)
    Commune, Body = old.get_model("communes", "Commune"), old.get_model("plans", "Body")
    # Plans 0005 made it; a transactional test run before may have flushed it.
    home, _ = Commune.objects.get_or_create(
        code="10888", defaults={"name": "Xã Cẩm Giang", "kind": "xa", "slug": "cam-giang", "province_code": "31"}
    )
    other = Commune.objects.create(code="90999", name="Xã Khác", kind="xa", slug="xa-khac", province_code="31")
    own = Body.objects.create(commune=home, name="Thôn Cũ", code="thon-cu", kind="village")
    theirs = Body.objects.create(commune=other, name="Thôn Khác", code="thon-khac", kind="village")
    Feedback = old.get_model("publicity", "Feedback")
    day = datetime.date(2026, 1, 5)
    common = {"subject": "x", "content": "y", "ack_due": day, "received_on": day, "access_key": "k"}
    Feedback.objects.create(code="PA-2026-000001", village=theirs, **common)
    Feedback.objects.create(code="PA-2026-000002", handling_body=theirs, **common)
    Feedback.objects.create(code="PA-2026-000003", **common)
    old.get_model("publicity", "DisclosureItem").objects.create(category=4, title="Quy chế", body=theirs)
    old.get_model("publicity", "DisclosureItem").objects.create(category=4, title="Quy chế cũ", body=own)
    old.get_model("publicity", "ReceptionSession").objects.create(date=day, receiver="Chủ tịch")
    old.get_model("publicity", "FeedbackCodeCounter").objects.create(year=2025, last=41)
    try:
        new = _migrate(AFTER)
        cases = dict(new.get_model("publicity", "Feedback").objects.values_list("code", "commune__code"))
        assert cases == {"PA-2026-000001": "90999", "PA-2026-000002": "90999", "PA-2026-000003": "10888"}
        items = dict(new.get_model("publicity", "DisclosureItem").objects.values_list("title", "commune__code"))
        assert items == {"Quy chế": "90999", "Quy chế cũ": "10888"}
        sessions = new.get_model("publicity", "ReceptionSession").objects.values_list("commune__code", flat=True)
        assert list(sessions) == ["10888"]
        counters = new.get_model("publicity", "FeedbackCodeCounter").objects.values_list(
            "commune__code", "year", "last"
        )
        assert list(counters) == [("10888", 2025, 41)]  # the count of the one commune that handed codes out
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
