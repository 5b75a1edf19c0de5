"""Under sphinx-autobuild, re-dating an article updates its neighbours' previous/next links."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from incremental_site import starting_site

TIMEOUT = 60.0


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _links(base: str, page: str) -> tuple[str | None, str | None] | None:
    """Return the served page's rel=prev and rel=next targets, or None if not served yet."""
    try:
        with urllib.request.urlopen(f"{base}/{page}", timeout=5) as response:
            html = response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None
    page_soup = BeautifulSoup(html, "html.parser")
    found = []
    for rel in ("prev", "next"):
        link = page_soup.find("a", rel=rel)
        found.append(str(link["href"]) if link else None)
    return found[0], found[1]


def _wait_for(condition: Callable[[], bool], what: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"sphinx-autobuild exited with {process.returncode} while waiting {what}")
        if condition():
            return
        time.sleep(0.5)
    pytest.fail(f"timed out after {TIMEOUT:.0f} s waiting {what}")


@pytest.fixture
def autobuild(tmp_path: Path) -> Iterator[tuple[str, Path, subprocess.Popen[bytes]]]:
    """Serve a freshly written site with sphinx-autobuild on a loopback port."""
    src, out = tmp_path / "src", tmp_path / "out"
    starting_site().write(src)
    port = _free_port()
    log = (tmp_path / "autobuild.log").open("wb")
    command = [sys.executable, "-m", "sphinx_autobuild", str(src), str(out)]
    process = subprocess.Popen(
        [*command, "--port", str(port), "--host", "127.0.0.1"],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its sphinx-build children go with it at the end
    )
    try:
        yield f"http://127.0.0.1:{port}", src, process
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


def test_redating_under_autobuild_updates_the_neighbours(
    autobuild: tuple[str, Path, subprocess.Popen[bytes]],
) -> None:
    base, src, process = autobuild
    # The chain is a1 … a6; a2 sits between a1 and a3.
    _wait_for(
        lambda: _links(base, "articles/a1.html") == (None, "a2.html"),
        "for the first build",
        process,
    )
    assert _links(base, "articles/a5.html") == ("a4.html", "a6.html")

    starting_site().edited("a2", date="2024-04-25 09:00").write(src)  # now after a5

    _wait_for(
        lambda: _links(base, "articles/a1.html") == (None, "a3.html"),
        "for a1's next link to skip the moved article",
        process,
    )
    _wait_for(
        lambda: _links(base, "articles/a5.html") == ("a4.html", "a2.html"),
        "for a5's next link to reach the moved article",
        process,
    )
    assert _links(base, "articles/a3.html") == ("a1.html", "a4.html")
    assert _links(base, "articles/a6.html") == ("a2.html", None)
    assert _links(base, "articles/a2.html") == ("a5.html", "a6.html")
