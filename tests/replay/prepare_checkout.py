"""Make an older checkout capture histories the way this one does (tests/replay/README.md).

    git worktree add /tmp/before <commit>
    .venv/bin/python -m tests.replay.prepare_checkout /tmp/before
    cd /tmp/before && QINGLING_CAPTURE_HISTORIES=/tmp/h /work/<this>/.venv/bin/pytest tests/...

Copies capture.py into <checkout>/tests/replay/ and gives its tests/conftest.py the same two
hooks this one has: `time_skipping_env` captures before the test server stops, `quiet_temporal`
after it has terminated the test's runs. The checkout's own modules are imported, not this
tree's (pytest puts the checkout's root first on sys.path, ahead of the editable install): each
line of index.jsonl says where `workflows` came from, so check it names the checkout.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

EDITS = (
    (
        "from migrations.runner import upgrade\n",
        "from migrations.runner import upgrade\n"
        "from tests.replay.capture import capture_histories, capture_start\n",
    ),
    (
        "async def time_skipping_env() -> AsyncIterator[WorkflowEnvironment]:",
        "async def time_skipping_env(request: pytest.FixtureRequest)"
        " -> AsyncIterator[WorkflowEnvironment]:",
    ),
    (
        "    yield env\n    await env.shutdown()\n",
        "    yield env\n"
        "    try:\n"
        "        await capture_histories(env.client, request.node)\n"
        "    finally:\n"
        "        await env.shutdown()\n",
    ),
    (
        "async def quiet_temporal(dev_client: Client) -> AsyncIterator[None]:\n"
        "    await terminate_running(dev_client)\n"
        "    yield\n"
        "    await terminate_running(dev_client)\n",
        "async def quiet_temporal(dev_client: Client, request: pytest.FixtureRequest)"
        " -> AsyncIterator[None]:\n"
        "    await terminate_running(dev_client)\n"
        "    began = capture_start()\n"
        "    yield\n"
        "    await terminate_running(dev_client)\n"
        "    await capture_histories(dev_client, request.node, since=began)\n",
    ),
)


def prepare(checkout: Path) -> None:
    target = checkout / "tests" / "replay"
    target.mkdir(parents=True, exist_ok=True)
    (target / "__init__.py").touch()
    shutil.copyfile(HERE / "capture.py", target / "capture.py")
    conftest = checkout / "tests" / "conftest.py"
    text = conftest.read_text(encoding="utf-8")
    if "capture_histories" in text:
        return
    for old, new in EDITS:
        if old not in text:
            first = old.splitlines()[0].strip()
            raise SystemExit(f"{conftest}: no {first!r}; add the hook by hand")
        text = text.replace(old, new, 1)
    conftest.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: python -m tests.replay.prepare_checkout <checkout>")
    prepare(Path(sys.argv[1]))
