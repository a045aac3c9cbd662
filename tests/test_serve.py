"""`quizapp serve`: every request without the access token refused in words (no app started),
the page's websocket address carrying it, and the command's choices checked in words."""

from __future__ import annotations

import shlex
import socket
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer

from quizapp.cli import main
from quizapp.cli.serve_cmd import session_command
from quizapp.tui import serving
from quizapp.tui.serving import COOKIE, ClassServer, is_loopback, public_url_for

TOKEN = "s3cret-token"


def server_for(tmp_path: Path, token: str | None) -> ClassServer:
    """A server whose "app" would leave a mark: a refused request must start none."""
    mark = tmp_path / "started"
    return ClassServer(f"touch {shlex.quote(str(mark))}", "127.0.0.1", 8000, "http://x:1", token)


@pytest.fixture
async def client(
    tmp_path: Path,
) -> AsyncIterator[TestClient[aiohttp.web.Request, aiohttp.web.Application]]:
    server = server_for(tmp_path, TOKEN)
    async with TestClient(TestServer(await server._make_app())) as test_client:
        yield test_client


async def test_a_request_without_the_token_is_refused_in_words(
    client: TestClient[aiohttp.web.Request, aiohttp.web.Application], tmp_path: Path
) -> None:
    for path in ("/", "/?token=wrong", "/static/js/textual.js", "/download/abc", "/ws"):
        response = await client.get(path)
        assert response.status == 403, path
        text = await response.text()
        assert "needs its access token" in text and "/?token=" in text
    for path in ("/ws", "/ws/wrong", "/ws?token=wrong"):
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await client.ws_connect(path)
        assert refused.value.status == 403
    assert not (tmp_path / "started").exists()  # no app was run for any of them


async def test_the_token_opens_the_page_which_passes_it_on(
    client: TestClient[aiohttp.web.Request, aiohttp.web.Application],
) -> None:
    response = await client.get(f"/?token={TOKEN}")
    assert response.status == 200
    page = await response.text()
    # The websocket's address carries the token; the page's other requests, the cookie.
    assert f'data-session-websocket-url="ws://x:1/ws/{TOKEN}"' in page
    cookie = response.cookies[COOKIE]
    assert cookie.value == TOKEN and cookie["httponly"] and cookie["samesite"] == "Lax"
    client.session.cookie_jar.clear()  # each request below says what it carries
    script = await client.get("/static/js/textual.js", headers={"Cookie": f"{COOKIE}={TOKEN}"})
    assert script.status == 200
    wrong = await client.get("/static/js/textual.js", headers={"Cookie": f"{COOKIE}=nope"})
    assert wrong.status == 403


async def test_without_a_token_the_page_opens_as_it_is(tmp_path: Path) -> None:
    server = server_for(tmp_path, None)
    async with TestClient(TestServer(await server._make_app())) as test_client:
        response = await test_client.get("/")
        assert response.status == 200
        assert 'data-session-websocket-url="ws://x:1/ws"' in await response.text()


def test_no_token_is_only_for_this_machine(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--no-token", "--host", "0.0.0.0"]) == 2
    err = capsys.readouterr().err
    assert "--no-token only serves this machine (--host 127.0.0.1), not 0.0.0.0" in err
    assert "Traceback" not in err
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.20")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--port", "0"], "a port is a number from 1 to 65535"),
        (["--public-url", "192.168.1.20:8000"], "give it as http://HOST:PORT"),
        (["--profile", "a/b"], "A profile name holds"),
    ],
)
def test_the_commands_choices_are_checked_in_words(
    args: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", *args]) == 2
    assert said in capsys.readouterr().err


def test_a_port_in_use_is_said_in_words(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        status = main(["serve", "--data-dir", str(tmp_path), "--port", str(port)])
    assert status == 1
    assert f"cannot serve on 127.0.0.1 port {port}:" in capsys.readouterr().err


def test_browsers_are_sent_to_the_public_url_else_the_lan_address(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert public_url_for("127.0.0.1", 8000) == "http://127.0.0.1:8000"
    assert public_url_for("0.0.0.0", 8000, "http://quiz.school:80/") == "http://quiz.school:80"
    monkeypatch.setattr(serving, "lan_address", lambda: "192.168.1.20")
    assert public_url_for("0.0.0.0", 8001) == "http://192.168.1.20:8001"
    monkeypatch.setattr(serving, "lan_address", lambda: None)
    assert public_url_for("0.0.0.0", 8001) == "http://127.0.0.1:8001"
    assert public_url_for("::1", 8000) == "http://[::1]:8000"


def test_each_tab_runs_a_session_over_the_same_data_and_decks(tmp_path: Path) -> None:
    decks = tmp_path / "my decks"
    command = session_command(tmp_path / "data", [decks], True, None)
    assert shlex.split(command) == [
        sys.executable,
        "-m",
        "quizapp",
        "serve",
        "--session",
        "--data-dir",
        str(tmp_path / "data"),
        "--decks",
        str(decks),
        "--no-bundled",
    ]
    fixed = session_command(tmp_path, [], False, "Ali Khan")
    assert shlex.split(fixed)[-2:] == ["--profile", "Ali Khan"]


def test_only_the_option_serves_one_profile_not_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    served: list[str] = []
    monkeypatch.setattr(ClassServer, "serve", lambda self: served.append(self.command))
    monkeypatch.setenv("QUIZAPP_PROFILE", "Teacher")  # kept for the teacher's own terminal
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = str(probe.getsockname()[1])
    assert main(["serve", "--data-dir", str(tmp_path), "--port", port]) == 0
    assert "--profile" not in shlex.split(served[0])  # each browser asks who is studying
    assert "Every browser opens" not in capsys.readouterr().out
    assert main(["serve", "--data-dir", str(tmp_path), "--port", port, "--profile", "Ali"]) == 0
    assert shlex.split(served[1])[-2:] == ["--profile", "Ali"]
    assert "Every browser opens the profile 'Ali'" in capsys.readouterr().out
