import os
import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.core.management import call_command

from tests.factories import UserFactory

# the multi-process checks of tests/cluster run with `make test-cluster` (CLUSTER_TESTS=1), not in `make test`
collect_ignore_glob = [] if os.environ.get("CLUSTER_TESTS") == "1" else ["cluster/*"]


KEPT_TABLES = {"django_content_type", "auth_permission"}  # what post_migrate would write back after a flush
SNAPSHOT = "test_migrated_rows"  # a schema of the test database: the rows migrations and post_migrate wrote
_migrated: list[tuple[str, str]] = []  # (table, its columns) of the tables that had rows after migrating


def _model_tables(connection) -> list[str]:
    return [
        table
        for table in connection.introspection.django_table_names(only_existing=True, include_views=False)
        if table not in KEPT_TABLES
    ]


@pytest.fixture(scope="session", autouse=True)
def _migrated_rows_kept(django_db_setup, django_db_blocker):
    """The rows a freshly migrated database has (the default site, the programme staff group with its permissions,
    reference data), copied once per test database, so that a transactional test leaves the database as migrations
    made it, whatever ran before (TRUNCATE left it empty, a test's luck depending on the order)."""
    from django.db import connection

    quote = connection.ops.quote_name
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(f"DROP SCHEMA IF EXISTS {SNAPSHOT} CASCADE; CREATE SCHEMA {SNAPSHOT}")
        for table in _model_tables(connection):
            cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {quote(table)})")  # noqa: S608 - a model's table
            if not cursor.fetchone()[0]:
                continue
            cursor.execute(
                "SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) "
                "FROM information_schema.columns "
                "WHERE table_schema = 'public' AND table_name = %s AND is_generated = 'NEVER'",
                [table],
            )
            columns = cursor.fetchone()[0]
            cursor.execute(f"CREATE TABLE {SNAPSHOT}.{quote(table)} AS SELECT {columns} FROM {quote(table)}")  # noqa: S608
            _migrated.append((table, columns))
    _fresh_backend(connection)


def _fresh_backend(connection) -> None:
    """Close the connection: the next query opens a new PostgreSQL backend. A backend keeps the row counts of its
    committed transactions pending for a while, and PostgreSQL 15 adds them to pg_stat_xact_user_tables until they
    are flushed; a test reading what its own transaction wrote (tests/fuzz) must not see the counts of migrations or
    of an earlier test's cleanup come and go."""
    connection.close()


def _emptied_quickly(connection) -> bool:
    """Empty every table of the models (as `flush` does after a transactional test) with DELETE, in one
    transaction with triggers and foreign-key checks off, and put back the rows migrations made: PostgreSQL's
    TRUNCATE of the portal's 100-odd tables costs seconds per test (new files for every table and index), deleting
    the few rows a test wrote costs milliseconds. Content types and permissions stay as migrations left them (flush
    would delete them and post_migrate write them back). False when this role may not switch triggers off (not a
    superuser)."""
    from django.db import DatabaseError, transaction

    quote = connection.ops.quote_name
    statements = [f"DELETE FROM {quote(table)}" for table in _model_tables(connection)]  # noqa: S608 - model tables
    statements += [
        f"INSERT INTO {quote(table)} ({columns}) SELECT {columns} FROM {SNAPSHOT}.{quote(table)}"  # noqa: S608
        for table, columns in _migrated
    ]
    try:
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")
            cursor.execute("; ".join(statements))
    except DatabaseError:
        return False
    _fresh_backend(connection)
    return True


def _quick_fixture_teardown(self):
    from django.db import connections

    for name in self._databases_names(include_mirrors=False):
        if self.available_apps is not None or self.serialized_rollback or not _emptied_quickly(connections[name]):
            _django_fixture_teardown(self)
            return


from django.test import TransactionTestCase  # noqa: E402

_django_fixture_teardown = TransactionTestCase._fixture_teardown
TransactionTestCase._fixture_teardown = _quick_fixture_teardown


@pytest.fixture(autouse=True)
def _static_files_without_collectstatic(settings):
    """Tests run with production settings but no collectstatic: serve static files unhashed."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Hashing a factory user's password with production's PBKDF2 costs ~0.25 s; tests need no such strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _force_login_is_a_complete_login(monkeypatch):
    """`client.force_login` stands for a complete login; for staff that includes the second factor (an authenticator
    app set up and used in the session). The real flow, code by code, is tested in tests/accounts/test_security.py."""
    from django.test import Client

    from tests.mfa import with_second_factor

    password_only = Client.force_login

    def force_login(self, user, backend=None):
        password_only(self, user, backend)
        with_second_factor(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture(autouse=True)
def _fresh_rate_limits(settings):
    """allauth's rate limits count in Redis and outlive a test (5 failed logins per account per 5 minutes): a test
    that runs within minutes of another run, or of a test signing in as the same address, would meet its 429s.
    Each test starts with none of this run's counters (only this portal's keys: the cache's own prefix); likewise
    no cached money overview of an earlier run (its programme ids repeat)."""
    from django.core.cache import cache

    client = cache._cache.get_client(write=True)
    prefix = settings.CACHES["default"]["KEY_PREFIX"]
    # and the money overviews' generations: programme ids repeat from one run to the next
    keys = [
        key
        # and the open-data API's rate limits, and the public statistics' latest figures (kept without expiry)
        for kind in ("allauth:rl", "money", "api:rl", "statistics")
        for key in client.scan_iter(match=f"{prefix}:*:{kind}:*", count=1000)
    ]
    if keys:
        client.delete(*keys)


@pytest.fixture
def templates_rendered_plainly(monkeypatch):
    """Pages render as in production, without the test client's record of every template a response renders (a copy
    of its context for each, every widget's template included: about a tenth of an admin page's time). For tests
    that read neither `response.context` nor `response.templates`; the answers and the query counts are the same."""
    from django.template.base import Template

    monkeypatch.setattr(Template, "_render", lambda self, context: self.nodelist.render(context))


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def staff_user(db):
    return UserFactory(is_staff=True)


@pytest.fixture
def superuser(db):
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def demo(db, settings):
    """The demo content, with demo users (DEBUG on)."""
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)


@pytest.fixture
def admin_client(client, superuser):
    """pytest-django's admin client, as the portal's superuser (signed in with the second factor)."""
    client.force_login(superuser)
    return client


@pytest.fixture
def celery_worker(transactional_db):
    """A real Celery worker (in a thread) consuming from the test run's Redis."""
    from interact_portal.celery import app

    app.control.purge()  # nothing left over from other runs on a shared broker
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10) as worker:
        yield worker


def database_url(*, user: str | None = None, password: str | None = None, **params) -> str:
    """The test database's URL for a child process (runserver, beat): over TCP, or the embedded server's socket
    directory, which django-environ keeps in OPTIONS["host"] (an empty HOST would reach another server)."""
    from urllib.parse import urlencode

    from django.conf import settings

    db = settings.DATABASES["default"]
    port = f":{db['PORT']}" if db.get("PORT") else ""
    query = urlencode({**db.get("OPTIONS", {}), **params})
    user = db["USER"] if user is None else user
    password = db["PASSWORD"] if password is None else password
    return f"postgres://{user}:{password}@{db['HOST']}{port}/{db['NAME']}" + (f"?{query}" if query else "")


def at_once(function, times: int = 2) -> list:
    """Call `function` in `times` threads released together (a barrier), each on its own database connection,
    closed at its end; returns their results. A thread that raised fails the caller with its exception."""
    import threading

    from django.db import connection

    barrier, results, errors = threading.Barrier(times), [], []

    def run():
        try:
            barrier.wait()
            results.append(function())
        except Exception as error:  # noqa: BLE001 - raised in the caller below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    if errors:
        raise errors[0]
    return results


def wait_for(condition, seconds: float = 30, message: str = "condition not met"):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, message
        time.sleep(0.2)


# The longest tests (measured with --durations) go first, so that `make test`'s workers finish together: run last,
# one of them would keep a worker busy while the other has nothing left. Order only: every test still runs.
LONGEST_FIRST = (
    "tests/fuzz/",
    "tests/events/test_concurrency.py",
    "tests/access/test_admin_query_counts.py",
    "tests/browser/test_reporting_journey.py",
    "tests/test_nu_html_checker.py",
    "tests/browser/",
    "tests/test_admin.py",
    "tests/access/",
    "tests/test_error_summary.py",
    "tests/reporting/test_verification.py",
    "tests/test_seed_demo",
)


def pytest_collection_modifyitems(config, items):
    def rank(item) -> int:
        path = item.nodeid
        return next((i for i, prefix in enumerate(LONGEST_FIRST) if path.startswith(prefix)), len(LONGEST_FIRST))

    items.sort(key=rank)  # stable: within a rank, the collection's order


@pytest.fixture(autouse=True)
def _english_between_tests():
    """Each test starts in English: a request in another language activates it for the thread (the middleware's
    work), which would otherwise reach the next test's reverse() and its expectations."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")
