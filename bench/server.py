"""The hosted sync server: no-op pulls per second that ONE server process on PostgreSQL answers.

50 stations at once, each on its own keep-alive connection, ask for what came after their checkpoint
and get nothing back (the most common request of a service at rest); the baseline is the same load
on the health endpoint of the same process (no authentication, no database), measured in the same
run. Two loads: a closed loop (each client sends its next request as soon as it has the answer: the
most the process answers, server.noop_rps, and the latency at that saturation, server.noop_p99), and
an open one (server.noop_p99_at_500: 500 requests a second on a fixed schedule, as 30,000 stations
syncing each minute arrive, each latency counted from the request's scheduled time). The clients are
a small asyncio HTTP/1.1 loop in this process; the server is a real `vigie-server serve` subprocess.
PostgreSQL comes from VIGIE_BENCH_POSTGRES_URL (or VIGIE_TEST_POSTGRES_URL, as .ci/run sets it);
without one the figures are not available.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from bench._core import Goal, NotAvailable, Outcome, Run, figure

CLIENTS = 50
GOAL_RPS = 500
GOAL_P99_MS = 50
RATE = 500  # requests per second of the open loop, all its connections together


@dataclass(frozen=True)
class Load:
    rps: float
    p99_ms: float
    cpu_us: float | None = None  # the server process's CPU time per request (Linux), steadier than rps
    p50_ms: float | None = None


def _cpu_seconds(pid: int) -> float | None:
    """utime + stime of a process, from /proc (None where there is none)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _measured(host: str, port: int, request: bytes, seconds: float, pid: int, scheduled: bool = False) -> Load:
    before = _cpu_seconds(pid)
    load = asyncio.run((_scheduled_load if scheduled else _load)(host, port, request, seconds))
    after = _cpu_seconds(pid)
    if before is None or after is None or not load.rps:
        return load
    return Load(load.rps, load.p99_ms, (after - before) / (load.rps * seconds) * 1e6, load.p50_ms)


def _postgres_url() -> str:
    url = os.environ.get("VIGIE_BENCH_POSTGRES_URL") or os.environ.get("VIGIE_TEST_POSTGRES_URL")
    if not url:
        raise NotAvailable("needs PostgreSQL: set VIGIE_BENCH_POSTGRES_URL")
    return url


async def _answer(reader: asyncio.StreamReader) -> None:
    """Read one answer (head, then its Content-Length of body); a status other than 200 fails the figure."""
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":", 1)[1])
    await reader.readexactly(length)
    if status != 200:
        raise RuntimeError(f"the server answered {status}")


async def _client(host: str, port: int, request: bytes, stop_at: float, latencies: list[float]) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while time.perf_counter() < stop_at:
            start = time.perf_counter()
            writer.write(request)
            await _answer(reader)
            latencies.append(time.perf_counter() - start)
    finally:
        writer.close()


async def _scheduled_client(host: str, port: int, request: bytes, due: float, stop_at: float,
                            latencies: list[float]) -> None:
    """One connection of the open loop: a request every CLIENTS / RATE seconds from *due* on, each
    latency counted from the time it was due, not from when it went (a request held back behind a
    slow answer counts the wait), so that a server slower than the schedule is not hidden."""
    interval = CLIENTS / RATE
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while due < stop_at:
            wait = due - time.perf_counter()
            if wait > 0:
                await asyncio.sleep(wait)
            writer.write(request)
            await _answer(reader)
            latencies.append(time.perf_counter() - due)
            due += interval
    finally:
        writer.close()


async def _scheduled_load(host: str, port: int, request: bytes, seconds: float) -> Load:
    """RATE requests a second over CLIENTS connections, their schedules spread evenly (open loop)."""
    latencies: list[float] = []
    started = time.perf_counter() + 0.1  # every connection open before the first is due
    stop_at = started + seconds
    await asyncio.gather(*(_scheduled_client(host, port, request, started + n / RATE, stop_at, latencies)
                           for n in range(CLIENTS)))
    elapsed = time.perf_counter() - started
    cuts = statistics.quantiles(latencies, n=100)
    return Load(len(latencies) / elapsed, cuts[98] * 1000, p50_ms=cuts[49] * 1000)


async def _load(host: str, port: int, request: bytes, seconds: float) -> Load:
    latencies: list[float] = []
    stop_at = time.perf_counter() + seconds
    started = time.perf_counter()
    await asyncio.gather(*(_client(host, port, request, stop_at, latencies) for _ in range(CLIENTS)))
    elapsed = time.perf_counter() - started
    return Load(len(latencies) / elapsed, statistics.quantiles(latencies, n=100)[98] * 1000)


def _request(path: str, host: str, token: str | None) -> bytes:
    auth = f"Authorization: Bearer {token}\r\n" if token else ""
    return f"GET {path} HTTP/1.1\r\nHost: {host}\r\n{auth}\r\n".encode()


def _measure_server(run: Run) -> dict[str, Load]:
    from app.server import accounts, db
    from app.server.settings import utc_now
    from tests.server.processes import ServerProcess

    url = _postgres_url()
    engine = db.make_engine(url, pool_size=1)
    db.upgrade(engine)
    with db.sessions(engine)() as session:
        tenant, _token = accounts.add_tenant(session, "Bench", utc_now())
        device, token = accounts.new_device(session, tenant.id, "bench", utc_now())
        session.commit()
    engine.dispose()
    server = ServerProcess(url).start()
    try:
        host = "127.0.0.1"
        pull = _request("/v1/pull?after=0", host, token)
        health = _request("/v1/health", host, None)
        seconds = 3.0 if run.quick else 10.0
        asyncio.run(_load(host, server.port, pull, 1.0))  # warm up the pool and the caches
        loads: dict[str, list[Load]] = {"pull": [], "health": [], "pull_at_rate": [], "health_at_rate": []}
        for round_ in range(2 if run.quick else 3):  # alternating, so that a burst of load falls on both
            for name, request in (("pull", pull), ("health", health))[:: 1 if round_ % 2 == 0 else -1]:
                assert server.process is not None
                loads[name].append(_measured(host, server.port, request, seconds, server.process.pid))
                loads[name + "_at_rate"].append(
                    _measured(host, server.port, request, seconds, server.process.pid, scheduled=True))
        return {name: _median(kept) for name, kept in loads.items()}
    finally:
        server.stop()


def _median(loads: list[Load]) -> Load:
    p50 = [load.p50_ms for load in loads if load.p50_ms is not None]
    return Load(statistics.median(x.rps for x in loads), statistics.median(x.p99_ms for x in loads),
                _median_cpu(loads), statistics.median(p50) if p50 else None)


def _median_cpu(loads: list[Load]) -> float | None:
    cpu = [load.cpu_us for load in loads if load.cpu_us is not None]
    return statistics.median(cpu) if cpu else None


def _cpu_note(loads: dict[str, Load]) -> str:
    return _cpu_note_of(loads["pull"], loads["health"])


@figure("server.noop_rps", unit="req/s",
        goal=Goal(f"at least {GOAL_RPS} req/s", lambda o: o.value is not None and o.value >= GOAL_RPS))
def noop_rps(run: Run) -> Outcome:
    loads = run.shared("server.loads", _measure_server)
    return Outcome(loads["pull"].rps, loads["health"].rps,
                   note=f"one server process on PostgreSQL, {CLIENTS} concurrent clients; "
                        f"baseline: the health endpoint of the same process{_cpu_note(loads)}")


@figure("server.noop_p99", unit="ms",
        goal=Goal(f"under {GOAL_P99_MS} ms", lambda o: o.value is not None and o.value < GOAL_P99_MS))
def noop_p99(run: Run) -> Outcome:
    loads = run.shared("server.loads", _measure_server)
    return Outcome(loads["pull"].p99_ms, loads["health"].p99_ms,
                   note="99th percentile of a no-op pull's latency; baseline: the health endpoint's")


@figure("server.noop_p99_at_500", unit="ms",
        goal=Goal(f"under {GOAL_P99_MS} ms", lambda o: o.value is not None and o.value < GOAL_P99_MS))
def noop_p99_at_500(run: Run) -> Outcome:
    loads = run.shared("server.loads", _measure_server)
    pull, health = loads["pull_at_rate"], loads["health_at_rate"]
    return Outcome(pull.p99_ms, health.p99_ms,
                   note=f"99th percentile of a no-op pull's latency when {RATE} arrive each second on a fixed "
                        f"schedule over {CLIENTS} connections (30,000 stations syncing each minute), counted from "
                        f"each request's scheduled time; p50 {pull.p50_ms:.1f} ms, {pull.rps:.0f} answered/s; "
                        f"baseline: the health endpoint's (p50 {health.p50_ms:.1f} ms){_cpu_note_of(pull, health)}")


def _cpu_note_of(pull: Load, health: Load) -> str:
    if pull.cpu_us is None or health.cpu_us is None:
        return ""
    return f"; server CPU per request {pull.cpu_us:.0f} us (health {health.cpu_us:.0f} us)"
