"""PostgreSQL's unaccent for diacritic-free search; every other database skips it, both ways."""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class PostgresOnlyUnaccent(UnaccentExtension):
    # CreateExtension already skips other databases going forwards, but not backwards.
    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [("publicity", "0001_initial")]

    operations = [PostgresOnlyUnaccent()]
