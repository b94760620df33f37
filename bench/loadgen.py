"""An open-loop HTTP/1.1 load generator on raw asyncio streams, for the gateway benchmark.

Why not httpx or locust: at 200 requests/s on a 2-core machine the load generator shares the
cores with the gateway and the vendor it measures. httpx spends about a millisecond of CPU per
request (and scans its pool per request), so the generator itself became the bottleneck and its
queueing showed up as "latency". This one writes a prepared request and reads one response
(Content-Length or chunked) per keep-alive connection, tens of microseconds per request. Why not
wrk: it is closed-loop (a new request only when one returns), which hides queueing delay
(coordinated omission); here requests leave on schedule whether or not earlier ones returned.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit


@dataclass
class Result:
    """Latencies (ms) of the 200 answers, their own-time header, errors and late starts."""

    latencies: list[float] = field(default_factory=list)
    own: list[float] = field(default_factory=list)
    errors: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    late_starts: int = 0


class _Conn:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    async def exchange(self, request: bytes) -> tuple[int, dict[bytes, bytes], bytes]:
        self.writer.write(request)
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        status = int(lines[0].split(b" ", 2)[1])
        headers = {}
        for line in lines[1:]:
            name, _sep, value = line.partition(b":")
            if name:
                headers[name.strip().lower()] = value.strip()
        if b"content-length" in headers:
            body = await self.reader.readexactly(int(headers[b"content-length"]))
        elif headers.get(b"transfer-encoding", b"").lower() == b"chunked":
            parts = []
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                parts.append(await self.reader.readexactly(size + 2))
                if size == 0:
                    break
            body = b"".join(p[:-2] for p in parts)
        else:
            body = await self.reader.read()
        return status, headers, body

    def close(self) -> None:
        self.writer.close()


class _Pool:
    """Kept-alive connections to one server; a new one whenever all are busy."""

    def __init__(self, url: str, key: str, timeout: float) -> None:
        parts = urlsplit(url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.prefix = (
            f"POST {parts.path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
            f"Authorization: Bearer {key}\r\nContent-Type: application/json\r\nContent-Length: "
        ).encode()
        self.timeout = timeout
        self.idle: list[_Conn] = []

    async def post(self, body: bytes) -> tuple[int, dict[bytes, bytes]]:
        request = self.prefix + str(len(body)).encode() + b"\r\n\r\n" + body
        # A kept-alive connection the server has since closed fails before any answer: retried
        # once on a new connection, as HTTP clients do.
        for reused in (bool(self.idle), False):
            if reused:
                conn = self.idle.pop()
            else:
                conn = _Conn(*await asyncio.open_connection(self.host, self.port))
            try:
                status, headers, _body = await asyncio.wait_for(
                    conn.exchange(request), self.timeout
                )
            except (ConnectionError, asyncio.IncompleteReadError) as exc:
                conn.close()
                if reused and not getattr(exc, "partial", b""):
                    continue
                raise
            except TimeoutError:
                conn.close()
                raise
            if headers.get(b"connection", b"").lower() == b"close":
                conn.close()
            else:
                self.idle.append(conn)
            return status, headers
        raise ConnectionError("no connection")  # not reached: the second try raises or returns

    def close(self) -> None:
        for conn in self.idle:
            conn.close()


async def run(
    url: str, key: str, bodies: list[bytes], rate: float, seconds: float, timeout: float = 30
) -> Result:
    """POST ``bodies`` in turn to ``url`` at ``rate`` a second for ``seconds``, open loop."""
    pool = _Pool(url, key, timeout)
    result = Result()

    async def one(body: bytes) -> None:
        started = time.perf_counter()
        try:
            status, headers = await pool.post(body)
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError):
            result.errors += 1
            return
        elapsed = (time.perf_counter() - started) * 1000
        result.statuses[status] = result.statuses.get(status, 0) + 1
        if status != 200:
            result.errors += 1
            return
        result.latencies.append(elapsed)
        if b"x-tryggki-overhead-ms" in headers:
            result.own.append(float(headers[b"x-tryggki-overhead-ms"]))

    loop = asyncio.get_running_loop()
    tasks = []
    start = loop.time()
    for i in range(int(rate * seconds)):
        delay = start + i / rate - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        elif delay < -0.005:
            result.late_starts += 1
        tasks.append(asyncio.create_task(one(bodies[i % len(bodies)])))
    await asyncio.gather(*tasks)
    pool.close()
    return result
