"""The full-text index over SearchDocument: FTS5 (+ triggers) on SQLite, GIN on PostgreSQL."""

from django.db import migrations

from akhbar.search.query import (
    PG_EXPRESSION_DROP,
    PG_EXPRESSION_SCHEMA,
    SQLITE_DROP,
    SQLITE_SCHEMA,
)


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, ()):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_SCHEMA, "postgresql": PG_EXPRESSION_SCHEMA}),
            _run({"sqlite": SQLITE_DROP, "postgresql": PG_EXPRESSION_DROP}),
        ),
    ]
