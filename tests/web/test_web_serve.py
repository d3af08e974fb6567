"""`followup serve` as a user starts it: a real process, a real port, a real HTTP request."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path


def free_port(host: str) -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def get(url: str, host: str | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=5) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def start(tmp_path: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "FOLLOWUP_DB": str(tmp_path / "serve.db")}
    return subprocess.Popen([sys.executable, "-m", "followup", "serve", *args],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for(url: str, proc: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"serve exited: {proc.communicate()}")
        try:
            get(url)
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("serve did not answer")


def test_serve_binds_loopback_and_answers(tmp_path: Path) -> None:
    port = free_port("127.0.0.1")
    proc = start(tmp_path, "--port", str(port), "--today", "2026-03-03")
    try:
        wait_for(f"http://127.0.0.1:{port}/", proc)
        status, body = get(f"http://127.0.0.1:{port}/")
        assert status == 200 and "Today is Tue 3 Mar" in body
        status, _ = get(f"http://127.0.0.1:{port}/", host="attacker.example")
        assert status == 400
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=10)
    assert f"followup is at http://127.0.0.1:{port}/" in err
    assert "warning" not in err


def test_another_host_warns_and_is_the_only_extra_host_allowed(tmp_path: Path) -> None:
    host = "127.0.0.2"  # still loopback, so the test exposes nothing, but not the default
    port = free_port(host)
    proc = start(tmp_path, "--host", host, "--port", str(port))
    try:
        wait_for(f"http://{host}:{port}/", proc)
        assert get(f"http://{host}:{port}/")[0] == 200
        assert get(f"http://{host}:{port}/", host="evil.example")[0] == 400
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=10)
    assert f"warning: listening on {host}: anyone who can reach this machine" in err


def test_serve_help_and_bad_today(tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, "-m", "followup", "serve", "--today", "someday"],
                         env={**os.environ, "FOLLOWUP_DB": str(tmp_path / "x.db")},
                         capture_output=True, text=True, timeout=30)
    assert out.returncode == 2
    assert out.stderr.strip().splitlines()[-1].startswith("error: --today: not a date")


def test_serve_with_two_workers_answers_sees_writes_and_stops(tmp_path: Path) -> None:
    """`--workers 2` (issue 24): each worker answers with the day given, refuses a foreign
    Host, sees a write made by another process (the CLI), and SIGTERM stops them all."""
    port = free_port("127.0.0.1")
    db = str(tmp_path / "serve.db")
    env = {**os.environ, "FOLLOWUP_DB": db}
    subprocess.run([sys.executable, "-m", "followup", "add", "opportunity", "--company",
                    "Acme", "--role", "Engineer"], env=env, check=True, capture_output=True)
    proc = start(tmp_path, "--port", str(port), "--today", "2026-03-03", "--workers", "2")
    url = f"http://127.0.0.1:{port}/pipeline"
    try:
        wait_for(url, proc)
        pages = [get(url) for _ in range(8)]  # over several connections: both workers
        assert all(status == 200 and "Acme" in body for status, body in pages)
        assert get(url, host="attacker.example")[0] == 400
        subprocess.run([sys.executable, "-m", "followup", "add", "opportunity", "--company",
                        "Globex", "--role", "Analyst"], env=env, check=True,
                       capture_output=True)
        assert all("Globex" in get(url)[1] for _ in range(8))
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=20)
    assert proc.returncode is not None and "Traceback" not in err
