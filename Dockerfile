# Production image: gunicorn web, Celery worker and beat all run from this one image.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=fives_portal.settings.production \
    STATIC_ROOT=/app/staticfiles MEDIA_ROOT=/data/media PRIVATE_MEDIA_ROOT=/data/private-media \
    BACKUP_ROOT=/data/backups

# WeasyPrint needs Pango; DejaVu gives the PDFs their Cyrillic glyphs; gettext compiles messages;
# postgresql-client (15, as the database) gives `manage.py backup`/`restore` pg_dump and pg_restore.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b \
    fonts-dejavu-core fonts-dejavu-extra gettext postgresql-client \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
# The portal's own modules compiled to bytecode once, here: PYTHONDONTWRITEBYTECODE (and /app
# being root's) means no process could cache them, so every gunicorn, Celery and manage.py
# process compiled all of them from source as it started (0.2–0.4 s each; issue 18).
RUN python -m compileall -q . \
 && useradd --system --home /app portal \
 && SECRET_KEY=build-only-not-secret-build-only-not-secret-build-only-xyz \
    DATABASE_URL=postgres://build@localhost/build \
    python manage.py compilemessages --ignore=.venv -v0 \
 && SECRET_KEY=build-only-not-secret-build-only-not-secret-build-only-xyz \
    DATABASE_URL=postgres://build@localhost/build \
    python manage.py collectstatic --no-input -v0 \
 && mkdir -p /data/media /data/private-media /data/backups && chown -R portal /data
USER portal
EXPOSE 8000
CMD ["gunicorn", "fives_portal.wsgi:application", "-c", "gunicorn.conf.py", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
