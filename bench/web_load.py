"""The web app under load: 50 concurrent clients on loopback, p50/p95/p99 per page.

`followup serve` runs in a child process on 127.0.0.1 (a free port) against a database of
synthetic opportunities; an asyncio client (httpx) keeps `clients` requests in flight, each
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


def quantile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def _hammer(base: str, path: str, clients: int, requests: int,
                  seconds: float) -> dict[str, Any]:
    import httpx

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    latencies: list[float] = []
    sizes: list[int] = []
    errors = 0
    deadline = time.perf_counter() + seconds
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30.0) as http:
        warm = await http.get(path)  # a first request plans every case once
        warm.raise_for_status()

        async def client() -> None:
            nonlocal errors
            for _ in range(requests):
                if time.perf_counter() > deadline:
                    return
                start = time.perf_counter()
                r = await http.get(path)
                latencies.append(time.perf_counter() - start)
                sizes.append(len(r.content))
                errors += r.status_code != 200

        began = time.perf_counter()
        await asyncio.gather(*(client() for _ in range(clients)))
        wall = time.perf_counter() - began
    return {"n": len(latencies), "errors": errors, "rps": len(latencies) / wall,
            "p50": quantile(latencies, 0.50), "p95": quantile(latencies, 0.95),
            "p99": quantile(latencies, 0.99), "mean": statistics.fmean(latencies),
            "kb": statistics.fmean(sizes) / 1024, "first": 0.0}


def run(db: str, today: str, clients: int = 50, requests: int = 40,
        seconds: float = 60.0, home: str | None = None) -> dict[str, Any]:
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
    server = subprocess.Popen([followup, "serve", "--port", str(port), "--today", today],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_up(port, server)
        results: dict[str, Any] = {"clients": clients, "requests": requests}
        for name, path in PAGES.items():
            results[name] = asyncio.run(_hammer(base, path.format(slug=slug), clients,
                                                requests, seconds))
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
        f"## Web app under load ({opportunities:,} opportunities)",
        "",
        f"- {r['clients']} concurrent clients on loopback, closed loop, up to "
        f"{r['requests']} requests each per page (`bench/web_load.py`); goal: p95 under 50 ms",
        "",
        "| page | requests | p50 | p95 | p99 | requests/s | page size | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name in PAGES:
        x = r[name]
        lines.append(f"| {name} | {x['n']} | {x['p50'] * 1000:.1f} ms | "
                     f"{x['p95'] * 1000:.1f} ms | {x['p99'] * 1000:.1f} ms | {x['rps']:.0f} | "
                     f"{x['kb']:.0f} KB | {x['errors']} |")
    return "\n".join(lines) + "\n"
