"""PostgreSQL: the search vector stored in a generated column, GIN-indexed (ranking reads it
instead of rebuilding it from the text for every match). Nothing changes on SQLite."""

from django.db import migrations

from akhbar.search.query import PG_DROP, PG_SCHEMA


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]

    operations = [migrations.RunPython(_run(PG_SCHEMA), _run(PG_DROP))]
