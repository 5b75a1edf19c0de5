"""The ``newsroom`` command: scaffold a site, write articles, check the build, serve it.

Exit codes: 0 on success, 1 when the command cannot do what was asked (a file would be
overwritten, the folder is not a site, a tool is missing), 2 for bad arguments.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import importlib.util
import json
import re
import signal
import string
import subprocess
import sys
import tempfile
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import metadata, resources
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import sphinx
from sphinx.config import eval_config_file
from sphinx.errors import ConfigError
from sphinx.util.tags import Tags

import sphinx_newsroom
from sphinx_newsroom.byline import NAME_CUTOFF
from sphinx_newsroom.config import builtin_labels
from sphinx_newsroom.dates import build_now, parse_datetime
from sphinx_newsroom.slugs import is_author_key, slugify

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2

#: Editor and tool litter that must not trigger a rebuild under ``newsroom serve``.
EDITOR_TEMP_FILES = r"(^|/)(\.#[^/]*|#[^/]*#|[^/]*~|[^/]*\.sw[a-p]|4913|[^/]*\.tmp|\.DS_Store)$"


class CommandError(Exception):
    """A command could not do what was asked; the message says why and what to do."""


@dataclass(frozen=True)
class SiteSettings:
    """What ``newsroom init`` writes into a new site."""

    title: str
    url: str
    language: str
    timezone: str


# --- text helpers -------------------------------------------------------------------------


def text_width(text: str) -> int:
    """Return the display width of *text*, counting wide (East Asian) characters twice."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def heading(text: str, underline: str = "=") -> str:
    """Return an rst section title with an underline as wide as the text."""
    return f"{text}\n{underline * max(text_width(text), 1)}\n"


def one_line(text: str) -> str:
    """Collapse whitespace (a title or a name spans one line)."""
    return " ".join(text.split())


# --- newsroom init ------------------------------------------------------------------------

#: What ``newsroom init`` writes besides the first article: path in the site → template.
SITE_FILES = {
    "conf.py": "conf.py.tmpl",
    "index.rst": "index.rst.tmpl",
    "about.rst": "about.rst.tmpl",
    ".gitignore": "gitignore.tmpl",
    "requirements.txt": "requirements.txt.tmpl",
    ".github/workflows/publish.yml": "publish.yml.tmpl",
    "_static/logo.svg": "logo.svg.tmpl",
    "_templates/.gitkeep": "",
}


def package_version() -> str:
    """Return the installed version of sphinx-newsroom."""
    try:
        return metadata.version("sphinx-newsroom")
    except metadata.PackageNotFoundError:  # run from a source tree that is not installed
        return str(sphinx_newsroom.__version__)


def initials(title: str) -> str:
    """Return up to two initials of a title for the logo ("The Daily Example" → "DE")."""
    words = [w for w in title.split() if w[:1].isalnum()]
    if len(words) > 1 and words[0].casefold() in {"the", "a", "an", "le", "la", "der", "die"}:
        words = words[1:]
    return "".join(word[0].upper() for word in words[:2]) or "N"


def template_text(name: str, settings: SiteSettings) -> str:
    """Return the file that template *name* makes for a site with *settings*."""
    if not name:
        return ""
    source = resources.files("sphinx_newsroom").joinpath("cli_templates", name)
    title = settings.title
    values = {
        "title": title,
        "title_repr": repr(title),
        "language_repr": repr(settings.language),
        "url_repr": repr(settings.url),
        "timezone_repr": repr(settings.timezone),
        "version": package_version(),
    }
    if name == "logo.svg.tmpl":
        values = {"title": xml_escape(title, {'"': "&quot;"}), "initials": initials(title)}
    elif name == "index.rst.tmpl":
        values["heading"] = heading(title)
    elif name == "about.rst.tmpl":
        values["heading"] = heading("About")
    return string.Template(source.read_text(encoding="utf-8")).substitute(values)


def conf_py(settings: SiteSettings) -> str:
    """Return the ``conf.py`` of a new site."""
    return template_text("conf.py.tmpl", settings)


def index_rst(settings: SiteSettings) -> str:
    """Return the front page: the newest articles, and a toctree of the site's own pages."""
    return template_text("index.rst.tmpl", settings)


def init_site(target: Path, settings: SiteSettings) -> list[Path]:
    """Scaffold a working site in *target* (which must be missing or empty)."""
    if target.exists() and not target.is_dir():
        raise CommandError(f"{target} exists and is not a folder")
    if target.is_dir() and any(target.iterdir()):
        raise CommandError(
            f"{target} is not empty; newsroom init never overwrites files. "
            "Choose a new or empty folder."
        )
    written = []
    for name, template in SITE_FILES.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(template_text(template, settings), encoding="utf-8")
        written.append(path)
    date, year = article_date(None)
    first = ArticleRequest(
        title=f"Welcome to {settings.title}",
        section="News",
        authors="The Editors",
        date=date,
        year=year,
        summary="The first article of a new newsroom.",
        body=(
            "This is the first article. Write the next one with::\n\n"
            '   newsroom new "A headline" --section World --author jane-doe\n'
        ),
    )
    written.append(write_article(target, first))
    return written


def build_command(site: Path) -> list[str]:
    """Return the ``sphinx-build`` arguments that build *site* as ``newsroom init`` shows.

    Make mode writes the pages to ``_build/html`` (the folder to publish) and keeps the
    build's own state in ``_build/doctrees``, outside it (contract section 6).
    """
    return ["-M", "html", str(site), str(site / "_build"), "-W", "--keep-going"]


# --- newsroom new -------------------------------------------------------------------------


@dataclass(frozen=True)
class ArticleRequest:
    """What ``newsroom new`` was asked to write."""

    title: str
    section: str
    authors: str
    date: str
    year: int
    label: str = ""
    tags: str = ""
    summary: str = ""
    body: str = "Write the article here.\n"


def article_path(site: Path, request: ArticleRequest) -> Path:
    """Return where an article goes: ``<section-slug>/<yyyy>/<title-slug>.rst``."""
    year = f"{request.year:04d}"
    return site / slugify(request.section) / year / f"{slugify(request.title)}.rst"


def format_moment(moment: datetime) -> str:
    """Format a date-time for a byline, to the minute, with its UTC offset."""
    text = moment.strftime("%Y-%m-%d %H:%M")
    offset = moment.strftime("%z")
    return f"{text}{offset[:3]}:{offset[3:]}" if offset else text


def article_rst(request: ArticleRequest) -> str:
    """Return the reStructuredText of an article skeleton."""
    fields = [f":section: {request.section}"]
    if request.tags:
        fields.append(f":tags: {request.tags}")
    if request.summary:
        fields.append(f":summary: {request.summary}")
    lines = [*fields, "", heading(request.title)]
    lines += [f".. byline:: {request.authors}", f"   :date: {request.date}", ""]
    if request.label:
        lines += [f".. label:: {request.label}", ""]
    lines.append(request.body)
    return "\n".join(lines)


def write_article(site: Path, request: ArticleRequest) -> Path:
    """Write the article skeleton, refusing to overwrite an existing file."""
    path = article_path(site, request)
    if path.exists():
        raise CommandError(
            f"{path} already exists; newsroom new never overwrites an article. "
            "Choose another title or edit the existing file."
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as stream:
        stream.write(article_rst(request))
    return path


def article_date(text: str | None) -> tuple[str, int]:
    """Return the byline date to write and its year: *text* as given, or now with an offset.

    A date given without an offset is written as is, so it stays in ``newsroom_timezone``;
    "now" carries the machine's offset, so it is never in the future for the build.
    """
    if not text:
        now = build_now().astimezone()
        return format_moment(now), now.year
    text = one_line(text)
    try:
        moment = parse_datetime(text, timezone.utc)
    except ValueError as exc:
        raise CommandError(f"--date: {exc}") from exc
    return text, moment.year


def check_site(site: Path) -> None:
    """Fail unless *site* holds a Sphinx ``conf.py``."""
    if not (site / "conf.py").is_file():
        raise CommandError(
            f"{site} has no conf.py, so it is not a site; run 'newsroom init {site}' first "
            "or point --dir at the site's folder."
        )


# --- the site's registry of authors and labels --------------------------------------------


@dataclass(frozen=True)
class SiteRegistry:
    """The author keys (with their names) and the labels a site's ``conf.py`` declares."""

    authors: dict[str, str]
    labels: frozenset[str]


def read_registry(site: Path) -> SiteRegistry:
    """Run the site's ``conf.py`` as Sphinx does and return its authors and labels."""
    conf = site / "conf.py"
    try:
        # Sphinx 9 reads the file's folder from a Path; Sphinx 8 compiles the name as a str.
        path: Any = conf.resolve() if sphinx.version_info >= (9,) else str(conf.resolve())
        namespace = eval_config_file(path, Tags())
    except ConfigError as exc:
        raise CommandError(f"cannot read {conf}: {exc}") from exc
    authors = namespace.get("newsroom_authors") or {}
    labels = namespace.get("newsroom_labels") or {}
    if not isinstance(authors, Mapping) or not isinstance(labels, Mapping):
        raise CommandError(f"{conf}: newsroom_authors and newsroom_labels must be dicts")
    names = {
        str(key): str(entry.get("name", "")) if isinstance(entry, Mapping) else ""
        for key, entry in authors.items()
    }
    known = set(builtin_labels())
    for key, entry in labels.items():
        if entry is None:
            known.discard(str(key))
        else:
            known.add(str(key))
    return SiteRegistry(names, frozenset(known))


def check_label(label: str, registry: SiteRegistry, conf: Path) -> None:
    """Fail unless *label* is one of the site's labels, naming the nearest."""
    if label in registry.labels:
        return
    nearest = difflib.get_close_matches(label, sorted(registry.labels), n=1, cutoff=0.6)
    hint = f"did you mean {nearest[0]!r}? " if nearest else ""
    raise CommandError(
        f"unknown label {label!r}; {hint}The labels of this site: "
        f"{', '.join(sorted(registry.labels))}. Add others to newsroom_labels in {conf}."
    )


def new_author_keys(authors: str, registry: SiteRegistry, *, allow_new: bool) -> list[str]:
    """Check a byline's authors against the registry; return the keys it does not know yet.

    A key or a name close to a registered one is taken for a typo unless *allow_new*.
    """
    new = []
    names = {name.casefold(): key for key, name in registry.authors.items() if name}
    for part in authors.split(","):
        author = one_line(part)
        if not author or author in registry.authors or author.casefold() in names:
            continue
        if is_author_key(author):
            nearest = difflib.get_close_matches(author, sorted(registry.authors), n=1)
            if nearest and not allow_new:
                raise CommandError(
                    f"unknown author key {author!r}; did you mean {nearest[0]!r}? "
                    f"(--new-author adds {author!r} to newsroom_authors instead)"
                )
            new.append(author)
            continue
        close = difflib.get_close_matches(author.casefold(), sorted(names), n=1, cutoff=NAME_CUTOFF)
        if close and not allow_new:
            key = names[close[0]]
            raise CommandError(
                f"{author!r} is not in newsroom_authors; did you mean "
                f"{registry.authors[key]!r} ({key})? (--new-author writes the name as given)"
            )
    return new


def name_of_key(key: str) -> str:
    """Return a first guess at an author's name from their key ("jane-doe" → "Jane Doe")."""
    return " ".join(part.capitalize() for part in key.split("-"))


def _offset(lines: list[str], lineno: int, col: int) -> int:
    """Return the index in the text of an ``ast`` position (*col* counts UTF-8 bytes)."""
    before = sum(len(line) for line in lines[: lineno - 1])
    return before + len(lines[lineno - 1].encode("utf-8")[:col].decode("utf-8"))


def add_author_entry(source: str, key: str, name: str) -> str:
    """Return *source* (a ``conf.py``) with ``newsroom_authors[key] = {"name": name}`` added.

    The entry goes into the ``newsroom_authors = {...}`` literal, keeping its comments and
    layout; a registry made some other way is extended by a line at the end.
    """
    entry = f'{json.dumps(key)}: {{"name": {json.dumps(name, ensure_ascii=False)}}},'
    literal: ast.Dict | None = None
    assigned = False
    for node in ast.parse(source).body:
        value = node.value if isinstance(node, (ast.Assign, ast.AnnAssign)) else None
        targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
        if value is not None and any(
            isinstance(t, ast.Name) and t.id == "newsroom_authors" for t in targets
        ):
            assigned = True
            literal = value if isinstance(value, ast.Dict) else None
    if literal is None or literal.end_lineno is None or literal.end_col_offset is None:
        spread = "**newsroom_authors, " if assigned else ""
        return f"{source.rstrip()}\n\nnewsroom_authors = {{{spread}{entry}}}\n"
    lines = source.splitlines(keepends=True)
    brace = _offset(lines, literal.end_lineno, literal.end_col_offset) - 1
    if literal.values:
        last = literal.values[-1]
        end = _offset(lines, last.end_lineno or 1, last.end_col_offset or 0)
        if not source[end:brace].lstrip().startswith(","):
            source = f"{source[:end]},{source[end:]}"
            brace += 1
    line_start = source.rfind("\n", 0, brace) + 1
    if source[line_start:brace].strip():
        return f"{source[:brace]}\n    {entry}\n{source[brace:]}"
    return f"{source[:line_start]}    {entry}\n{source[line_start:]}"


def register_authors(site: Path, keys: list[str]) -> list[str]:
    """Add each of *keys* to the site's registry; return a line to print for each."""
    conf = site / "conf.py"
    source = conf.read_text(encoding="utf-8")
    said = []
    for key in keys:
        name = name_of_key(key)
        source = add_author_entry(source, key, name)
        said.append(
            f"Added {key!r} to newsroom_authors in {conf} as {name!r}: "
            "correct the name there and add a bio."
        )
    conf.write_text(source, encoding="utf-8")
    return said


# --- newsroom check -----------------------------------------------------------------------

_WARNING_RE = re.compile(
    r"^(?:(?P<location>.+?): )?(?:\x1b\[[0-9;]*m)?(?P<level>WARNING|ERROR|CRITICAL): "
    r"(?P<message>.*)$"
)


@dataclass(frozen=True)
class BuildWarning:
    """One warning of a build: the file (relative to the site), its line, the message."""

    file: str
    line: int
    message: str


def parse_warnings(text: str, site: Path) -> list[BuildWarning]:
    """Return the warnings of a Sphinx warning file; continuation lines join their warning."""
    found: list[BuildWarning] = []
    root = str(site.resolve())
    for raw in text.splitlines():
        match = _WARNING_RE.match(raw)
        if match is None:
            if found and raw.strip():
                last = found.pop()
                found.append(BuildWarning(last.file, last.line, f"{last.message}\n{raw}"))
            continue
        location = match.group("location") or ""
        path, _colon, line = location.rpartition(":")
        if not line.isdigit():
            path, line = location, "0"
        if path.startswith(root):
            path = path[len(root) :].lstrip("/\\") or path
        found.append(BuildWarning(path, int(line), match.group("message")))
    return found


def warnings_report(warnings: list[BuildWarning]) -> str:
    """Return the warnings grouped by file (files in order, lines in order)."""
    by_file: dict[str, list[BuildWarning]] = {}
    for warning in warnings:
        by_file.setdefault(warning.file, []).append(warning)
    count = len(warnings)
    lines = [
        f"{count} warning{'s' if count != 1 else ''} in {len(by_file)} "
        f"file{'s' if len(by_file) != 1 else ''}:"
    ]
    for file in sorted(by_file):
        lines += ["", file or "(the site as a whole)"]
        for warning in sorted(by_file[file], key=lambda w: w.line):
            where = f"line {warning.line}: " if warning.line else ""
            lines.append(f"  {where}{warning.message}".replace("\n", "\n    "))
    return "\n".join(lines)


def check_site_build(site: Path) -> tuple[int, str]:
    """Build *site* from scratch with ``-W``; return the exit code and what to print."""
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "warnings.txt"
        command = [sys.executable, "-m", "sphinx", *build_command(site)]
        command += ["--fresh-env", "--quiet", "--no-color", "--warning-file", str(log)]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        text = log.read_text(encoding="utf-8") if log.exists() else ""
    warnings = parse_warnings(text, site)
    if warnings:
        return EXIT_FAILURE, warnings_report(warnings)
    if result.returncode != 0:
        return EXIT_FAILURE, (result.stderr or result.stdout).strip()
    html = site / "_build" / "html"
    return EXIT_OK, f"No warnings. The site is in {html}: publish that folder."


# --- newsroom serve -----------------------------------------------------------------------


def serve_command(site: Path, *, host: str, port: int, python: str = sys.executable) -> list[str]:
    """Return the sphinx-autobuild command line that serves *site* with live reload."""
    site = site.resolve()
    build = site / "_build"
    return [
        python,
        "-m",
        "sphinx_autobuild",
        str(site),
        str(build / "html"),
        "-d",
        str(build / "doctrees"),
        "--ignore",
        str(build),
        "--re-ignore",
        EDITOR_TEMP_FILES,
        "--host",
        host,
        "--port",
        str(port),
    ]


def run_child(command: list[str]) -> int:
    """Run *command*, passing SIGTERM and SIGINT on to it; return its exit code.

    Stopping ``newsroom serve`` by its process id (a service manager, an editor's task
    runner) must stop the server too, not leave it running without a parent.
    """
    child = subprocess.Popen(command)
    stopped = False

    def forward(signum: int, _frame: object) -> None:
        nonlocal stopped
        stopped = True
        if child.poll() is None:
            child.send_signal(signum)

    handled = (signal.SIGTERM, signal.SIGINT)
    previous = {signum: signal.signal(signum, forward) for signum in handled}
    try:
        code = child.wait()
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return EXIT_OK if stopped else code


# --- argument parsing ---------------------------------------------------------------------


def _non_empty(text: str) -> str:
    value = one_line(text)
    if not value:
        raise argparse.ArgumentTypeError("must not be empty")
    return value


def _timezone(text: str) -> str:
    try:
        ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an IANA time zone such as UTC or Europe/Berlin"
        ) from exc
    return text


def _label(text: str) -> str:
    value = text.strip().lower()
    if not is_author_key(value):
        raise argparse.ArgumentTypeError(f"{text!r} is not a label key such as opinion")
    return value


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (0 to 65535)")
    return port


def build_parser() -> argparse.ArgumentParser:
    """Return the parser of ``newsroom`` and its subcommands."""
    return command_parsers()[""]


def _site_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "dir",
        metavar="DIR",
        nargs="?",
        type=Path,
        default=Path("."),
        help="folder of the site (default: the current folder)",
    )


#: Each subcommand: its one-line help and its description.
SUBCOMMANDS = {
    "init": (
        "create a new site in a folder",
        "Create a working site: conf.py, a front page, an about page, a first article, a "
        "logo, a .gitignore and a GitHub Actions workflow that builds with -W and publishes "
        "to GitHub Pages. DIR must be new or empty.",
    ),
    "new": (
        "write a new article skeleton",
        "Write <section>/<year>/<slug>.rst with a byline dated now (or --date). Author keys "
        "and the label are checked against the site's conf.py; an author key it does not "
        "know yet is added to newsroom_authors. An existing file is never overwritten.",
    ),
    "check": (
        "build the site from scratch with -W and list its warnings by file",
        "Build the site as its CI does (sphinx-build -M html DIR DIR/_build -W --keep-going, "
        "from a fresh environment) and print the warnings grouped by file. Exit code 1 when "
        "there is any.",
    ),
    "serve": (
        "build the site and serve it with live reload",
        "Run sphinx-autobuild on the site: rebuild on every change, serve the result and "
        "reload the browser. Ignores _build and editor temporary files.",
    ),
}


def _init_arguments(init: argparse.ArgumentParser) -> None:
    init.add_argument("dir", metavar="DIR", type=Path, help="folder of the new site")
    init.add_argument(
        "--title",
        type=_non_empty,
        default="The Daily Example",
        help="name of the publication (default: %(default)s)",
    )
    init.add_argument(
        "--url",
        type=_non_empty,
        default="https://news.example.org/",
        help="address the site will be published at (default: %(default)s)",
    )
    init.add_argument(
        "--language",
        type=_non_empty,
        default="en",
        help="language of the site, e.g. en, de, fr, az (default: %(default)s)",
    )
    init.add_argument(
        "--timezone",
        type=_timezone,
        default="UTC",
        help="IANA time zone of the newsroom (default: %(default)s)",
    )


def _new_arguments(new: argparse.ArgumentParser) -> None:
    new.add_argument("title", type=_non_empty, help="the headline")
    new.add_argument("--section", type=_non_empty, required=True, help="the article's section")
    new.add_argument(
        "--author",
        type=_non_empty,
        required=True,
        help="author key (jane-doe) or name; several separated by commas",
    )
    new.add_argument(
        "--new-author",
        action="store_true",
        help="the author is new, not a typo of a known one: add the key or keep the name",
    )
    new.add_argument("--label", type=_label, default=None, help="a label such as opinion")
    new.add_argument("--tags", default="", help="comma-separated tags")
    new.add_argument("--summary", default="", help="one sentence for lists and feeds")
    new.add_argument(
        "--date",
        default=None,
        help='ISO 8601 date or date-time, quoted when it has a time: "2024-04-20 10:15" '
        "(default: now)",
    )
    new.add_argument(
        "--dir",
        type=Path,
        default=Path("."),
        help="folder of the site (default: the current folder)",
    )


def command_parsers() -> dict[str, argparse.ArgumentParser]:
    """Return the parser of ``newsroom`` (key ``""``) and of each subcommand (by name)."""
    parser = argparse.ArgumentParser(
        prog="newsroom",
        description="Start and run a news site built with Sphinx and sphinx-newsroom.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {package_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    parsers = {"": parser}
    for name, (summary, description) in SUBCOMMANDS.items():
        parsers[name] = commands.add_parser(name, help=summary, description=description)
    _init_arguments(parsers["init"])
    _new_arguments(parsers["new"])
    _site_dir(parsers["check"])
    _site_dir(parsers["serve"])
    parsers["serve"].add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: %(default)s)"
    )
    parsers["serve"].add_argument(
        "--port", type=_port, default=8000, help="port to listen on (default: %(default)s)"
    )
    return parsers


def _run_init(args: argparse.Namespace) -> int:
    settings = SiteSettings(args.title, args.url, args.language, args.timezone)
    site = args.dir
    written = init_site(site, settings)
    new = 'newsroom new "A headline" --section World --author jane-doe'
    print(f"Created a site in {site} ({len(written)} files). Next:")
    print(f"  write an article:   {new} --dir {site}")
    print(f"  check and build:    newsroom check {site}")
    print(f"  (or with Sphinx:    sphinx-build {' '.join(build_command(site))})")
    print(f"  serve as you write: newsroom serve {site}")
    print(f"  publish the folder {site / '_build' / 'html'}; on GitHub,")
    print("  .github/workflows/publish.yml does that on every push and every day.")
    return EXIT_OK


def _run_new(args: argparse.Namespace) -> int:
    check_site(args.dir)
    registry = read_registry(args.dir)
    if args.label:
        check_label(args.label, registry, args.dir / "conf.py")
    new_keys = new_author_keys(args.author, registry, allow_new=args.new_author)
    date, year = article_date(args.date)
    request = ArticleRequest(
        title=args.title,
        section=args.section,
        authors=args.author,
        date=date,
        year=year,
        label=args.label or "",
        tags=one_line(args.tags),
        summary=one_line(args.summary),
    )
    path = write_article(args.dir, request)
    print(path)
    for line in register_authors(args.dir, new_keys) if new_keys else []:
        print(line)
    return EXIT_OK


def _run_check(args: argparse.Namespace) -> int:
    check_site(args.dir)
    code, report = check_site_build(args.dir)
    print(report, file=sys.stderr if code else sys.stdout)
    return code


def _run_serve(args: argparse.Namespace) -> int:
    check_site(args.dir)
    if importlib.util.find_spec("sphinx_autobuild") is None:
        raise CommandError(
            "sphinx-autobuild is missing (it comes with sphinx-newsroom); reinstall with "
            "'python -m pip install sphinx-newsroom' or 'python -m pip install sphinx-autobuild'."
        )
    return run_child(serve_command(args.dir, host=args.host, port=args.port))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``newsroom`` command; return its exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    runners = {
        "init": _run_init,
        "new": _run_new,
        "check": _run_check,
        "serve": _run_serve,
    }
    try:
        return runners[args.command](args)
    except CommandError as exc:
        print(f"newsroom {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_FAILURE


if __name__ == "__main__":
    sys.exit(main())
