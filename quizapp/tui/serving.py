"""Serving the app to browsers: textual-serve, behind an access token.

textual-serve (aiohttp) sends a page that draws a terminal (xterm.js) and, for each browser
tab, runs the app in a process of its own over a websocket. It has no authentication: this
server adds a middleware that refuses every request (page, websocket, scripts, downloads)
without the token. The page's address carries it (`/?token=...`); the page then sets a cookie
for the rest, and its websocket address carries it too, as a path (`/ws/TOKEN`), for browsers
told to reach the websocket at another host name than the page's (`--public-url`).
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import ipaddress
import logging
import secrets
import signal
import socket
import sys
from collections.abc import Awaitable, Callable

from aiohttp import web
from textual_serve.server import Server

COOKIE = "quizapp_token"
REFUSED = (
    "quizapp: this address needs its access token. Open the whole address that "
    "`quizapp serve` printed: it ends in /?token=... (ask whoever runs it)."
)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def new_token() -> str:
    return secrets.token_urlsafe(18)


def is_loopback(host: str) -> bool:
    """Whether `host` is this machine only (127.0.0.1, ::1, localhost)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def binds_everywhere(host: str) -> bool:
    return host in ("0.0.0.0", "::", "")


def lan_address() -> str | None:
    """This machine's address on its network, as other machines reach it; None if unknown.

    A UDP socket "connected" to an outside address picks the interface a packet would leave
    by; no packet is sent.
    """
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))  # TEST-NET-1: never routed to anyone
        address = str(probe.getsockname()[0])
    except OSError:
        return None
    finally:
        probe.close()
    return None if address.startswith(("0.", "127.")) else address


def check_port(host: str, port: int) -> None:
    """Raise OSError if the server could not listen there (the port in use, say), before
    anything is started. Bound as the server binds (reusing an address a closed server left)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        if hasattr(socket, "SO_REUSEADDR") and sys.platform != "win32":
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind((host.strip("[]") or "0.0.0.0", port))


def public_url_for(host: str, port: int, given: str | None = None) -> str:
    """The address browsers are told to reach the app at: `given` (`--public-url`), else the
    LAN address when bound to every interface, else the host bound to."""
    if given:
        return given.rstrip("/")
    if binds_everywhere(host):
        host = lan_address() or "127.0.0.1"
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"  # an IPv6 address in a URL
    return f"http://{host}:{port}"


class ClassServer(Server):
    """textual-serve's server, refusing every request without the access token (None: open,
    for this machine only)."""

    def __init__(
        self, command: str, host: str, port: int, public_url: str, token: str | None
    ) -> None:
        super().__init__(command, host=host, port=port, title="quizapp", public_url=public_url)
        self.token = token

    def address(self, base: str | None = None) -> str:
        """The address to open, with its token."""
        page = f"{(base or self.public_url).rstrip('/')}/"
        return f"{page}?token={self.token}" if self.token else page

    def initialize_logging(self) -> None:
        super().initialize_logging()
        # Each request's line would print the token; problems are still logged.
        logging.getLogger("aiohttp.access").setLevel(logging.WARNING)

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        if self.token is not None:
            app.middlewares.append(self.check_token)
            # The websocket's address with the token in its path (the page adds a query).
            app.router.add_get("/ws/{token}", self.handle_websocket, name="websocket_token")
        return app

    def has_token(self, request: web.Request) -> bool:
        assert self.token is not None
        given = (
            request.match_info.get("token")
            or request.query.get("token")
            or request.cookies.get(COOKIE)
            or ""
        )
        return hmac.compare_digest(given.encode(), self.token.encode())

    @web.middleware
    async def check_token(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if not self.has_token(request):
            return web.Response(status=403, text=REFUSED + "\n")
        response = await handler(request)
        if request.query.get("token") and not response.prepared:
            assert self.token is not None
            response.set_cookie(COOKIE, self.token, httponly=True, samesite="Lax")
        return response

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        response = await super().handle_index(request)
        if self.token is not None and isinstance(response, web.Response) and response.text:
            # The page's websocket address, given the token as its last path segment.
            plain = f'data-session-websocket-url="{self.websocket_url()}"'
            response.text = response.text.replace(
                plain, f'data-session-websocket-url="{self.websocket_url()}/{self.token}"'
            )
        return response

    def websocket_url(self) -> str:
        scheme, rest = self.public_url.split(":", 1)
        return f"{'wss' if scheme == 'https' else 'ws'}:{rest}/ws"

    async def on_startup(self, app: web.Application) -> None:
        """textual-serve's banner is not printed: `announce` says where to go, once listening."""

    def announce(self, _running_on: object = None) -> None:
        lines = ["quizapp is served. Open in a browser:", f"  {self.address()}"]
        if binds_everywhere(self.host):
            lines.append(f"  {self.address(f'http://127.0.0.1:{self.port}')}  (on this machine)")
        if self.token:
            lines.append("The token in the address lets a browser in: give it to the class only.")
        lines.append("Press Ctrl+C to stop.")
        print("\n".join(lines), flush=True)

    def serve(self, debug: bool = False) -> None:
        """textual-serve's `serve`, but the address is printed once the server listens (its
        own prints nothing then: a browser sent there at once would find no one)."""
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        with contextlib.suppress(NotImplementedError):  # Windows: Ctrl+C still stops it
            loop.add_signal_handler(signal.SIGINT, self.request_exit)
            loop.add_signal_handler(signal.SIGTERM, self.request_exit)
        web.run_app(
            self._make_app(),
            host=self.host,
            port=self.port,
            handle_signals=False,
            loop=loop,
            print=self.announce,
        )
