"""Discover docs remember their story's locale; existing docs take it from their page."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill_locale(apps, schema_editor):
    doc = apps.get_model("discover", "DiscoverDoc")
    page = apps.get_model("wagtailcore", "Page")
    locale = page.objects.filter(pk=OuterRef("article_id")).values("locale_id")[:1]
    doc.objects.update(locale_id=Subquery(locale))


class Migration(migrations.Migration):
    # 0001 depends on the newsroom's migrations, which bring Wagtail's Page and Locale.
    dependencies = [("discover", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="discoverdoc",
            name="locale_id",
            field=models.IntegerField(null=True),
        ),
        migrations.RunPython(fill_locale, migrations.RunPython.noop),
    ]
