"""The production stack on loopback, started for a test: one PostgreSQL database (made and migrated
here), one Redis database, N gunicorn app servers (deploy/gunicorn.conf.py) and nginx with
deploy/nginx.conf in front of them, run as a non-root process under a temporary prefix.
Also used by bench/load.py."""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import psycopg
import redis

ROOT = Path(__file__).resolve().parents[2]
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
PG = os.environ.get("PORTAL_PRODUCTION_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
REDIS = os.environ.get("PORTAL_PRODUCTION_REDIS", "redis://127.0.0.1:6379/2")
HOST = "localhost"  # the test site's host name (tests.factories.make_site)

sys.path.insert(0, str(ROOT / "deploy"))
from render_nginx import render  # noqa: E402


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port, process=None, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"process exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on {port} after {timeout} s")


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def get(port, path, cookies=None, host=HOST):
    """(status, headers, body) of a GET to 127.0.0.1:port with Host: host; redirects not followed."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Host": host})
    if cookies:
        request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in cookies.items()))
    try:
        with _opener.open(request, timeout=30) as response:
            return response.status, response.headers, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode("utf-8", "replace")


class Stack:
    def __init__(self, name="h2prod", app_servers=2, workers=2, env=None, nginx=True, redis_url=REDIS):
        self.name = name
        self.redis_url = redis_url
        self.dir = Path(tempfile.mkdtemp(prefix=f"portal-{name}-"))
        self.dir.chmod(0o755)
        self.database = f"portal_{name}"
        self.database_url = PG.rsplit("/", 1)[0] + "/" + self.database
        self.token = os.urandom(16).hex()
        self.app_ports = [free_port() for _ in range(app_servers)]
        self.workers = workers
        self.extra_env = env or {}
        self.with_nginx = nginx
        self.public_port = free_port()
        self.purge_port = free_port()
        self.processes = []
        self.seed = {}
        self.static_root = self.dir / "static"
        self.static_root.mkdir()

    # -- environment ---------------------------------------------------------------------------

    def env(self, **extra):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.production.settings",
            "SECRET_KEY": "two-server-test-" + self.token,
            "DATABASE_URL": self.database_url,
            "ALLOWED_HOSTS": f"{HOST},127.0.0.1",
            "REDIS_URL": self.redis_url,
            "SECURE_SSL_REDIRECT": "0",
            "STATIC_ROOT": str(self.static_root),
            "MEDIA_ROOT": str(self.dir / "uploads"),
            "PORTAL_VAR_DIR": str(self.dir / "var"),
            "PORTAL_TEST_CHANGE_TOKEN": self.token,
            "PORTAL_API_RATE": "",
            # Jobs (the front-cache purge among them) in the database, run by the task worker.
            "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(ROOT),
        }
        if self.with_nginx:
            env["FRONTEND_CACHE_PURGE_URL"] = f"http://127.0.0.1:{self.purge_port}"
        env.update(self.extra_env)
        env.update(extra)
        return env

    def manage(self, *args, **extra):
        return subprocess.run(
            [str(PYTHON), "manage.py", *args],
            cwd=ROOT,
            env=self.env(**extra),
            check=True,
            capture_output=True,
            text=True,
        )

    # -- database and Redis --------------------------------------------------------------------

    def create_database(self, seed=True):
        with psycopg.connect(PG, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{self.database}"')
        self.manage("migrate", "--no-input")
        if seed:
            out = self.manage("shell", "-c", "from tests.production import seed; seed.run()").stdout
            self.seed = json.loads(out.split("SEED ", 1)[1].strip().splitlines()[0])

    def drop_database(self):
        with psycopg.connect(PG, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')

    def flush_redis(self):
        redis.Redis.from_url(self.redis_url).flushdb()

    # -- processes -----------------------------------------------------------------------------

    def _spawn(self, args, env, name):
        log = open(self.dir / f"{name}.log", "w")  # noqa: SIM115
        process = subprocess.Popen(args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        process.log_path = self.dir / f"{name}.log"
        self.processes.append(process)
        return process

    def start_app_servers(self):
        for n, port in enumerate(self.app_ports):
            env = self.env(PORTAL_BIND=f"127.0.0.1:{port}", WEB_CONCURRENCY=str(self.workers))
            process = self._spawn([str(GUNICORN), "-c", "deploy/gunicorn.conf.py"], env, f"app{n}")
            wait_for(port, process)

    def nginx_config(self):
        prefix = self.dir / "nginx"
        for sub in ("", "cache", "client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (prefix / sub).mkdir(exist_ok=True)
        (prefix / "app-servers.conf").write_text("".join(f"server 127.0.0.1:{p};\n" for p in self.app_ports))
        (prefix / "purge-allow.conf").write_text("allow 127.0.0.1;\n")
        values = {
            "PREFIX": prefix,
            "PUBLIC_LISTEN": f"127.0.0.1:{self.public_port}",
            "PURGE_LISTEN": f"127.0.0.1:{self.purge_port}",
            "APP_SERVERS": prefix / "app-servers.conf",
            "PURGE_ALLOW": prefix / "purge-allow.conf",
            "CACHE_DIR": prefix / "cache",
            "STATIC_ROOT": self.static_root,
            "MEDIA_ROOT": self.dir / "uploads",
            "WORKERS": 1,
        }
        conf = prefix / "nginx.conf"
        conf.write_text(render(values))
        return prefix, conf

    def start_nginx(self):
        prefix, conf = self.nginx_config()
        args = [NGINX, "-p", str(prefix), "-c", str(conf), "-e", "stderr", "-g", "daemon off;"]
        preexec = None
        if os.geteuid() == 0:  # never run the test's nginx as root: drop to nobody
            for path in [self.dir, *self.dir.rglob("*")]:
                os.chown(path, 65534, 65534)

            def preexec():
                os.setgid(65534)
                os.setuid(65534)

        log = open(self.dir / "nginx.log", "a")  # noqa: SIM115
        process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, preexec_fn=preexec)
        process.log_path = self.dir / "nginx.log"
        self.processes.append(process)
        self.nginx_process = process
        wait_for(self.public_port, process)
        wait_for(self.purge_port, process)
        return process

    def stop_nginx(self):
        """nginx down (the purge endpoint with it); its cache stays on disk, as after a crash."""
        self.nginx_process.send_signal(signal.SIGTERM)
        self.nginx_process.wait(20)
        self.processes.remove(self.nginx_process)

    def start_task_worker(self):
        self._spawn([str(PYTHON), "manage.py", "db_worker", "--interval", "0.1"], self.env(), "worker")

    def start(self, seed=True):
        self.flush_redis()
        self.create_database(seed=seed)
        self.start_app_servers()
        self.start_task_worker()
        if self.with_nginx:
            self.start_nginx()
        return self

    def stop(self):
        for process in reversed(self.processes):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()
        self.processes = []

    def logs(self):
        return "\n".join(
            f"--- {p.log_path.name}\n{p.log_path.read_text()[-3000:]}"
            for p in self.processes
            if hasattr(p, "log_path")
        )

    def cleanup(self):
        self.stop()
        self.drop_database()
        self.flush_redis()
        shutil.rmtree(self.dir, ignore_errors=True)

    def pending_purges(self):
        with psycopg.connect(self.database_url, autocommit=True) as connection:
            return connection.execute("SELECT count(*) FROM caching_pendingpurge").fetchone()[0]

    def failed_purges(self):
        with psycopg.connect(self.database_url, autocommit=True) as connection:
            return connection.execute(
                "SELECT count(*) FROM caching_pendingpurge WHERE attempts > 0"
            ).fetchone()[0]

    def wait_purged(self, timeout=60):
        """Wait until the task worker has sent every recorded purge; the seconds it took."""
        started = time.monotonic()
        while self.pending_purges():
            if time.monotonic() - started > timeout:
                raise AssertionError(f"purges still pending after {timeout} s\n{self.logs()}")
            time.sleep(0.05)
        return time.monotonic() - started

    # -- an editor's change, made inside one app server -----------------------------------------

    def change(self, port, action, work, **fields):
        data = urllib.parse.urlencode({"action": action, "work": work, **fields}).encode()
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/_test/change/",
            data=data,
            headers={"Host": HOST, "X-Test-Token": self.token},
        )
        with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310
            assert response.status == 200, response.status
