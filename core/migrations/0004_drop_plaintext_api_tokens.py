"""API tokens were DRF's, stored in plain text (authtoken_token). The portal now issues
django-rest-knox tokens, stored hashed and expiring (issue 13 item 2); the old table is dropped
so no usable secret stays in the database. Clients log in again for a new token."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("core", "0003_idempotencyrecord")]

    operations = [
        migrations.RunSQL("DROP TABLE IF EXISTS authtoken_token", migrations.RunSQL.noop),
    ]
