"""Peak memory of a build and every process it starts, measured together.

A Bitácora build may run a second process (the related lists' worker) beside MkDocs. Each
process's own peak (`ru_maxrss`) is exact, but adding the two overstates the build: the
worker finishes while MkDocs is still converting pages, long before MkDocs reaches its own
peak. `ProcessTreeMemory` samples the resident memory of the build and its descendants
together every few milliseconds (Linux `/proc`), so the benchmark can report what the
machine really had to hold at once; both builds, Bitácora's and stock Material's, are
measured the same way (sampling also catches peaks the kernel's `ru_maxrss` misses).

A forked child that runs its parent's program (Bitácora's background check, or a child
between fork and exec, as when GitPython starts `git`) shares its parent's pages until one
of them writes to a page: its resident size would count the parent twice. Such a child
counts only its private pages (`Private_*` in `/proc/<pid>/smaps_rollup`), the memory it
adds. Where `/proc` is missing it reports nothing and the benchmark falls back to the sum
of the peaks.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from pathlib import Path

__all__ = ["ProcessTreeMemory", "run_measured"]

_PROC = Path("/proc")
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
SAMPLE_SECONDS = 0.005


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        tasks = list((_PROC / str(pid) / "task").glob("*/children"))
    except OSError:
        return found  # the process ended between being listed and being looked into
    for task in tasks:
        try:
            found.extend(int(child) for child in task.read_text().split())
        except (OSError, ValueError):
            continue  # the task ended between listing and reading
    return found


def _command_line(pid: int) -> bytes:
    try:
        return (_PROC / str(pid) / "cmdline").read_bytes()
    except OSError:
        return b""


def _private_bytes(pid: int) -> int:
    """Pages mapped by this process alone: what a forked child adds to its parent's."""
    try:
        text = (_PROC / str(pid) / "smaps_rollup").read_text()
    except OSError:
        return 0  # ended between listing and reading, or a kernel without smaps_rollup
    return sum(
        int(line.split()[1]) * 1024 for line in text.splitlines() if line.startswith("Private_")
    )


def _resident_bytes(pid: int) -> int:
    try:
        return int((_PROC / str(pid) / "statm").read_text().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return 0  # the process ended between listing and reading


class ProcessTreeMemory:
    """The largest resident memory a process and its descendants held at the same moment."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_bytes = 0
        self.available = (_PROC / str(pid) / "statm").is_file()

    def sample(self) -> None:
        if not self.available:
            return
        pending, total = [(self.pid, b"")], 0
        while pending:
            pid, parent_command = pending.pop()
            command = _command_line(pid)
            forked = command == parent_command  # shares its parent's pages (see above)
            total += _private_bytes(pid) if forked else _resident_bytes(pid)
            pending.extend((child, command) for child in _children(pid))
        self.peak_bytes = max(self.peak_bytes, total)

    @property
    def peak_mib(self) -> float:
        return self.peak_bytes / 2**20


def run_measured(command: list[str]) -> tuple[subprocess.CompletedProcess[str], float]:
    """Run `command`, sampling its process tree; returns its outcome and the peak MiB (0.0
    where it cannot be sampled)."""
    process = subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    memory = ProcessTreeMemory(process.pid)
    outputs: list[tuple[str, str]] = []
    # Read the pipes in a thread: a build that logs a lot must not block on a full pipe.
    reader = threading.Thread(target=lambda: outputs.append(process.communicate()))
    reader.start()
    while process.poll() is None:
        memory.sample()
        time.sleep(SAMPLE_SECONDS)
    reader.join()
    stdout, stderr = outputs[0]
    result = subprocess.CompletedProcess(command, process.returncode, stdout, stderr)
    return result, memory.peak_mib
