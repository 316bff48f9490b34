"""Progress display on stderr: which round, benchmark and engine is running, and time elapsed.

On a terminal the running step is shown on a line that is rewritten; every
finished run is also printed on its own line (so logs show them too).
"""

import sys
import time


def clock(seconds):
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}" if seconds >= 3600 else f"{seconds // 60}:{seconds % 60:02d}"


class Progress:
    """Counts runs out of a planned total; start() before a run, done() after."""

    def __init__(self, total, stream=None):
        self.total = total
        self.count = 0
        self.stream = stream or sys.stderr
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.t0 = time.perf_counter()

    def prefix(self):
        return f"[{self.count}/{self.total} {clock(time.perf_counter() - self.t0)}]"

    def start(self, what):
        self.count += 1
        if self.tty:
            self.stream.write(f"\r\033[K{self.prefix()} {what} ...")
            self.stream.flush()

    def skip(self):
        """Count a planned run that is not made (its engine failed on that benchmark before)."""
        self.count += 1

    def done(self, what, outcome):
        if self.tty:
            self.stream.write("\r\033[K")
        self.stream.write(f"{self.prefix()} {what}: {outcome}\n")
        self.stream.flush()

    def note(self, message):
        if self.tty:
            self.stream.write("\r\033[K")
        self.stream.write(f"{message}\n")
        self.stream.flush()
