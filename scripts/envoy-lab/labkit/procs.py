"""Every process the lab starts, and the guarantee that it is stopped (also on failure)."""
import atexit
import os
import signal
import subprocess
import time

_started = []


def start(argv, log_path):
    """Starts argv in its own process group, stdout+stderr to log_path; returns the Popen."""
    log = open(log_path, "wb")
    proc = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                            start_new_session=True)
    log.close()
    _started.append(proc)
    return proc


def stop(proc, grace=5.0):
    """SIGTERM to the process group, SIGKILL after `grace` seconds."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait(timeout=grace)
    if proc in _started:
        _started.remove(proc)


def stop_all():
    for proc in list(reversed(_started)):
        stop(proc)


def _on_signal(signum, _frame):
    stop_all()
    raise SystemExit(128 + signum)


atexit.register(stop_all)
signal.signal(signal.SIGTERM, _on_signal)
signal.signal(signal.SIGHUP, _on_signal)


def wait_until(predicate, timeout, what):
    """Polls predicate every 50 ms; raises TimeoutError naming `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise TimeoutError(f"timed out after {timeout}s waiting for {what}")
