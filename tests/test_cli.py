"""The ``newsroom`` command: init, new, serve, errors and help."""

from __future__ import annotations

import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from importlib import metadata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from packaging.requirements import Requirement

from sphinx_newsroom import cli
from sphinx_newsroom.cli import main


def _script() -> str:
    """Return the installed ``newsroom`` console script."""
    beside = Path(sys.executable).parent / "newsroom"
    found = str(beside) if beside.exists() else shutil.which("newsroom")
    assert found, "the newsroom console script is not installed (pip install -e .)"
    return found


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_init_scaffolds_a_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert main(["init", str(site), "--title", "The Ledger", "--timezone", "Asia/Baku"]) == 0
    conf = (site / "conf.py").read_text()
    namespace: dict[str, object] = {}
    exec(compile(conf, "conf.py", "exec"), namespace)
    assert namespace["extensions"] == ["sphinx_newsroom"]
    assert namespace["html_theme"] == "newsroom"
    assert namespace["project"] == "The Ledger"
    assert namespace["newsroom_timezone"] == "Asia/Baku"
    assert str(namespace["newsroom_site_url"]).startswith("https://")
    index = (site / "index.rst").read_text()
    assert ".. article-list::" in index
    assert ":hidden:" in index and "about" in index
    # Articles need no toctree (they are found through lists): none is globbed in.
    assert ":glob:" not in index
    assert (site / "about.rst").is_file()
    assert len(list(site.glob("news/*/*.rst"))) == 1
    # The site's own folders are wired in, with a logo (the publisher's, for previews).
    assert namespace["html_static_path"] == ["_static"]
    assert namespace["templates_path"] == ["_templates"]
    assert namespace["newsroom_publisher"] == {"name": "The Ledger", "logo": "/_static/logo.svg"}
    logo = BeautifulSoup((site / "_static" / "logo.svg").read_text(), "html.parser")
    assert logo.svg["aria-label"] == "The Ledger"
    assert logo.svg.text.strip() == "L"
    assert "_build/" in (site / ".gitignore").read_text().splitlines()
    # The site installs this version or later.
    lines = (site / "requirements.txt").read_text().splitlines()
    (wanted,) = [Requirement(line) for line in lines if line and not line.startswith("#")]
    assert wanted.name == "sphinx-newsroom"
    assert wanted.specifier.contains(metadata.version("sphinx-newsroom"))
    assert wanted.extras == set()


def test_init_writes_a_workflow_that_builds_with_w_and_publishes(tmp_path: Path) -> None:
    site = tmp_path / "site"
    main(["init", str(site)])
    workflow = (site / ".github" / "workflows" / "publish.yml").read_text()
    lines = [line.strip() for line in workflow.splitlines()]
    assert "push:" in lines
    (cron,) = [line for line in lines if line.startswith("- cron:")]
    minute, hour, *every = cron.split('"')[1].split()
    assert every == ["*", "*", "*"] and minute.isdigit() and hour.isdigit()  # daily
    assert "- run: python -m pip install -r requirements.txt" in lines
    # Make mode: the doctrees go to _build/doctrees, outside the published _build/html.
    assert "- run: sphinx-build -M html . _build -W --keep-going" in lines
    upload = lines.index("- uses: actions/upload-pages-artifact@v3")
    assert lines[upload + 2] == "path: _build/html"
    assert "uses: actions/deploy-pages@v4" in lines
    assert "${{ steps.deployment.outputs.page_url }}" in workflow


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.strip() == f"newsroom {cli.package_version()}"
    assert re.fullmatch(r"\d+\.\d+\.\d+\S*", cli.package_version())


def test_init_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "notes.txt").write_text("keep me")
    assert main(["init", str(site)]) == 1
    assert "not empty" in capsys.readouterr().err
    assert sorted(p.name for p in site.iterdir()) == ["notes.txt"]


def test_new_writes_a_dated_slugged_article(tmp_path: Path) -> None:
    site = tmp_path / "site"
    main(["init", str(site)])
    code = main(
        [
            "new",
            "Ports reopen after the storm",
            "--section",
            "Côte d'Azur",
            "--author",
            "Jane Doe, Sam Lee",
            "--label",
            "Analysis",
            "--tags",
            "ports, weather",
            "--dir",
            str(site),
        ]
    )
    assert code == 0
    # SOURCE_DATE_EPOCH (conftest) fixes "now" at 2026-11-27 12:00 UTC.
    path = site / "cote-d-azur" / "2026" / "ports-reopen-after-the-storm.rst"
    text = path.read_text()
    assert text.startswith(":section: Côte d'Azur\n:tags: ports, weather\n")
    assert "Ports reopen after the storm\n============================\n" in text
    assert ".. byline:: Jane Doe, Sam Lee\n" in text
    assert ".. label:: analysis\n" in text
    date_line = next(line for line in text.splitlines() if ":date:" in line)
    assert date_line.strip().startswith(":date: 2026-11-27 ")


def test_new_keeps_a_given_date_as_written(tmp_path: Path) -> None:
    site = tmp_path / "site"
    main(["init", str(site)])
    main(
        [
            "new",
            "Old news",
            "--section",
            "World",
            "--author",
            "Me",
            "--date",
            "2024-04-20 10:15",
            "--dir",
            str(site),
        ]
    )
    text = (site / "world" / "2024" / "old-news.rst").read_text()
    assert "   :date: 2024-04-20 10:15\n" in text


def test_new_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "site"
    main(["init", str(site)])
    args = ["new", "Hello", "--section", "World", "--author", "Me", "--dir", str(site)]
    assert main(args) == 0
    path = site / "world" / "2026" / "hello.rst"
    path.write_text("edited by hand")
    capsys.readouterr()
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "already exists" in err and "hello.rst" in err
    assert path.read_text() == "edited by hand"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["new", "Hello", "--author", "Me"], 2, "--section"),
        (["new", "Hello", "--section", "World"], 2, "--author"),
        (["new", "  ", "--section", "World", "--author", "Me"], 2, "must not be empty"),
        (["new", "Hello", "--section", "W", "--author", "Me", "--label", "no way"], 2, "label"),
        (["init", "x", "--timezone", "Mars/Olympus"], 2, "IANA"),
        (["serve", ".", "--port", "99999"], 2, "port"),
        (["frobnicate"], 2, "invalid choice"),
        ([], 2, "COMMAND"),
    ],
)
def test_bad_arguments_exit_2(
    args: list[str], code: int, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exc:
        main(args)
    assert exc.value.code == code
    assert message in capsys.readouterr().err


def test_new_outside_a_site_and_bad_date_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["new", "Hello", "--section", "World", "--author", "Me"]
    assert main([*base, "--dir", str(tmp_path)]) == 1
    assert "no conf.py" in capsys.readouterr().err
    main(["init", str(tmp_path / "site")])
    assert main([*base, "--dir", str(tmp_path / "site"), "--date", "2024-02-30"]) == 1
    assert "--date" in capsys.readouterr().err
    assert not (tmp_path / "site" / "world").exists()


@pytest.mark.parametrize("command", [[], ["init"], ["new"], ["check"], ["serve"]])
def test_help_for_each_command(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main([*command, "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: newsroom")
    assert "--help" in out


def test_serve_runs_sphinx_autobuild_with_ignores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    main(["init", str(site)])
    calls: list[list[str]] = []
    monkeypatch.setattr(cli, "run_child", lambda command: calls.append(command) or 0)
    assert main(["serve", str(site), "--port", "8123"]) == 0
    (command,) = calls
    assert command[1:5] == [
        "-m",
        "sphinx_autobuild",
        str(site.resolve()),
        str(site.resolve() / "_build" / "html"),
    ]
    # The doctrees stay out of the served (and published) folder.
    assert command[command.index("-d") + 1] == str(site.resolve() / "_build" / "doctrees")
    assert command[command.index("--ignore") + 1] == str(site.resolve() / "_build")
    assert command[command.index("--port") + 1] == "8123"
    pattern = re.compile(command[command.index("--re-ignore") + 1])
    for temp in ("a/.#hello.rst", "a/#hello.rst#", "a/hello.rst~", "a/.hello.rst.swp", "a/4913"):
        assert pattern.search(temp), temp
    assert not pattern.search("world/2026/hello.rst")


def test_serve_outside_a_site_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", str(tmp_path)]) == 1
    assert "no conf.py" in capsys.readouterr().err


def test_from_an_empty_folder_to_a_built_site(tmp_path: Path) -> None:
    """The README's quick start: init, new with an author key, a -W build in make mode."""
    site = tmp_path / "site"
    assert main(["init", str(site)]) == 0
    (site / "_static" / "photo.jpg").write_bytes(b"not really a photo")
    override = site / "_templates" / "newsroom" / "label.html"
    override.parent.mkdir()
    override.write_text('<p class="our-own-label">{{ label.text }}</p>')
    # One call through the installed console script, as a reader of the README would.
    new = [_script(), "new", "Harbour reopens", "--section", "World", "--author", "jane-doe"]
    new += ["--label", "opinion", "--dir", str(site)]
    result = subprocess.run(new, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "Added 'jane-doe' to newsroom_authors" in result.stdout
    article = site / "world" / "2026" / "harbour-reopens.rst"
    article.write_text(
        article.read_text().replace(
            ":section: World\n", ":section: World\n:image: /_static/photo.jpg\n"
        )
    )
    build = subprocess.run(
        [sys.executable, "-m", "sphinx", *cli.build_command(site), "-q"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert build.returncode == 0, build.stderr
    html = site / "_build" / "html"
    page = _soup(html / "world" / "2026" / "harbour-reopens.html")
    assert page.select_one("article.h-entry h1").get_text(strip=True).startswith("Harbour")
    author = page.select_one("a.p-author")
    assert author.get_text(strip=True) == "Jane Doe"
    assert author["href"].endswith("authors/jane-doe/index.html")
    assert page.select_one(".our-own-label").get_text() == "Opinion"  # _templates is used
    assert (html / "_static" / "photo.jpg").is_file()  # _static is copied
    assert (html / "_static" / "logo.svg").is_file()
    front = _soup(html / "index.html")
    links = {a.get("href") for a in front.select("main a[href]")}
    assert "world/2026/harbour-reopens.html" in links
    # The build's own state is not in the folder to publish (contract section 6).
    assert (site / "_build" / "doctrees" / "environment.pickle").is_file()
    published = {p.name for p in html.rglob("*")}
    assert not {n for n in published if n.endswith((".pickle", ".doctree")) or "record" in n}
    assert ".doctrees" not in published


def test_new_checks_authors_and_labels_against_the_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "site"
    main(["init", str(site)])
    base = ["new", "Hello", "--section", "World", "--dir", str(site)]
    assert main([*base, "--author", "nigar-hasanova"]) == 0
    assert "Added 'nigar-hasanova'" in capsys.readouterr().out
    conf = (site / "conf.py").read_text()
    # A typo of a known key, of a known name, of a label: nothing written, the nearest named.
    for extra, hint in [
        (["--author", "nigar-hasanva"], "did you mean 'nigar-hasanova'?"),
        (["--author", "Nigar Hasanva"], "did you mean 'Nigar Hasanova' (nigar-hasanova)?"),
        (["--author", "nigar-hasanova", "--label", "opnion"], "did you mean 'opinion'?"),
    ]:
        assert main([base[0], "Other", *base[2:], *extra]) == 1, extra
        assert hint in capsys.readouterr().err
        assert not (site / "world" / "2026" / "other.rst").exists()
        assert (site / "conf.py").read_text() == conf
    # A label of the site's own is known; --new-author takes a near key as meant.
    (site / "conf.py").write_text(conf + 'newsroom_labels = {"explainer": {"text": "Explainer"}}\n')
    args = [base[0], "Other", *base[2:], "--author", "nigar-hasan", "--new-author"]
    assert main([*args, "--label", "explainer"]) == 0
    namespace: dict[str, object] = {}
    exec((site / "conf.py").read_text(), namespace)
    assert namespace["newsroom_authors"] == {
        "nigar-hasanova": {"name": "Nigar Hasanova"},
        "nigar-hasan": {"name": "Nigar Hasan"},
    }


@pytest.mark.parametrize(
    "registry",
    [
        "newsroom_authors = {}",
        'newsroom_authors = {"a": {"name": "A"}}',
        'newsroom_authors = {\n    "a": {"name": "A"}  # the first\n}',
        'newsroom_authors: dict = {\n    "a": {"name": "Ä"},\n    }',
        'newsroom_authors = dict(a={"name": "A"})',
        "",
    ],
)
def test_add_author_entry_keeps_the_registry_valid(registry: str) -> None:
    before: dict[str, dict[str, object]] = {}
    exec(registry, before)
    source = cli.add_author_entry(f"project = 'x'\n{registry}\nlanguage = 'en'\n", "b-c", "B C")
    after: dict[str, object] = {}
    exec(source, after)
    expected = {**before.get("newsroom_authors", {}), "b-c": {"name": "B C"}}
    assert after["newsroom_authors"] == expected
    assert after["language"] == "en"
    if registry.endswith("}"):
        assert source.count("newsroom_authors") == 1  # written into the literal


def test_check_groups_warnings_by_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "site"
    main(["init", str(site)])
    assert main(["check", str(site)]) == 0
    assert "No warnings" in capsys.readouterr().out
    main(["new", "Typos", "--section", "World", "--author", "Me", "--dir", str(site)])
    path = site / "world" / "2026" / "typos.rst"
    path.write_text(":sectoin: World\n" + path.read_text().replace("   :date:", "   :daet:"))
    assert main(["check", str(site)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("3 warnings in 1 file:\n\nworld/2026/typos.rst\n")
    assert "  line 1: unknown field :sectoin:" in err and "did you mean :section:?" in err
    assert "'daet'" in err and "no :date:" in err


def test_parse_warnings_groups_locations(tmp_path: Path) -> None:
    text = (
        f"{tmp_path}/a/b.rst:7: WARNING: one [newsroom.date]\n"
        "WARNING: no place at all\n"
        f"{tmp_path}/c.rst: WARNING: no line\n"
        "  a second line\n"
    )
    found = cli.parse_warnings(text, tmp_path)
    assert found == [
        cli.BuildWarning("a/b.rst", 7, "one [newsroom.date]"),
        cli.BuildWarning("", 0, "no place at all"),
        cli.BuildWarning("c.rst", 0, "no line\n  a second line"),
    ]
    report = cli.warnings_report(found)
    assert report.splitlines()[:4] == [
        "3 warnings in 3 files:",
        "",
        "(the site as a whole)",
        "  no place at all",
    ]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(n) for n in (task / "children").read_text().split()]
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux's /proc")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_serve_stops_its_server_when_stopped(tmp_path: Path, signum: int) -> None:
    site = tmp_path / "site"
    main(["init", str(site)])
    port = _free_port()
    log = (tmp_path / "serve.log").open("wb")
    serve = subprocess.Popen(
        [_script(), "serve", str(site), "--port", str(port)], stdout=log, stderr=log
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            assert serve.poll() is None, (tmp_path / "serve.log").read_text()
            assert time.monotonic() < deadline, "newsroom serve never answered"
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    assert b"h-feed" in response.read()
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.5)
        (server,) = _children(serve.pid)
        serve.send_signal(signum)
        assert serve.wait(timeout=30) == 0
        deadline = time.monotonic() + 10
        while _alive(server) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _alive(server), "the sphinx-autobuild child outlived newsroom serve"
    finally:
        if serve.poll() is None:
            serve.kill()
            serve.wait()
        log.close()
