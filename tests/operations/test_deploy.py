"""Deploying: safe default settings, the production static build, security headers, health, error pages."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.test.client import RequestFactory

from operations.views import server_error

BASE_DIR = Path(__file__).resolve().parents[2]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    """manage.py as an operator runs it: without DJANGO_SETTINGS_MODULE unless given."""
    # DJANGO_ALLOW_ASYNC_UNSAFE is set by the browser tests' conftest for the test process only.
    dropped = {"DJANGO_SETTINGS_MODULE", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if k not in dropped}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=environment, capture_output=True, text=True, timeout=300
    )


def strong_key() -> str:
    return secrets.token_urlsafe(50)


def test_without_settings_module_the_production_settings_refuse_to_start_without_a_secret_key():
    result = run_manage("check")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
    assert "skoletjenesten.settings.dev" in result.stderr  # tells a developer what to do


def test_without_a_secret_key_makemigrations_check_still_runs_and_nothing_can_sign():
    result = run_manage("makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout
    signing = run_manage("shell", "-c", "from django.core import signing; signing.dumps(1)")
    assert signing.returncode != 0
    assert "SECRET_KEY must be set" in signing.stderr


@pytest.mark.parametrize("key", ["change-me-in-production", "insecure-dev-key-change-me", "short"])
def test_production_refuses_a_known_or_weak_secret_key(key):
    result = run_manage("check", SECRET_KEY=key)
    assert result.returncode != 0
    assert "SECRET_KEY is a known or weak value" in result.stderr


def test_default_settings_are_production_and_check_deploy_is_clean():
    probe = "from django.conf import settings as s; print(s.SETTINGS_MODULE, s.DEBUG, s.SECURE_HSTS_SECONDS)"
    result = run_manage("shell", "-c", probe, SECRET_KEY=strong_key())
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == ["skoletjenesten.settings.production", "False", "31536000"]
    deploy = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", SECRET_KEY=strong_key(), PUBLIC_BASE_URL="https://sk.example"
    )
    assert deploy.returncode == 0, deploy.stdout + deploy.stderr
    assert "no issues" in deploy.stdout
    # An operator who forgot the public address is told so (and migrate leaves the live site alone).
    unset = run_manage("check", "--deploy", SECRET_KEY=strong_key(), PUBLIC_BASE_URL="", WAGTAILADMIN_BASE_URL="")
    assert unset.returncode == 0 and "home.W001" in unset.stderr + unset.stdout, unset.stdout + unset.stderr


@pytest.mark.django_db
def test_the_production_static_build_works_and_pages_render_from_its_manifest(tmp_path, client, offer):
    result = run_manage("collectstatic", "--noinput", SECRET_KEY=strong_key(), STATIC_ROOT=str(tmp_path))
    assert result.returncode == 0, result.stderr[-2000:]
    manifest = (tmp_path / "staticfiles.json").read_text()
    for name in ["vendor/leaflet/leaflet.js", "css/site.css", "favicon.svg", "wagtailadmin/css/core.css"]:
        assert f'"{name}"' in manifest
    # What browsers fetch is compressed; the source maps, which only developer tools fetch, are not.
    hashed_css = json.loads(manifest)["paths"]["css/site.css"]
    assert (tmp_path / f"{hashed_css}.br").exists() and (tmp_path / f"{hashed_css}.gz").exists()
    maps = list(tmp_path.rglob("*.map"))
    assert maps and not [path for path in maps if path.with_name(path.name + ".gz").exists()]
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=storages, WHITENOISE_USE_FINDERS=False):
        for url in ["/", offer.url, offer.get_parent().url]:
            response = client.get(url)
            assert response.status_code == 200, url
            assert "/static/css/site." in response.content.decode()  # the hashed name from the manifest


def compose_config(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "POSTGRES_PASSWORD", "S3_SECRET_ACCESS_KEY"}
    }
    environment.update(env)
    command = [str(Path(sys.executable).parent / "docker-compose"), *args, "config", "--format", "json"]
    return subprocess.run(command, cwd=BASE_DIR, env=environment, capture_output=True, text=True, timeout=60)


def test_compose_refuses_to_start_without_real_secrets():
    # One secret missing at a time: compose reports the first it meets, in no fixed order.
    result = compose_config(POSTGRES_PASSWORD="pw", S3_SECRET_ACCESS_KEY="s3-hemmelighed")
    assert "required variable SECRET_KEY is missing" in result.stderr
    result = compose_config(SECRET_KEY=strong_key(), S3_SECRET_ACCESS_KEY="s3-hemmelighed")
    assert "required variable POSTGRES_PASSWORD is missing" in result.stderr
    result = compose_config(SECRET_KEY=strong_key(), POSTGRES_PASSWORD="pw")
    assert "required variable S3_SECRET_ACCESS_KEY is missing" in result.stderr


def test_compose_production_makes_no_demo_data_and_serves_through_the_proxy():
    secrets = {"SECRET_KEY": "k" * 50, "POSTGRES_PASSWORD": "pw", "S3_SECRET_ACCESS_KEY": "s3-hemmelighed"}
    services = json.loads(compose_config(**secrets).stdout)["services"]
    for name, service in services.items():
        assert "seed_demo" not in " ".join(service.get("command") or []), name
        assert (service.get("environment") or {}).get("DEMO_DATA_ALLOWED") in (None, "false"), name
    assert {k: services["proxy"]["ports"][1][k] for k in ("published", "target")} == {"published": "443", "target": 443}
    assert "ports" not in services["web"]  # only through the proxy
    assert "/healthz/" in " ".join(services["web"]["healthcheck"]["test"])
    assert services["beat"]["deploy"]["replicas"] == 1
    # Web and worker containers keep no files: media and the catalogue's parts and files in the object storage.
    for name in ("web", "worker", "worker-catalogue"):
        environment = services[name]["environment"]
        assert environment["S3_ENDPOINT_URL"] == "http://minio:9000" and environment["S3_BUCKET"], name
        assert "CATALOGUE_ROOT" not in environment, name
        assert [volume["target"] for volume in services[name]["volumes"]] == ["/app/data/static"], name
    assert "minio" in services and "mc anonymous set download" in " ".join(services["minio-setup"]["entrypoint"])
    demo = json.loads(compose_config("--profile", "demo", **secrets).stdout)
    assert "seed_demo" in demo["services"]["demo"]["command"]
    assert demo["services"]["demo"]["environment"]["DEMO_DATA_ALLOWED"] == "true"


@pytest.mark.django_db
def test_seed_demo_refuses_without_demo_data_allowed():
    with override_settings(DEMO_DATA_ALLOWED=False), pytest.raises(CommandError, match="DEMO_DATA_ALLOWED"):
        call_command("seed_demo", "--offers", "1", "--environments", "1")


@pytest.mark.django_db
def test_pages_carry_security_headers(client, national_site):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'self'" in csp
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_health_checks_database_and_redis(client):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "redis": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_health_reports_redis_down(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:6390/0"  # nothing listens here
    response = client.get("/healthz/")
    assert response.status_code == 503
    assert response.json()["redis"] == "fejl"
    assert response.json()["database"] == "ok"


@pytest.mark.django_db
def test_404_is_danish_with_header_and_footer(client, national_site):
    response = client.get("/findes-ikke/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="da">' in html
    assert "Siden findes ikke" in html
    assert 'class="site-header"' in html and 'class="site-footer"' in html
    assert 'rel="icon"' in html


@pytest.mark.django_db
def test_500_is_danish_with_header_and_footer(national_site):
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="da">' in html and "Der skete en fejl" in html
    assert 'class="site-header"' in html and 'class="site-footer"' in html


@pytest.mark.django_db
def test_favicon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response.url.endswith("favicon.svg")
    assert client.get(response.url).status_code == 200


@pytest.mark.django_db
def test_the_admin_policy_allows_inline_scripts_but_the_public_one_does_not(admin_client, national_site):
    public = admin_client.get("/")["Content-Security-Policy"]
    admin = admin_client.get("/admin/")["Content-Security-Policy"]
    assert "'unsafe-inline'" not in public.split("script-src")[1].split(";")[0]
    assert "'unsafe-inline'" in admin.split("script-src")[1].split(";")[0]
    assert "object-src 'none'" in admin and "frame-ancestors 'self'" in admin
