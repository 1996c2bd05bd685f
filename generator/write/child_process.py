"""The build's child processes (MkDocs, Chromium) die with it, even killed outright."""

from __future__ import annotations

import ctypes
import signal

# Linux's prctl(2): a child asks to receive a signal when its parent dies.
_LIBC = ctypes.CDLL(None, use_errno=True)
PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """In a child, before exec (`preexec_fn`): be killed when the parent dies, were it
    killed outright (SIGKILL, the machine's out-of-memory killer) before it could stop
    the child itself. Linux counts the thread that started the child as its parent:
    start it from the thread that waits for it."""
    _LIBC.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
