"""A seccomp filter for the sandbox: the student's code may start threads but no new processes.

As root (CI, a teacher's container) RLIMIT_NPROC does not bind inside bubblewrap's user namespace
(its uid maps to root outside), so a fork bomb would only end with the check. This classic BPF
program (bwrap --seccomp FD) answers fork, vfork and clone without CLONE_THREAD with EAGAIN
(os.fork and subprocess raise BlockingIOError), clone3 with ENOSYS (glibc then creates threads with
clone), and any other architecture's system calls (x32, i386 compat) with EPERM.

    seccomp_data: nr at offset 0, arch at 4, args[0] (low 32 bits, little-endian) at 16
"""

from __future__ import annotations

import platform
import struct

LD_W_ABS, JEQ, JGE, JSET, RET = 0x20, 0x15, 0x35, 0x45, 0x06
ALLOW, ERRNO = 0x7FFF0000, 0x00050000
EPERM, EAGAIN, ENOSYS = 1, 11, 38
CLONE_THREAD = 0x00010000
X32_BIT = 0x40000000

# machine → (AUDIT_ARCH, clone, clone3, fork and vfork (absent on arm64: -1 never matches))
ARCHES = {
    "x86_64": (0xC000003E, 56, 435, 57, 58),
    "aarch64": (0xC00000B7, 220, 435, 0xFFFFFFFF, 0xFFFFFFFF),
}


def _op(code: int, jt: int, jf: int, k: int) -> bytes:
    return struct.pack("=HBBI", code, jt, jf, k)


def no_new_processes(machine: str | None = None) -> bytes | None:
    """The compiled filter for this machine (None where the architecture is not known)."""
    arch = ARCHES.get(machine or platform.machine())
    if arch is None:
        return None
    audit, clone, clone3, fork, vfork = arch
    return b"".join([
        _op(LD_W_ABS, 0, 0, 4),          # 0  A = arch
        _op(JEQ, 1, 0, audit),           # 1  native → 3
        _op(RET, 0, 0, ERRNO | EPERM),   # 2  other ABI
        _op(LD_W_ABS, 0, 0, 0),          # 3  A = nr
        _op(JGE, 6, 0, X32_BIT),         # 4  x32 → 11
        _op(JEQ, 5, 0, fork),            # 5  → 11
        _op(JEQ, 4, 0, vfork),           # 6  → 11
        _op(JEQ, 5, 0, clone3),          # 7  → 13
        _op(JEQ, 0, 3, clone),           # 8  clone → 9, else → 12
        _op(LD_W_ABS, 0, 0, 16),         # 9  A = flags
        _op(JSET, 1, 0, CLONE_THREAD),   # 10 a thread → 12
        _op(RET, 0, 0, ERRNO | EAGAIN),  # 11 a new process: refused
        _op(RET, 0, 0, ALLOW),           # 12
        _op(RET, 0, 0, ERRNO | ENOSYS),  # 13 clone3: use clone
    ])
