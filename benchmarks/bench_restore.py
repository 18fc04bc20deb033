"""Restoring a backup of the 10,000-children demo database with the real `ospod-desktop restore` (issue 14's
"Backup and restore": under 2 minutes), into a new path and over an existing database with --force.

    python benchmarks/bench_restore.py [children]

The demo database is built once (`common.demo_db`, cached in $OSPOD_BENCH_DIR); the backup is taken from it
with `ospod-desktop backup`; each restore is timed from the process start to its exit, and the restored
database then passes `verify`. The demo's accounts use the production Argon2id cost."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TARGET_SECONDS = 120


def _cli(*args: object, stdin: str) -> float:
    env = {**os.environ, "OSPOD_LANG": "en"}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "ospod_desktop", *map(str, args)], input=stdin,
                          capture_output=True, text=True, env=env, timeout=1800)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{args[0]} failed: {done.stderr.strip()}")
    return seconds


def run(children: int = 10_000) -> list[dict]:
    from benchmarks.common import PASSWORD, demo_db

    source = demo_db(children)
    name = f"restore_{children // 1000}k" if children % 1000 == 0 else f"restore_{children}"
    folder = Path(tempfile.mkdtemp(prefix="ospod-bench-restore-"))
    try:
        live = folder / "office" / "ospod.db"
        live.parent.mkdir()
        shutil.copyfile(source, live)  # a copy: the cached demo database is never changed
        shutil.copyfile(source.with_name(source.name + ".keys"), live.with_name(live.name + ".keys"))
        backup = folder / "usb" / "backup.db"
        backup.parent.mkdir()
        pw = PASSWORD + "\n"
        backup_s = _cli("backup", "--db", live, "--out", backup, "--user", "admin", "--password-stdin", stdin=pw)
        size_mb = backup.stat().st_size / 1e6
        new = folder / "new" / "restored.db"
        new.parent.mkdir()
        fresh_s = _cli("restore", "--backup", backup, "--db", new, "--user", "admin", "--password-stdin", stdin=pw)
        force_s = _cli("restore", "--backup", backup, "--db", live, "--user", "admin", "--password-stdin", "--force",
                       stdin=pw)
        verify_s = _cli("verify", "--db", live, "--user", "admin", "--password-stdin", stdin=pw)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return [
        {"name": f"{name}_new_path", "value": round(fresh_s, 2), "unit": "s", "target": f"< {TARGET_SECONDS} s",
         "ok": fresh_s < TARGET_SECONDS},
        {"name": f"{name}_force_over_existing", "value": round(force_s, 2), "unit": "s",
         "target": f"< {TARGET_SECONDS} s", "ok": force_s < TARGET_SECONDS},
        {"name": f"{name}_backup_taken", "value": round(backup_s, 2), "unit": "s", "target": ""},
        {"name": f"{name}_verify_after", "value": round(verify_s, 2), "unit": "s", "target": ""},
        {"name": f"{name}_backup_size", "value": round(size_mb, 1), "unit": "MB", "target": ""},
    ]


if __name__ == "__main__":
    for row in run(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000):
        print(row)
