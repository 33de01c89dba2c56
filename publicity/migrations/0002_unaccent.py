"""PostgreSQL's unaccent for diacritic-free search (CreateExtension skips every other database)."""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("publicity", "0001_initial")]

    operations = [UnaccentExtension()]
