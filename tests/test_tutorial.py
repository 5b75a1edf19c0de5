"""The tutorial, run as written: its commands, the files it shows, a -W build at the end.

The code blocks are read out of ``docs/tutorial.rst``, so the test fails as soon as the
page and what the commands really do drift apart. Console blocks are run (``$`` lines,
with ``\\`` continuations) and the output they show must be printed; a block with a
``:caption:`` is a file of the site: written as shown, appended to ("add at the end") or,
when newsroom wrote it ("as newsroom … writes it"), compared with what is there.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from helpers import soup

DOCS = Path(__file__).resolve().parent.parent / "docs"

#: Commands that the tutorial shows but this test does not run: installing the package
#: (it is installed) and serving (tests/test_cli.py starts and stops ``newsroom serve``).
NOT_RUN = ("python -m pip install", "newsroom serve")

_DIRECTIVE_RE = re.compile(r"^( *)\.\. code-block:: *(\S+)\s*$")
_OPTION_RE = re.compile(r"^ *:([a-z-]+):(?: (.*))?$")


@dataclass
class Block:
    """One ``code-block`` of a page: its language, its options and its text."""

    language: str
    options: dict[str, str] = field(default_factory=dict)
    text: str = ""


def code_blocks(page: Path) -> list[Block]:
    """Return the ``code-block`` directives of an rst page, in order."""
    lines = page.read_text(encoding="utf-8").splitlines()
    blocks = []
    index = 0
    while index < len(lines):
        match = _DIRECTIVE_RE.match(lines[index])
        index += 1
        if match is None:
            continue
        block = Block(match.group(2))
        indent = len(match.group(1))
        while index < len(lines) and (option := _OPTION_RE.match(lines[index])):
            block.options[option.group(1)] = option.group(2) or ""
            index += 1
        body = []
        while index < len(lines):
            line = lines[index]
            if line.strip() and len(line) - len(line.lstrip()) <= indent:
                break
            body.append(line)
            index += 1
        block.text = textwrap.dedent("\n".join(body)).strip("\n") + "\n"
        blocks.append(block)
    return blocks


def console_steps(text: str) -> list[tuple[str, list[str]]]:
    """Return the commands of a console block, each with the output lines shown after it."""
    steps: list[tuple[str, list[str]]] = []
    lines = iter(text.splitlines())
    for line in lines:
        if line.startswith("$ "):
            command = line[2:]
            while command.endswith("\\"):
                command = command[:-1] + " " + next(lines).strip()
            steps.append((command.split("  #")[0].strip(), []))
        elif line.strip() and steps:
            steps[-1][1].append(line.strip())
    return steps


class Reader:
    """Someone following the tutorial in an empty folder, with a photo in ~/Pictures."""

    def __init__(self, home: Path) -> None:
        self.cwd = home
        self.site: Path | None = None
        photos = home / "Pictures"
        photos.mkdir(parents=True)
        # The smallest JPEG there is: the build copies it, nobody looks at it.
        (photos / "border-talks.jpg").write_bytes(bytes.fromhex("ffd8ffe000104a46494600ffd9"))
        self.env = {
            **os.environ,
            "HOME": str(home),
            "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]]),
        }

    def run(self, command: str, shown: list[str]) -> None:
        if command.startswith(NOT_RUN):
            return
        if command.startswith("cd "):
            self.cwd = self.cwd / command[3:].strip()
            return
        result = subprocess.run(
            ["bash", "-c", command],
            cwd=self.cwd,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, (command, result.stdout, result.stderr)
        printed = [line.strip() for line in result.stdout.splitlines()]
        for line in shown:
            assert line in printed, (command, line, printed)

    def file(self, block: Block) -> None:
        caption = block.options["caption"]
        assert self.site is not None, f"{caption} is shown before the site exists"
        name = re.split(r",| \(", caption)[0].strip()
        path = self.site / name
        if " as newsroom " in caption:
            assert block.text in path.read_text(encoding="utf-8"), caption
        elif "add at the end" in caption:
            with path.open("a", encoding="utf-8") as stream:
                stream.write("\n" + block.text)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(block.text, encoding="utf-8")

    def tree(self, block: Block) -> None:
        """Check the folder listing against the site ``newsroom init`` wrote."""
        root, *entries = block.text.splitlines()
        self.site = self.cwd / root.rstrip("/")
        for entry in entries:
            name = entry.lstrip("├└─│ ").split()[0]
            assert (self.site / name).exists(), name


def test_the_tutorial_as_written(tmp_path: Path) -> None:
    reader = Reader(tmp_path / "home")
    blocks = code_blocks(DOCS / "tutorial.rst")
    assert [b.language for b in blocks].count("console") >= 5
    for block in blocks:
        if block.language == "console":
            for command, shown in console_steps(block.text):
                reader.run(command, shown)
        elif block.language == "text" and "├──" in block.text:
            reader.tree(block)
        elif "caption" in block.options:
            reader.file(block)
    site = reader.site
    assert site is not None
    # The last step (custom CSS) is in the site too: build once more, as the reader would.
    reader.run("sphinx-build -M html . _build -W --keep-going -q", [])
    html = site / "_build" / "html"
    assert not (html / ".doctrees").exists()
    page = soup(html / "world" / "2024" / "border-talks-move-ahead-without-a-shot-fired.html")
    article = page.select_one("article.h-entry")
    assert article.select_one("a.p-author").get_text(strip=True) == "Jane Doe"
    image = page.select_one("img[src$='border-talks.jpg']")
    assert image is not None and image["alt"].startswith("Two delegations")
    text = " ".join(page.get_text().split())
    assert "The third day of talks in Baku." in text and "Photo: Courier staff" in text
    assert "wrong venue" in text
    related = [a["href"] for a in page.select(".newsroom-related a")]
    assert related[0] == "talks-open-in-baku.html"
    assert page.select_one("link[rel=stylesheet][href*='_static/custom.css']") is not None
    assert (html / "_static" / "custom.css").is_file()
    # The formats: a live page with its updates, a series part, a redirect at the old name.
    live = soup(html / "world" / "2024" / "ferries-held-by-storm.html")
    assert live.select_one(".newsroom-live-badge") is not None
    times = [t["datetime"] for t in live.select(".newsroom-live-update time")]
    assert [t[:16] for t in times] == ["2024-04-22T11:45", "2024-04-22T08:10"]
    part = soup(html / "world" / "2024" / "water-talks-part-one.html")
    assert " ".join(part.select_one(".newsroom-series-position").get_text().split()) == (
        "Part 1 of 1: Water talks"
    )
    assert (html / "series" / "water-talks" / "index.html").is_file()
    moved = soup(html / "world" / "water-talks.html")
    assert moved.select_one("body a")["href"] == "2024/water-talks-part-one.html"


def test_the_markdown_correction_as_written(tmp_path: Path) -> None:
    """The MyST correction of docs/writing-markdown.rst, at the end of the comet article."""
    pytest.importorskip("myst_parser")
    (block,) = [b for b in code_blocks(DOCS / "writing-markdown.rst") if b.language == "markdown"]
    site = tmp_path / "site"
    (site / "science").mkdir(parents=True)
    shutil.copy(DOCS / "examples" / "_static" / "logo.svg", site / "logo.svg")
    (site / "conf.py").write_text(
        'extensions = ["sphinx_newsroom", "myst_parser"]\n'
        'newsroom_site_url = "https://courier.example.org/"\n'
        'newsroom_publisher = {"name": "The Courier", "logo": "logo.svg"}\n'
        'newsroom_authors = {"jane-doe": {"name": "Jane Doe"}}\n'
    )
    (site / "index.rst").write_text("Front\n=====\n\n.. article-list::\n")
    comet = (DOCS / "examples" / "science" / "comet.md").read_text(encoding="utf-8")
    (site / "science" / "comet.md").write_text(f"{comet.rstrip()}\n\n{block.text}")
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-M", "html", str(site), str(out), "-W", "-q"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    page = soup(out / "html" / "science" / "comet.html")
    correction = page.select_one(".newsroom-correction")
    assert correction is not None and "not kilometres" in correction.get_text()


def test_the_readme_quick_start_as_written(tmp_path: Path) -> None:
    """The README's ``newsroom`` commands, then the build command it shows."""
    readme = (DOCS.parent / "README.md").read_text(encoding="utf-8")
    (block,) = [b for b in re.findall(r"```sh\n(.*?)```", readme, re.S) if "newsroom init" in b]
    reader = Reader(tmp_path / "home")
    for line in block.splitlines():
        reader.run(line.split("  #")[0].strip(), [])
    (build,) = re.findall(r"`(sphinx-build -M html mysite[^`]*)`", readme)
    reader.run(build, [])
    page = soup(
        reader.cwd / "mysite" / "_build" / "html" / "world" / "2026" / "harbour-reopens.html"
    )
    assert page.select_one("a.p-author").get_text(strip=True) == "Jane Doe"
