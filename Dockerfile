FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=skoletjenesten.settings.production \
    DATA_DIR=/app/data

# WeasyPrint needs Pango and HarfBuzz; fonts for the printed catalogue.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core hunspell-da \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml requirements/constraints.txt ./requirements/
RUN mv requirements/pyproject.toml . && pip install --no-cache-dir -c requirements/constraints.txt \
    $(python -c "import tomllib;print(' '.join(tomllib.load(open('pyproject.toml','rb'))['project']['dependencies']))")
COPY . .
RUN SECRET_KEY="$(python -c "import secrets; print(secrets.token_urlsafe(50))")" DATABASE_URL=postgres://build@localhost/build \
    python manage.py collectstatic --noinput

RUN useradd --create-home app && mkdir -p /app/data && chown -R app /app/data
USER app
EXPOSE 8000
CMD ["gunicorn", "skoletjenesten.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--threads", "4"]
