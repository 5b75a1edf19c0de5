"""The ``newsroom`` command: init, new, serve, errors and help."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

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


@pytest.mark.parametrize("command", [[], ["init"], ["new"], ["serve"]])
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
    monkeypatch.setattr(cli.subprocess, "call", lambda command: calls.append(command) or 0)
    assert main(["serve", str(site), "--port", "8123"]) == 0
    (command,) = calls
    assert command[1:5] == [
        "-m",
        "sphinx_autobuild",
        str(site.resolve()),
        str(site.resolve() / "_build" / "html"),
    ]
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
    site = tmp_path / "site"
    assert main(["init", str(site)]) == 0
    # One call through the installed console script, as a reader of the tutorial would.
    result = subprocess.run(
        [_script(), "new", "Hello", "--section", "World", "--author", "Me", "--dir", str(site)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out = tmp_path / "out"
    build = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", str(site), str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert build.returncode == 0, build.stderr
    article = _soup(out / "world" / "2026" / "hello.html")
    assert article.select_one("article.h-entry h1").get_text(strip=True).startswith("Hello")
    assert article.select_one(".p-author").get_text(strip=True) == "Me"
    front = _soup(out / "index.html")
    links = {a.get("href") for a in front.select("main a[href]")}
    assert "world/2026/hello.html" in links
