"""make restore-drill: back up the portal (pg_dump of its database, a copy of its files), restore the backup into a
new database and folder, start the portal on it and find the same projects and files (issue 22).

The backup is what the README's "Backups" section prescribes for production:
  pg_dump --format=custom of DATABASE_URL            → <backup>/database.dump
  the files: MEDIA_ROOT copied, or every object of the DJANGO_STORAGE_BUCKET bucket downloaded → <backup>/files/
The drill restores the dump into a new database (pg_restore --no-owner), the files into a new folder, and starts the
portal on them (a `manage.py shell` with DATABASE_URL and MEDIA_ROOT pointing at the copies, which asks the home
page and a project page of Django's test client and opens every stored file); it compares what it finds with the
same fingerprint of the original, prints each comparison and exits non-zero on a difference. The restored database
is dropped at the end (RESTORE_KEEP=1 keeps it). Backups go under var/backups/<time>/ (RESTORE_BACKUP_DIR).
"""

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _pg_env(url: str) -> tuple[dict, str]:
    """libpq's environment and the database name of a postgres:// URL."""
    parts = urlsplit(url)
    env = {**os.environ}
    if parts.hostname:
        env["PGHOST"] = parts.hostname
    if parts.port:
        env["PGPORT"] = str(parts.port)
    if parts.username:
        env["PGUSER"] = parts.username
    if parts.password:
        env["PGPASSWORD"] = parts.password
    # the embedded PostgreSQL's URL names its socket folder in the query: postgresql://postgres:@/name?host=/dir
    for key, variable in (("host", "PGHOST"), ("port", "PGPORT")):
        if values := parse_qs(parts.query).get(key):
            env[variable] = values[0]
    return env, parts.path.lstrip("/")


def _tool(name: str, url: str) -> str:
    """A PostgreSQL client program of the server's version: the embedded server's own (pgserver ships PostgreSQL 16's
    tools) when the URL is the embedded one, else the system's (Debian's)."""
    if parse_qs(urlsplit(url).query).get("host"):
        try:
            import pgserver
        except ImportError:
            return name
        bundled = Path(pgserver.__file__).parent / "pginstall" / "bin" / name
        if bundled.exists():
            return str(bundled)
    return name


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def portal_env(url: str, media: Path, bucket: bool = False) -> dict:
    """The environment of a portal process on a database and its files: the bucket of the environment (the original),
    or a media folder (local files: what a restore gives)."""
    env = {k: v for k, v in os.environ.items() if bucket or not k.startswith("DJANGO_STORAGE_")}
    env.update({"DATABASE_URL": url, "MEDIA_ROOT": str(media), "DJANGO_DEBUG": "true", "DATABASE_POOLER": ""})
    return env


def fingerprint(url: str, media: Path, bucket: bool = False) -> dict:
    code = "from bench.restore_fingerprint import main; main()"
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=portal_env(url, media, bucket),
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def backup(url: str, media: Path | None, dest: Path) -> dict:
    """pg_dump of the database and a copy of the files into dest; returns what was written."""
    dest.mkdir(parents=True, exist_ok=True)
    env, _name = _pg_env(url)
    dump = dest / "database.dump"
    started = time.monotonic()
    subprocess.run(
        [_tool("pg_dump", url), "--format=custom", "--no-owner", "--file", str(dump), _name], env=env, check=True
    )
    files = dest / "files"
    bucket = os.environ.get("DJANGO_STORAGE_BUCKET", "")
    if bucket:
        import boto3

        client = boto3.client(
            "s3",
            endpoint_url=os.environ.get("DJANGO_STORAGE_ENDPOINT") or None,
            aws_access_key_id=os.environ.get("DJANGO_STORAGE_ACCESS_KEY") or None,
            aws_secret_access_key=os.environ.get("DJANGO_STORAGE_SECRET_KEY") or None,
        )
        for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket):
            for item in page.get("Contents", []):
                target = files / item["Key"]
                target.parent.mkdir(parents=True, exist_ok=True)
                client.download_file(bucket, item["Key"], str(target))
    elif media is not None and media.exists():
        shutil.copytree(media, files, dirs_exist_ok=True)
    files.mkdir(exist_ok=True)
    count = sum(1 for p in files.rglob("*") if p.is_file())
    return {
        "dump": dump,
        "dump_bytes": dump.stat().st_size,
        "files": files,
        "file_count": count,
        "seconds": time.monotonic() - started,
    }


def restore(url: str, dump: Path, name: str) -> str:
    """A new database `name` from the dump; returns its URL."""
    env, _source = _pg_env(url)
    subprocess.run([_tool("dropdb", url), "--if-exists", name], env=env, check=True)
    subprocess.run([_tool("createdb", url), name], env=env, check=True)
    subprocess.run(
        [_tool("pg_restore", url), "--no-owner", "--exit-on-error", "-d", name, str(dump)], env=env, check=True
    )
    return with_database(url, name)


def drop(url: str) -> None:
    env, name = _pg_env(url)
    subprocess.run(["dropdb", "--if-exists", name], env=env, check=True)


def compare(before: dict, after: dict) -> list[tuple[str, bool]]:
    lines = [
        (
            f"projects: {before['projects']} before, {after['projects']} after the restore",
            before["projects"] == after["projects"],
        ),
        (
            "the same projects (ids, acronyms, titles; sha256 " + after["projects_sha256"][:12] + ")",
            before["projects_sha256"] == after["projects_sha256"],
        ),
        (
            f"users: {before['users']} / {after['users']}, programmes: {before['programmes']} / {after['programmes']}",
            before["users"] == after["users"] and before["programmes"] == after["programmes"],
        ),
        (
            f"stored files: {before['files']} referenced, {before['files_found']} in the original storage, "
            f"{after['files_found']} found and identical after the restore (missing: {after['files_missing'][:3]})",
            after["files_found"] == before["files_found"]
            and after["files_missing"] == before["files_missing"]
            and before["files_sha256"] == after["files_sha256"],
        ),
        (
            f"the restored portal serves its home page ({after['home']}) and a project page ({after['project_page']})",
            after["home"] == 200 and after["project_page"] in (200, None),
        ),
    ]
    return lines


def drill(url: str, media: Path, dest: Path, keep: bool = False) -> list[tuple[str, bool]]:
    before = fingerprint(url, media, bucket=True)
    made = backup(url, media, dest)
    _env, name = _pg_env(url)
    restored = restore(url, made["dump"], f"{name}_restored"[:63])
    try:
        after = fingerprint(restored, made["files"])
    finally:
        if not keep:
            drop(restored)
    lines = [
        (
            f"backup: pg_dump {made['dump_bytes'] / 1e6:.1f} MB and {made['file_count']} files in "
            f"{made['seconds']:.1f} s → {dest}",
            True,
        )
    ]
    lines += compare(before, after)
    if before["files_missing"]:  # not the restore's fault, but a backup cannot bring back what was already gone
        lines.append(
            (
                f"note: {len(before['files_missing'])} files named in the database were missing from the "
                f"original storage already, e.g. {before['files_missing'][:2]}",
                True,
            )
        )
    return lines


def main() -> int:
    from interact_portal.embedded import ensure_services

    ensure_services()
    url = os.environ["DATABASE_URL"]
    media = Path(os.environ.get("MEDIA_ROOT", ROOT / "var" / "media"))
    dest = Path(os.environ.get("RESTORE_BACKUP_DIR", ROOT / "var" / "backups" / time.strftime("%Y%m%d-%H%M%S")))
    lines = drill(url, media, dest, keep=os.environ.get("RESTORE_KEEP") == "1")
    for text, ok in lines:
        print(f"  [{'PASS' if ok else 'FAIL'}] {text}")
    failed = sum(not ok for _, ok in lines)
    print(f"restore drill: {len(lines) - failed}/{len(lines)} checks passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
