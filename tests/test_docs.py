"""The documentation builds with -W, and its examples are a site that the tests build."""

from __future__ import annotations

import posixpath
import re
import subprocess
import sys
from pathlib import Path

import pytest
from docutils.parsers.rst import directives

from sphinx_newsroom import THEME_PATH
from sphinx_newsroom.cli import command_parsers
from sphinx_newsroom.config import CONFIG_VALUES

from helpers import soup, warnings

DOCS = Path(__file__).resolve().parent.parent / "docs"
EXAMPLES = DOCS / "examples"
DIRECTIVES = (
    "byline",
    "label",
    "related",
    "correction",
    "live-update",
    "article-list",
    "post-calendar",
)

_LITERALINCLUDE_RE = re.compile(r"^\s*\.\. literalinclude:: (\S+)", re.MULTILINE)
_INCLUDE_RE = re.compile(r"^\s*\.\. include:: (\S+)", re.MULTILINE)


def _doc_pages() -> list[Path]:
    return [p for p in DOCS.rglob("*.rst") if EXAMPLES not in p.parents and "_build" not in p.parts]


def _targets(pattern: re.Pattern[str], pages: list[Path]) -> set[Path]:
    """Return the files that *pages* include with *pattern*, resolved."""
    found = set()
    for page in pages:
        for target in pattern.findall(page.read_text(encoding="utf-8")):
            found.add((page.parent / target).resolve())
    return found


@pytest.fixture(scope="module")
def docs_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the documentation as CI does: warnings are errors."""
    out = tmp_path_factory.mktemp("docs") / "html"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-W",
            "--keep-going",
            "-q",
            "-b",
            "html",
            str(DOCS),
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return out


def test_docs_build_with_warnings_as_errors(docs_html: Path) -> None:
    for page in (
        "index",
        "tutorial",
        "theming",
        "localisation",
        "deploying",
        "migrating-from-ablog",
        "writing-markdown",
        "reference/directives",
        "reference/configuration",
        "reference/command",
        "reference/pages",
    ):
        assert (docs_html / f"{page}.html").is_file(), page


def test_configuration_reference_lists_every_setting(docs_html: Path) -> None:
    page = soup(docs_html / "reference" / "configuration.html")
    documented = [dt["id"].removeprefix("confval-") for dt in page.select("dl.confval > dt[id]")]
    assert documented == [value.name for value in CONFIG_VALUES]
    for value in CONFIG_VALUES:
        entry = page.select_one(f"dt#confval-{value.name}").find_parent("dl")
        words = " ".join(value.description.replace("``", "").split()[:3])
        assert words in " ".join(entry.get_text().replace("’", "'").split()), value.name


def test_theming_guide_lists_every_theme_option_and_template(docs_html: Path) -> None:
    text = (THEME_PATH / "theme.toml").read_text(encoding="utf-8")
    options = re.findall(r"^([a-z_]+)\s*=", text.split("[options]", 1)[1], re.MULTILINE)
    assert "tagline" in options
    page = soup(docs_html / "theming.html")
    cells = {code.get_text() for code in page.select("table code")}
    assert set(options) <= cells
    templates = {p.relative_to(THEME_PATH).as_posix() for p in THEME_PATH.rglob("*.html")}
    assert templates <= cells


def test_command_reference_shows_each_help(docs_html: Path) -> None:
    blocks = [
        pre.get_text() for pre in soup(docs_html / "reference" / "command.html").select("pre")
    ]
    for name in command_parsers():
        usage = f"usage: newsroom {name}".rstrip()
        assert any(block.startswith(usage) for block in blocks), name


def test_release_notes_are_articles(docs_html: Path) -> None:
    release = soup(docs_html / "releases" / "0.1.0.html")
    assert release.select_one("article.h-entry .p-author").get_text() == (
        "The sphinx-newsroom maintainers"
    )
    listing = soup(docs_html / "releases" / "index.html")
    links = listing.select("main .newsroom-article-list a.p-name")
    assert "releases/0.1.0.html" in {
        posixpath.normpath(posixpath.join("releases", a["href"])) for a in links
    }


def test_every_example_is_shown_in_the_docs_and_part_of_the_example_site() -> None:
    shown = _targets(_LITERALINCLUDE_RE, _doc_pages())
    examples = {
        p.resolve()
        for p in EXAMPLES.rglob("*")
        if p.suffix in (".rst", ".md", ".py") and "_build" not in p.parts
    }
    # Pages of the example site that only hold it together: no examples themselves.
    examples -= {(EXAMPLES / name).resolve() for name in ("about.rst", "lists.rst", "calendar.rst")}
    assert examples - shown == set()
    assert {p for p in shown if EXAMPLES in p.parents} <= examples
    snippets = {p.resolve() for p in (EXAMPLES / "snippets").glob("*.rst")}
    site_pages = [p for p in EXAMPLES.rglob("*.rst") if "snippets" not in p.parts]
    assert snippets <= _targets(_INCLUDE_RE, site_pages)


def test_every_directive_option_is_documented(make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    make_app("html", srcdir=EXAMPLES, builddir=tmp_path)  # registers the directives
    reference = (DOCS / "reference" / "directives.rst").read_text(encoding="utf-8")
    for name in DIRECTIVES:
        directive_class, _messages = directives.directive(name, None, None)
        assert directive_class is not None, name
        assert f".. _directive-{name}:" in reference
        for option in dict.keys(directive_class.option_spec or {}):
            assert f"``:{option}:``" in reference, (name, option)


def test_example_site_builds_cleanly(make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app("html", srcdir=EXAMPLES, builddir=tmp_path, freshenv=True)
    app.build()
    assert warnings(app) == ""
    out = app.outdir

    article = soup(out / "world" / "border-talks.html").select_one("article.h-entry")
    assert [a.get_text() for a in article.select(".p-author")] == ["Jane Doe", "Ali Rahimov"]
    assert article.select_one(".p-category").get_text() == "Opinion"
    related = article.find_next(class_="newsroom-related") or article.select_one(
        ".newsroom-related"
    )
    assert related.select_one("h2").get_text() == "More on the talks"
    related_links = [a["href"] for a in related.select("a")]
    assert related_links[0] == "talks-open.html"
    assert len(related_links) == 2
    assert "wrong venue" in article.get_text()

    comet = soup(out / "science" / "comet.html").select_one("article.h-entry")
    assert comet.select_one(".p-author").get_text() == "Jane Doe"

    lists = soup(out / "lists.html").select("main .newsroom-article-list")
    headlines = [[a.get_text() for a in item.select("a.p-name")] for item in lists]
    assert headlines == [
        ["Border talks move ahead without a shot fired", "Talks open in Baku"],
        [
            "The port reopens after the storm",
            "Border talks move ahead without a shot fired",
            "Talks open in Baku",
        ],
        [
            "The port reopens after the storm",
            "Border talks move ahead without a shot fired",
            "Why the new pipeline matters",
        ],
        ["Border talks move ahead without a shot fired"],
        ["Border talks move ahead without a shot fired"],
    ]
    assert "World news" in lists[0].get_text()
    assert "newsroom-article-list-cards" in lists[3]["class"]

    calendar = soup(out / "calendar.html").select_one("main table")
    assert calendar.caption.get_text() == "April 2024"
    days = sorted(a.get_text() for a in calendar.select("tbody a"))
    assert days == ["18", "19", "20", "21", "22"]

    front = soup(out / "index.html")
    assert len(front.select("main .newsroom-article-list a.p-name")) == 4


def test_every_warning_subtype_is_documented() -> None:
    """Contract section 6: each newsroom.* subtype is listed with a message and the fix."""
    import re

    package = Path(__file__).parent.parent / "sphinx_newsroom"
    code = "\n".join(path.read_text(encoding="utf-8") for path in package.rglob("*.py"))
    subtypes = set(re.findall(r'subtype="([a-z]+)"', code))
    subtypes |= set(re.findall(r'self\.warn\(\s*"([a-z]+)"', code))
    subtypes |= {"label", "correction", "related"}  # warned by name for parts of an article
    page = (Path(__file__).parent.parent / "docs" / "reference" / "warnings.rst").read_text(
        encoding="utf-8"
    )
    documented = set(re.findall(r"^``newsroom\.([a-z]+)``$", page, re.MULTILINE))
    assert subtypes == documented


#: ``sphinx-build`` and its arguments as the docs show them: a console line (``$ …``), a
#: workflow step (``- run: …``) or an inline literal (``…`` in reStructuredText, `…` in
#: Markdown), up to the end of the line or of the literal; not the word in a sentence.
_SPHINX_BUILD_RE = re.compile(
    r"(?:^[ \t]*(?:\$[ \t]+|-[ \t]+run:[ \t]+)|`)(?:[^\s`]*/)?sphinx-build((?:[ \t]+[^\s`]+)*)",
    re.MULTILINE,
)


def _shown_build_commands() -> list[tuple[str, list[str]]]:
    """Every ``sphinx-build`` command of the docs, the README and ``newsroom init``."""
    from sphinx_newsroom.cli import build_command

    sources = [
        *_doc_pages(),
        DOCS.parent / "README.md",
        *sorted((DOCS.parent / "sphinx_newsroom" / "cli_templates").glob("*.tmpl")),
    ]
    found = [("newsroom init", build_command(Path("mysite")))]
    for path in sources:
        for match in _SPHINX_BUILD_RE.finditer(path.read_text(encoding="utf-8")):
            found.append((path.relative_to(DOCS.parent).as_posix(), match.group(1).split()))
    return found


def _output_and_doctrees(args: list[str]) -> tuple[str, str] | None:
    """The output and doctree folders of a ``sphinx-build`` command; ``None`` for prose.

    Parsed as Sphinx itself parses them: make mode (``-M builder source build``) builds
    into ``build/builder`` with the doctrees in ``build/doctrees`` unless ``-d`` says
    otherwise; else the doctrees default to ``.doctrees`` inside the output folder.
    """
    import contextlib
    import io
    import posixpath

    from sphinx.cmd.build import get_parser

    if args[:1] == ["-M"]:
        if len(args) < 4:
            return None
        builder, source, build, *options = args[1:]
        args = ["-b", builder, "-d", posixpath.join(build, "doctrees"), source]
        args += [posixpath.join(build, builder), *options]
    try:
        with contextlib.redirect_stderr(io.StringIO()):
            parsed, _unknown = get_parser().parse_known_args(args)
    except SystemExit:  # ``sphinx-build -W`` named in a sentence: no folders, no command
        return None
    output = posixpath.normpath(parsed.outputdir)
    doctrees = posixpath.normpath(parsed.doctreedir or posixpath.join(output, ".doctrees"))
    return output, doctrees


def test_every_build_command_shown_keeps_the_doctrees_out_of_the_published_folder() -> None:
    """Contract section 6: the build's own state never sits inside the folder to publish."""
    inside, commands = [], 0
    for where, args in _shown_build_commands():
        folders = _output_and_doctrees(args)
        if folders is None:
            continue
        commands += 1
        output, doctrees = folders
        if doctrees == output or doctrees.startswith(output.rstrip("/") + "/"):
            inside.append(f"{where}: sphinx-build {' '.join(args)} (doctrees in {doctrees})")
    assert inside == []
    # The deployment guide (twice), the docs' front page, the tutorial, the command
    # reference (twice), the README (twice), the site `newsroom init` writes and prints.
    assert commands >= 9


def test_the_published_folder_of_the_deployment_guide_is_what_it_builds() -> None:
    """docs/deploying.rst uploads and copies the folder its build command writes."""
    text = (DOCS / "deploying.rst").read_text(encoding="utf-8")
    outputs = {
        folders[0]
        for args in (m.group(1).split() for m in _SPHINX_BUILD_RE.finditer(text))
        if (folders := _output_and_doctrees(args)) is not None
    }
    assert outputs == {"_build/dirhtml"}
    assert re.findall(r"^\s+path: (\S+)$", text, re.MULTILINE) == ["_build/dirhtml"]
    assert re.findall(r"rsync .* (\S+)/ \S+$", text, re.MULTILINE) == ["_build/dirhtml"]
