"""The database part of a backup: a consistent copy out, a copy back in, per database engine.

PostgreSQL: `pg_dump --format=custom` reading the same snapshot the counts were taken in (an
exported REPEATABLE READ snapshot), `pg_restore --single-transaction` back. SQLite: the sqlite3
online backup API both ways (a consistent copy while the site runs).
"""

import os
import shutil
import sqlite3
import subprocess

from django.core.management.base import CommandError
from django.db import connections

from .contents import count, count_with

FILE_NAMES = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}


def vendor(alias):
    name = connections[alias].vendor
    if name not in FILE_NAMES:
        raise CommandError(
            f"不支持的数据库：{name}（仅支持 PostgreSQL 与 SQLite）。Unsupported database: {name}."
        )
    return name


def _quote(table):
    return '"' + table.replace('"', '""') + '"'


def _program(name):
    path = shutil.which(name)
    if path is None:
        raise CommandError(
            f"找不到 {name}：请安装与服务器同一主版本的 PostgreSQL 客户端。"
            f"{name} not found: install the PostgreSQL client of the server's major version."
        )
    return path


def _pg_env(settings_dict):
    """libpq's environment for a Django database's settings (no password on the command line)."""
    env = dict(os.environ)
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
    ):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    env["PGDATABASE"] = settings_dict["NAME"]
    return env


def _run(command, env=None):
    finished = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if finished.returncode != 0:
        raise CommandError(
            f"{os.path.basename(command[0])} 失败（退出码 {finished.returncode}）。"
            f"{os.path.basename(command[0])} failed:\n{finished.stderr.strip()}"
        )
    return finished


def dump(alias, path):
    """Write the database to `path`; return its counts, taken from the very state written."""
    if vendor(alias) == "sqlite":
        return _sqlite_dump(connections[alias], path)
    return _pg_dump(alias, path)


def _sqlite_dump(connection, path):
    connection.ensure_connection()
    target = sqlite3.connect(path)
    try:
        connection.connection.backup(target)
        return count_with(target.cursor(), _quote)
    finally:
        target.close()


def _pg_dump(alias, path):
    # A connection of its own holds a REPEATABLE READ snapshot: the counts and pg_dump read the same
    # state even while editors keep publishing.
    holder = connections.create_connection(alias)
    try:
        with holder.cursor() as cursor:
            cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            counts = count_with(cursor, _quote)
            _run(
                [_program("pg_dump"), "--format=custom", f"--snapshot={snapshot}", f"--file={path}"],
                env=_pg_env(holder.settings_dict),
            )
            cursor.execute("COMMIT")
        return counts
    finally:
        holder.close()


def restore(alias, path):
    """Replace the database's content with the copy at `path`; return the counts found after."""
    connection = connections[alias]
    connection.close()
    if vendor(alias) == "sqlite":
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        target = sqlite3.connect(connection.settings_dict["NAME"])
        try:
            source.backup(target)
        finally:
            source.close()
            target.close()
    else:
        # --clean --if-exists: what the dump holds replaces what is there (a restore with --force);
        # one transaction: a failure leaves the database as it was.
        _run(
            [
                _program("pg_restore"),
                "--single-transaction",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                f"--dbname={connection.settings_dict['NAME']}",
                str(path),
            ],
            env=_pg_env(connection.settings_dict),
        )
    connection.close()
    return count(connections[alias])
