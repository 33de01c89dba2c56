"""Bodies that existed before communes belong to Cẩm Giang after migrating (plans 0004–0006)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("communes", "0001_initial"), ("plans", "0004_body_commune")]
AFTER = [("communes", "0001_initial"), ("plans", "0006_body_commune_required")]


def _forget_cam_giang() -> None:
    """A database from before communes: no Cẩm Giang row, and none of the rows later apps' migrations (which
    stay applied) or their post_migrate hooks wrote for it, such as its reminder words."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM communes_commune WHERE code = %s", ["10888"])
        found = cursor.fetchone()
        if found is None:
            return
        for table in connection.introspection.table_names(cursor):
            for column, (_target_column, target) in connection.introspection.get_relations(cursor, table).items():
                if target == "communes_commune":
                    cursor.execute(f'DELETE FROM "{table}" WHERE "{column}" = %s', [found[0]])  # nosec B608 - names from the schema
        cursor.execute("DELETE FROM communes_commune WHERE id = %s", [found[0]])


@pytest.mark.django_db(transaction=True)
def test_existing_bodies_are_given_cam_giang():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    old.get_model("plans", "Body").objects.create(name="Thôn Cũ", code="thon-cu", kind="village")
    _forget_cam_giang()  # made again from the list
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
