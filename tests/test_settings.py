"""Settings come from the environment; production refuses to start without a secret key."""

import os
import subprocess
import sys

from django.conf import settings


def _import_settings(
    *, show: str = "s.TIME_ZONE, s.DEBUG", argv: list[str] | None = None, unset: tuple = ("DJANGO_",), **env
) -> subprocess.CompletedProcess:
    """Import the settings in a fresh process (as `argv`, without the variables starting with `unset`) and print
    `show`."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(unset)}
    code = f"import sys; sys.argv = {argv!r}; " if argv else ""
    return subprocess.run(
        [sys.executable, "-c", f"{code}import interact_portal.settings as s; print({show})"],
        env={**clean, **env},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=False,
    )


def test_missing_secret_key_is_a_clear_startup_error_in_production():
    result = _import_settings(DJANGO_DEBUG="false")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_debug_runs_without_a_secret_key_and_time_zone_defaults_to_brussels():
    result = _import_settings(DJANGO_DEBUG="true")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["Europe/Brussels", "True"]


def test_variables_are_read():
    result = _import_settings(DJANGO_SECRET_KEY="x" * 50, TIME_ZONE="Europe/Helsinki")
    assert result.stdout.split() == ["Europe/Helsinki", "False"]


def test_the_real_engine_is_postgresql():
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    assert isinstance(caches["default"], RedisCache)  # Django's, answering a miss when Redis is away (core/cache.py)


def test_a_named_bucket_puts_uploads_and_reports_on_s3_compatible_storage():
    code = (
        "import django; django.setup(); from django.core.files.storage import storages; s = storages['default']; "
        "print(type(s).__name__, s.bucket_name, s.endpoint_url, s.default_acl)"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env = {
        **clean,
        "DJANGO_SETTINGS_MODULE": "interact_portal.settings",
        "DJANGO_DEBUG": "true",
        "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",
        "REDIS_URL": "redis://127.0.0.1:1/0",
        "DJANGO_STORAGE_BUCKET": "portal-files",
        "DJANGO_STORAGE_ENDPOINT": "https://s3.example.org",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=settings.BASE_DIR, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["S3Storage", "portal-files", "https://s3.example.org", "private"]


def _conn_max_age(argv: list[str], **env) -> str:
    unset = ("DJANGO_", "DATABASE_CONN")
    result = _import_settings(
        show="s.DATABASES['default']['CONN_MAX_AGE']", argv=argv, unset=unset, DJANGO_DEBUG="true", **env
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_runserver_closes_database_connections_per_request_and_other_servers_keep_them():
    assert _conn_max_age(["manage.py", "runserver", "127.0.0.1:8000"], DATABASE_CONN_MAX_AGE="60") == "0"
    assert _conn_max_age(["gunicorn", "interact_portal.wsgi"]) == "60"
    assert _conn_max_age(["celery", "-A", "interact_portal", "worker"], DATABASE_CONN_MAX_AGE="120") == "120"


def _site_url(**env) -> str:
    result = _import_settings(show="s.SITE_URL", unset=("SITE_URL", "HOST", "PORT"), DJANGO_DEBUG="true", **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_site_url_follows_where_make_run_serves_when_unset():
    assert _site_url() == "http://127.0.0.1:8000"
    assert _site_url(PORT="8123") == "http://127.0.0.1:8123"
    assert _site_url(HOST="portal.local", PORT="9000") == "http://portal.local:9000"
    assert _site_url(HOST="0.0.0.0", PORT="8080") == "http://127.0.0.1:8080"  # noqa: S104 - all interfaces: link locally
    assert _site_url(HOST="::1") == "http://[::1]:8000"


def test_site_url_set_wins_over_host_and_port():
    assert _site_url(SITE_URL="https://portal.example.org", PORT="8123") == "https://portal.example.org"
