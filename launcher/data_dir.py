"""The data folder of `qingling up`: one owner at a time, a secret kept across restarts."""

from __future__ import annotations

import fcntl
import os
import secrets
from pathlib import Path
from typing import IO


class DataDirInUse(RuntimeError):
    """Another `qingling up` holds this data folder."""


class DataDir:
    """Layout: postgres/, temporal/, logs/, files/, secret-key, qingling.lock."""

    def __init__(self, root: Path):
        self.root = root.resolve()
        self._lock_file: IO[str] | None = None

    @property
    def postgres(self) -> Path:
        return self.root / "postgres"

    @property
    def temporal(self) -> Path:
        return self.root / "temporal"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def files(self) -> Path:
        return self.root / "files"

    def acquire(self) -> None:
        """Take the folder, or raise DataDirInUse naming the process that has it.

        flock is released by the kernel when the holder dies, even by SIGKILL, so a
        crash never leaves the folder locked.
        """
        self.root.mkdir(parents=True, exist_ok=True)
        lock = (self.root / "qingling.lock").open("a+", encoding="utf-8")
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.seek(0)
            holder = lock.read().strip() or "未知"
            lock.close()
            raise DataDirInUse(
                f"数据目录 {self.root} 正被另一个 qingling up（进程 {holder}）使用；"
                "请先停止它，或用 --data-dir 指定其他目录"
            ) from None
        lock.seek(0)
        lock.truncate()
        lock.write(str(os.getpid()))
        lock.flush()
        self._lock_file = lock

    def release(self) -> None:
        if self._lock_file is not None:
            self._lock_file.close()
            self._lock_file = None

    def secret_key(self) -> str:
        """The token-signing key of this installation, made once, so logins survive restarts."""
        path = self.root / "secret-key"
        if not path.exists():
            path.write_text(secrets.token_urlsafe(48), encoding="utf-8")
            path.chmod(0o600)
        return path.read_text(encoding="utf-8").strip()
