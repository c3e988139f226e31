"""Real server processes (`python -m app.server serve`) and a TCP proxy that cuts connections where a
fault test wants them cut. Nothing sleeps: each wait polls a condition up to a deadline."""

from __future__ import annotations

import os
import selectors
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx2

from app.server import db
from app.sync import protocol

ROOT = Path(__file__).resolve().parents[2]
START_DEADLINE = 60.0


class ServerProcess:
    def __init__(self, database_url: str, pairings_per_address: int | None = None,
                 data_dir: Path | None = None, umask: int = -1) -> None:
        """The server of *database_url*, or with *data_dir* the one of `serve --data-dir DIR` (its SQLite file);
        *umask*: the process's (-1: this one's)."""
        self.database_url = database_url
        self.umask = umask
        self.pairings = [] if pairings_per_address is None else ["--pairings-per-address", str(pairings_per_address)]
        self.data_dir = data_dir
        self.process: subprocess.Popen[str] | None = None
        self.url = ""
        self.port = 0
        self.listening = ""  # the line it printed once it listened

    def start(self, port: int = 0) -> ServerProcess:
        """The server, listening on *port* (0: one the system chooses; a killed server's, to start it again)."""
        env = {**os.environ, db.URL_ENVIRONMENT: self.database_url}  # never on the command line
        where = []
        if self.data_dir is not None:
            del env[db.URL_ENVIRONMENT]
            where = ["--data-dir", str(self.data_dir)]
        self.process = subprocess.Popen(
            [sys.executable, "-m", "app.server", "serve", "--host", "127.0.0.1", "--port", str(port), *self.pairings,
             *where],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, umask=self.umask)
        self.listening = self._first_line()
        self.url = self.listening.rsplit(" ", 1)[-1]
        self.port = int(self.url.rsplit(":", 1)[-1])
        deadline = time.monotonic() + START_DEADLINE
        while True:
            try:
                if httpx2.get(self.url + protocol.HEALTH, timeout=5).status_code == 200:
                    return self
            except httpx2.TransportError:
                if time.monotonic() > deadline:
                    raise
            assert self.process.poll() is None, self.process.stderr.read() if self.process.stderr else ""

    def _first_line(self) -> str:
        assert self.process is not None and self.process.stdout is not None
        with selectors.DefaultSelector() as selector:
            selector.register(self.process.stdout, selectors.EVENT_READ)
            if not selector.select(START_DEADLINE):
                raise TimeoutError("the server did not say where it listens")
        line = self.process.stdout.readline().strip()
        if "http://" not in line:
            err = self.process.stderr.read() if self.process.stderr else ""
            raise RuntimeError(f"server failed to start: {line} {err}")
        return line

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(30)
        self._close_pipes()

    def ended(self) -> tuple[int, str]:
        """Once the server has ended (told to by a signal): its exit status and what it wrote on standard error."""
        assert self.process is not None
        _out, err = self.process.communicate(timeout=60)
        self._close_pipes()
        return self.process.returncode, err

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(30)
        self._close_pipes()

    def _close_pipes(self) -> None:
        if self.process is not None:
            for pipe in (self.process.stdout, self.process.stderr):
                if pipe is not None:
                    pipe.close()


def command(*argv: str, umask: int = -1, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`vigie-server ARGV...` run to its end as a process of its own (with its *umask*, -1: this one's; and
    *env* added to this process's environment, such as its time zone)."""
    env = {**{name: value for name, value in os.environ.items() if name != db.URL_ENVIRONMENT}, **(env or {})}
    return subprocess.run([sys.executable, "-m", "app.server", *argv], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=START_DEADLINE, umask=umask)


class HeldRequest:
    """A POST the server has begun to serve: its application waits for the body (uvicorn answered
    "100 Continue" when it first asked for it), which goes when the test says."""

    def __init__(self, port: int, path: str, body: bytes) -> None:
        self.body = body
        self.connection = socket.create_connection(("127.0.0.1", port), timeout=START_DEADLINE)
        self.connection.sendall(f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                                f"Content-Length: {len(body)}\r\nExpect: 100-continue\r\n\r\n".encode())
        head, _ = _read_message(self.connection)
        assert head.startswith(b"HTTP/1.1 100 "), head

    def finish(self) -> int:
        """The body sent: the status of the answer."""
        self.connection.sendall(self.body)
        head, _ = _read_message(self.connection)
        return int(head.split()[1])

    def close(self) -> None:
        self.connection.close()


def wait_until_refused(port: int) -> None:
    """Until the server on *port* takes no more connections (its shutdown has begun)."""
    deadline = time.monotonic() + START_DEADLINE
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=5).close()
        except (ConnectionRefusedError, ConnectionResetError):  # reset: left in the closed listener's queue
            return
        assert time.monotonic() < deadline, f"the server on {port} still takes connections"


def _read_message(source: socket.socket, buffer: bytes = b"") -> tuple[bytes, bytes]:
    """One HTTP message's head and its body (Content-Length framed) as read from *source*."""
    while b"\r\n\r\n" not in buffer:
        data = source.recv(65536)
        if not data:
            return buffer, b""
        buffer += data
    head, _, body = buffer.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        data = source.recv(65536)
        if not data:
            break
        body += data
    return head + b"\r\n\r\n", body


class CutProxy:
    """Forwards one request per connection to the server; a queued fault cuts one exchange:
    "drop_answer" forwards the request and drops the server's answer; "kill_mid_body" forwards half
    the body and then calls on_kill; "kill_after_request" forwards it whole, then calls on_kill."""

    def __init__(self, target_port: int, on_kill: Callable[[], None] = lambda: None) -> None:
        self.target_port = target_port
        self.on_kill = on_kill
        self.faults: list[str] = []
        self.cut = threading.Event()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            with client:
                self._exchange(client)

    def _exchange(self, client: socket.socket) -> None:
        head, body = _read_message(client)
        if not head:
            return
        fault = self.fault_for(head)
        head = head.replace(b"\r\nConnection: keep-alive", b"").replace(
            b"\r\n\r\n", b"\r\nConnection: close\r\n\r\n", 1)
        with socket.create_connection(("127.0.0.1", self.target_port)) as upstream:
            if fault == "kill_mid_body":
                upstream.sendall(head + body[:len(body) // 2])
                self.on_kill()
                self.cut.set()
                return
            upstream.sendall(head + body)
            if fault == "kill_after_request":
                self.on_kill()
                self.cut.set()
                return
            answer_head, answer_body = _read_message(upstream)
            if fault == "drop_answer":
                self.cut.set()
                return
            client.sendall(answer_head + answer_body)

    def fault_for(self, head: bytes) -> str:
        """The fault this request meets: the next queued one (a subclass may choose by the request)."""
        return self.faults.pop(0) if self.faults else "pass"

    def close(self) -> None:
        self.listener.close()
