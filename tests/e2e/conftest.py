"""End-to-end fixtures: signing in, a tiny DOM with CSS selectors, a live server for the browser.

Every page needs a session: `sign_in_web(client, role, ...)` signs a new user in
through the real sign-in form and makes the client carry the session's CSRF
token; the browser's `page` signs in through the form as well.

Pages are checked by selectors, not substrings (STYLE 11). The DOM is built
with the standard library's `html.parser`; the selector subset is what the
tests need: `tag`, `#id`, `.class`, `[attr]`, `[attr=value]`, `[attr^=value]`, `[attr$=value]`,
`[attr*=value]` (values without spaces), descendant (` `) and child (`>`) combinators, and `,`.
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient
from signing import PASSWORD, add_user, login_form_token

from ncbdesk.adapters.db.engine import make_engine
from ncbdesk.adapters.db.migrate import upgrade
from ncbdesk.domain.security import Role
from ncbdesk.entrypoints.app import create_app
from ncbdesk.entrypoints.security import CSRF_FIELD, CSRF_HEADER
from ncbdesk.settings import Settings


@pytest.fixture
def sign_in_web(app: FastAPI) -> Callable[..., str]:
    """sign_in_web(client, role, ..., bureau="RU") → the CSRF token of a new session.

    Signs a new user in through POST /login, as a browser would, and makes the
    client send the token on every request (the X-CSRF-Token header), so tests
    post forms as the pages do.
    """

    def make(client: TestClient, *roles: Role, bureau: str = "RU") -> str:
        name = add_user(app, *roles, bureau=bureau)
        r = client.post(
            "/login",
            data={"username": name, "password": PASSWORD, CSRF_FIELD: login_form_token(client)},
            follow_redirects=False,
        )
        assert r.status_code == 303, r.text[:300]
        doc = parse_html(client.get("/").text)
        csrf = doc.one(f"form[action='/logout'] input[name={CSRF_FIELD}]").get("value") or ""
        assert csrf
        client.headers[CSRF_HEADER] = csrf
        return csrf

    return make


VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


@dataclass(eq=False)
class Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)
    parent: Node | None = None

    @property
    def text(self) -> str:
        """The text content, whitespace collapsed."""
        parts: list[str] = []

        def walk(n: Node) -> None:
            for c in n.children:
                if isinstance(c, str):
                    parts.append(c)
                else:
                    walk(c)

        walk(self)
        return " ".join("".join(parts).split())

    def __repr__(self) -> str:
        attrs = "".join(f" {k}={v!r}" for k, v in self.attrs.items())
        return f"<{self.tag}{attrs}>"

    def get(self, name: str, default: str | None = None) -> str | None:
        return self.attrs.get(name, default)

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def elements(self) -> Iterator[Node]:
        for c in self.children:
            if isinstance(c, Node):
                yield c
                yield from c.elements()

    def ancestors(self) -> Iterator[Node]:
        n = self.parent
        while n is not None:
            yield n
            n = n.parent

    def select(self, selector: str) -> list[Node]:
        found: list[Node] = []
        for part in selector.split(","):
            steps = _parse(part.strip())
            found += [n for n in self.elements() if n not in found and _matches(n, steps)]
        order = {id(n): i for i, n in enumerate(self.elements())}
        return sorted(found, key=lambda n: order[id(n)])

    def one(self, selector: str) -> Node:
        found = self.select(selector)
        assert len(found) == 1, f"{selector!r}: expected one element, found {len(found)}"
        return found[0]

    def first(self, selector: str) -> Node | None:
        found = self.select(selector)
        return found[0] if found else None


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document")
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v if v is not None else "" for k, v in attrs}, parent=self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v if v is not None else "" for k, v in attrs}, parent=self.current)
        self.current.children.append(node)

    def handle_endtag(self, tag: str) -> None:
        n: Node | None = self.current
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.current = n.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse_html(html: str) -> Node:
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root


_COMPOUND = re.compile(
    r"(?P<tag>^[a-zA-Z][a-zA-Z0-9-]*|\*)|#(?P<id>[\w-]+)|\.(?P<cls>[\w-]+)"
    r"|\[(?P<attr>[\w:-]+)(?:(?P<op>[\^$*]?=)(?P<q>['\"]?)(?P<val>.*?)(?P=q))?\]"
)


@dataclass
class _Simple:
    tag: str | None = None
    id: str | None = None
    classes: list[str] = field(default_factory=list)
    attrs: list[tuple[str, str | None, str]] = field(default_factory=list)

    def matches(self, n: Node) -> bool:
        if self.tag and self.tag != "*" and n.tag != self.tag:
            return False
        if self.id is not None and n.attrs.get("id") != self.id:
            return False
        if any(c not in n.classes for c in self.classes):
            return False
        for name, op, val in self.attrs:
            have = n.attrs.get(name)
            if have is None:
                return False
            if op == "=" and have != val:
                return False
            if op == "^=" and not have.startswith(val):
                return False
            if op == "$=" and not have.endswith(val):
                return False
            if op == "*=" and val not in have:
                return False
        return True


def _parse(selector: str) -> list[tuple[str, _Simple]]:
    """'form .field > input' → [(' ', form), (' ', .field), ('>', input)]."""
    tokens = selector.replace(">", " > ").split()  # attribute values hold no spaces or ">"
    steps: list[tuple[str, _Simple]] = []
    combinator = " "
    for token in tokens:
        if token == ">":
            combinator = ">"
            continue
        simple = _Simple()
        pos = 0
        while pos < len(token):
            m = _COMPOUND.match(token, pos)
            assert m and m.end() > pos, f"unsupported selector {selector!r}"
            if m["tag"]:
                simple.tag = m["tag"].lower()
            elif m["id"]:
                simple.id = m["id"]
            elif m["cls"]:
                simple.classes.append(m["cls"])
            else:
                simple.attrs.append((m["attr"], m["op"], m["val"] or ""))
            pos = m.end()
        steps.append((combinator, simple))
        combinator = " "
    return steps


def _matches(node: Node, steps: list[tuple[str, _Simple]]) -> bool:
    if not steps:
        return True
    combinator, simple = steps[-1]
    if not simple.matches(node):
        return False
    rest = steps[:-1]
    if not rest:
        return True
    if combinator == ">":
        return node.parent is not None and _matches(node.parent, rest)
    return any(_matches(a, rest) for a in node.ancestors())


@pytest.fixture
def dom():
    """`dom(response)` → the parsed page, after checking it is HTML."""

    def build(response) -> Node:
        assert response.headers["content-type"].startswith("text/html"), response.text[:200]
        return parse_html(response.text)

    return build


# ---------------------------------------------------------------------------
# A live server for the real browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class LiveServer:
    url: str
    settings: Settings
    app: FastAPI


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[LiveServer]:
    """The app under uvicorn on a free 127.0.0.1 port, in a background thread."""
    settings = Settings.from_env({}, data_dir=tmp_path / "live", bureau="RU")
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.sqlalchemy_url)
    upgrade(engine)
    engine.dispose()
    app = create_app(settings)
    port = _free_port()
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_level="warning", ws="none", lifespan="on"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="live-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        assert thread.is_alive(), "the live server stopped during start-up"
        assert time.monotonic() < deadline, "the live server did not start in 15 s"
        time.sleep(0.02)
    yield LiveServer(f"http://127.0.0.1:{port}", settings, app)
    server.should_exit = True
    thread.join(timeout=15)
    app.state.ctx.engine.dispose()


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    """A headless Chromium; skipped when absent unless NCBDESK_REQUIRE_BROWSER=1."""
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is not installed"
        if os.environ.get("NCBDESK_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{reason} and NCBDESK_REQUIRE_BROWSER=1")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


def sign_in_browser(pg, username: str) -> None:
    """Through the real sign-in form, as an officer would."""
    pg.goto("/persons")  # no session yet: the app sends the browser to sign in
    assert "/login?next=/persons" in pg.url
    pg.get_by_label("Username").fill(username)
    pg.get_by_label("Password").fill(PASSWORD)
    pg.get_by_role("button", name="Sign in").click()
    pg.wait_for_url("**/persons")


@pytest.fixture
def page(browser, live_server: LiveServer):
    """A fresh browser page; fails the test on any console error or page error."""
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    pg = context.new_page()
    problems: list[str] = []

    def on_console(message) -> None:
        # Chromium logs every 4xx page as "Failed to load resource"; a 422 form
        # page is expected, so responses are judged below by what they were for.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            problems.append(message.text)

    def on_response(response) -> None:
        if response.status >= 400 and response.request.resource_type != "document":
            problems.append(f"{response.status} {response.request.resource_type} {response.url}")

    pg.on("console", on_console)
    pg.on("pageerror", lambda e: problems.append(str(e)))
    pg.on("response", on_response)
    sign_in_browser(pg, add_user(live_server.app, Role.CASE_OFFICER))
    yield pg
    context.close()
    assert not problems, f"browser errors: {problems}"
