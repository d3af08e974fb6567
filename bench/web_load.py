"""The web app under load: 50 concurrent clients on loopback, p50/p95/p99 per page.

`followup serve` runs in a child process on 127.0.0.1 (a free port) against a database of
synthetic opportunities; a bare asyncio HTTP/1.1 client keeps `clients` requests in flight, each
client asking for the same page again as soon as its answer arrives (closed loop), for
`requests` requests per client or `seconds`, whichever ends first. Only loopback is ever
contacted, and every loop is bounded in count and time.

    python bench/run.py --web-only --web 200 --web-requests 10    # a quick look
"""

from __future__ import annotations

import asyncio
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

PAGES = {"Today": "/", "Pipeline": "/pipeline", "Opportunity": "/o/{slug}"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def group_cpu(pgid: int) -> float:
    """CPU seconds (user + system) of every live process in process group `pgid`: the
    server and its workers, never the load generator (which runs outside that group)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:  # pgrp; utime and stime follow at 11 and 12
            total += int(fields[11]) + int(fields[12])
    return total / ticks


def quantile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def _get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
               request: bytes) -> tuple[int, int, bytes]:
    """One GET on a kept-alive connection: (status, body bytes, the head)."""
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    length = -1
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    if length < 0:
        raise SystemExit(f"no content-length in {head[:200]!r}")
    body = await reader.readexactly(length)
    return int(head[9:12]), len(body), head


async def _hammer(base: str, path: str, clients: int, requests: int,
                  seconds: float, pgid: int = 0) -> dict[str, Any]:
    """`clients` connections, each asking for `path` again as soon as its answer is in.

    A bare HTTP/1.1 client on asyncio streams (keep-alive, Content-Length bodies): httpx
    spent about 3.8 ms of CPU a request here, three times the server's, on the same two
    cores, so its figures were the client's as much as the server's (issue 24)."""
    host, port = base.removeprefix("http://").rsplit(":", 1)

    def request(cookie: bytes) -> bytes:
        return (f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\n".encode()
                + (b"Cookie: " + cookie + b"\r\n" if cookie else b"") + b"\r\n")

    reader, writer = await asyncio.open_connection(host, int(port))
    status, _, head = await _get(reader, writer, request(b""))  # plans every case once
    writer.close()
    if status != 200:
        raise SystemExit(f"{path}: HTTP {status}")
    cookie = b""
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"set-cookie:"):
            cookie = line.split(b":", 1)[1].split(b";")[0].strip()
    ask = request(cookie)  # the browser's cookie from then on, as a browser sends it
    latencies: list[float] = []
    sizes: list[int] = []
    errors = 0
    deadline = time.perf_counter() + seconds

    async def client() -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection(host, int(port))
        try:
            await _get(reader, writer, ask)  # untimed: each worker process renders once
            warm.append(1)
            if len(warm) == clients:
                all_warm.set()
            await ready.wait()
            for _ in range(requests):
                if time.perf_counter() > deadline:
                    return
                start = time.perf_counter()
                status, size, _ = await _get(reader, writer, ask)
                latencies.append(time.perf_counter() - start)
                sizes.append(size)
                errors += status != 200
        finally:
            writer.close()

    ready, all_warm, warm = asyncio.Event(), asyncio.Event(), []
    tasks = [asyncio.ensure_future(client()) for _ in range(clients)]
    await asyncio.wait_for(all_warm.wait(), seconds)  # every client connected, had an answer
    began, cpu, client_cpu = time.perf_counter(), group_cpu(pgid), time.process_time()
    ready.set()
    await asyncio.gather(*tasks)
    wall = time.perf_counter() - began
    cpu, client_cpu = group_cpu(pgid) - cpu, time.process_time() - client_cpu
    return {"n": len(latencies), "errors": errors, "rps": len(latencies) / wall,
            "p50": quantile(latencies, 0.50), "p95": quantile(latencies, 0.95),
            "p99": quantile(latencies, 0.99), "mean": statistics.fmean(latencies),
            "kb": statistics.fmean(sizes) / 1024, "first": 0.0,
            "server_cpu_ms": cpu / max(len(latencies), 1) * 1000,
            "client_cpu_ms": client_cpu / max(len(latencies), 1) * 1000}


def run(db: str, today: str, clients: int = 50, requests: int = 40,
        seconds: float = 60.0, home: str | None = None,
        workers: int = 1) -> dict[str, Any]:
    """Serve `db` and load each page in turn; the server is stopped however this ends."""
    from followup.store import Store

    store = Store.open(db)
    slug = store.load_cases()[len(store.load_cases()) // 2].opportunity.id
    store.close()
    port = free_port()
    env = {**os.environ, "FOLLOWUP_DB": db, "TZ": "UTC"}
    if home:
        env["FOLLOWUP_HOME"] = home
    followup = str(Path(sys.executable).parent / "followup")
    # The server in a process group of its own: its CPU (workers included) is counted apart
    # from the load generator's, which runs here.
    server = subprocess.Popen([followup, "serve", "--port", str(port), "--today", today,
                               "--workers", str(workers)], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_up(port, server)
        results: dict[str, Any] = {"clients": clients, "requests": requests,
                                   "workers": workers}
        for name, path in PAGES.items():
            results[name] = asyncio.run(_hammer(base, path.format(slug=slug), clients,
                                                requests, seconds, server.pid))
        return results
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()


def _wait_up(port: int, server: subprocess.Popen[bytes], limit: float = 30.0) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if server.poll() is not None:
            err = server.stderr.read().decode() if server.stderr else ""
            raise SystemExit(f"followup serve exited: {err[-400:]}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise SystemExit("followup serve did not start in time")


def report(r: dict[str, Any], opportunities: int) -> str:
    lines = [
        f"### `followup serve --workers {r.get('workers', 1)}`",
        "",
        f"- {r['clients']} concurrent clients on loopback, closed loop, up to "
        f"{r['requests']} requests each per page (`bench/web_load.py`); goal: p95 under 50 ms",
        "",
        "| page | requests | p50 | p95 | p99 | requests/s | page size | errors "
        "| server CPU a request | load generator CPU a request | goal |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for name in PAGES:
        x = r[name]
        lines.append(f"| {name} | {x['n']} | {x['p50'] * 1000:.1f} ms | "
                     f"{x['p95'] * 1000:.1f} ms | {x['p99'] * 1000:.1f} ms | {x['rps']:.0f} | "
                     f"{x['kb']:.0f} KB | {x['errors']} | {x['server_cpu_ms']:.2f} ms | "
                     f"{x['client_cpu_ms']:.2f} ms | p95 < 50 ms: "
                     f"{'met' if x['p95'] < 0.050 else '**not met**'} |")
    return "\n".join(lines) + "\n"
