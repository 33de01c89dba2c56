"""Bodies that existed before communes belong to Cẩm Giang after migrating (plans 0004–0006)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("communes", "0001_initial"), ("plans", "0004_body_commune")]
AFTER = [("communes", "0001_initial"), ("plans", "0006_body_commune_required")]


@pytest.mark.django_db(transaction=True)
def test_existing_bodies_are_given_cam_giang():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    old.get_model("plans", "Body").objects.create(name="Thôn Cũ", code="thon-cu", kind="village")
    old.get_model("communes", "Commune").objects.filter(code="10888").delete()  # made again from the list
    try:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(AFTER)
        new = executor.loader.project_state(AFTER).apps
        body = new.get_model("plans", "Body").objects.select_related("commune").get(code="thon-cu")
        assert (body.commune.code, body.commune.name, body.commune.on_platform) == ("10888", "Xã Cẩm Giang", True)
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
