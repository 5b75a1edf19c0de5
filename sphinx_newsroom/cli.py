"""The ``newsroom`` command: scaffold a site, write article skeletons, serve with live reload.

Exit codes: 0 on success, 1 when the command cannot do what was asked (a file would be
overwritten, the folder is not a site, a tool is missing), 2 for bad arguments.
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

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


def conf_py(settings: SiteSettings) -> str:
    """Return the ``conf.py`` of a new site."""
    return f'''"""Configuration of {settings.title}: sphinx-build reads this file."""

project = {settings.title!r}
language = {settings.language!r}
extensions = ["sphinx_newsroom"]
html_theme = "newsroom"
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]

# sphinx-newsroom: see the configuration reference for every setting.
newsroom_site_url = {settings.url!r}  # where the site will be published
newsroom_timezone = {settings.timezone!r}  # dates without an offset are in this zone
newsroom_publisher = {{"name": project}}
newsroom_authors = {{
    # "jane-doe": {{"name": "Jane Doe", "bio": "Diplomatic correspondent."}},
}}
newsroom_page_size = 20
newsroom_feed_length = 20
'''


def index_rst(settings: SiteSettings) -> str:
    """Return the front page: the newest articles, and a toctree of the site's own pages."""
    return f"""{heading(settings.title)}
.. article-list::
   :limit: 20
   :style: summary

.. Articles need no toctree: readers find them through the lists, the archives and the
   feeds, and sphinx-newsroom keeps them out of the theme's navigation. List the site's
   own pages here (about, contact, a section front).

.. toctree::
   :hidden:

   about
"""


def about_rst(settings: SiteSettings) -> str:
    """Return the about page of a new site."""
    return f"""{heading("About")}
{settings.title} is written in reStructuredText and built with Sphinx and sphinx-newsroom.
"""


def init_site(target: Path, settings: SiteSettings) -> list[Path]:
    """Scaffold a working site in *target* (which must be missing or empty)."""
    if target.exists() and not target.is_dir():
        raise CommandError(f"{target} exists and is not a folder")
    if target.is_dir() and any(target.iterdir()):
        raise CommandError(
            f"{target} is not empty; newsroom init never overwrites files. "
            "Choose a new or empty folder."
        )
    files = {
        target / "conf.py": conf_py(settings),
        target / "index.rst": index_rst(settings),
        target / "about.rst": about_rst(settings),
        target / "_static" / ".gitkeep": "",
        target / "_templates" / ".gitkeep": "",
    }
    written = []
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
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
            '   newsroom new "A headline" --section World --author "Jane Doe"\n'
        ),
    )
    written.append(write_article(target, first))
    return written


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
        "--ignore",
        str(build),
        "--re-ignore",
        EDITOR_TEMP_FILES,
        "--host",
        host,
        "--port",
        str(port),
    ]


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


def command_parsers() -> dict[str, argparse.ArgumentParser]:
    """Return the parser of ``newsroom`` (key ``""``) and of each subcommand (by name)."""
    parser = argparse.ArgumentParser(
        prog="newsroom",
        description="Start and run a news site built with Sphinx and sphinx-newsroom.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    init = commands.add_parser(
        "init",
        help="create a new site in a folder",
        description="Create a working site: conf.py, a front page, an about page and a "
        "first article. DIR must be new or empty.",
    )
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

    new = commands.add_parser(
        "new",
        help="write a new article skeleton",
        description="Write <section>/<year>/<slug>.rst with a byline dated now (or --date). "
        "An existing file is never overwritten.",
    )
    new.add_argument("title", type=_non_empty, help="the headline")
    new.add_argument("--section", type=_non_empty, required=True, help="the article's section")
    new.add_argument(
        "--author",
        type=_non_empty,
        required=True,
        help="author name or key; several separated by commas",
    )
    new.add_argument("--label", type=_label, default=None, help="a label such as opinion")
    new.add_argument("--tags", default="", help="comma-separated tags")
    new.add_argument("--summary", default="", help="one sentence for lists and feeds")
    new.add_argument(
        "--date",
        default=None,
        help="ISO 8601 date or date-time, e.g. 2024-04-20 10:15 (default: now)",
    )
    new.add_argument(
        "--dir",
        type=Path,
        default=Path("."),
        help="folder of the site (default: the current folder)",
    )

    serve = commands.add_parser(
        "serve",
        help="build the site and serve it with live reload",
        description="Run sphinx-autobuild on the site: rebuild on every change, serve the "
        "result and reload the browser. Ignores _build and editor temporary files.",
    )
    serve.add_argument(
        "dir",
        metavar="DIR",
        nargs="?",
        type=Path,
        default=Path("."),
        help="folder of the site (default: the current folder)",
    )
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: %(default)s)"
    )
    serve.add_argument(
        "--port", type=_port, default=8000, help="port to listen on (default: %(default)s)"
    )
    return {"": parser, "init": init, "new": new, "serve": serve}


def _run_init(args: argparse.Namespace) -> int:
    settings = SiteSettings(args.title, args.url, args.language, args.timezone)
    written = init_site(args.dir, settings)
    print(f"Created a site in {args.dir} ({len(written)} files).")
    print(f"Build it with:  sphinx-build -W {args.dir} {args.dir / '_build' / 'html'}")
    print(f"Or serve it:    newsroom serve {args.dir}")
    return EXIT_OK


def _run_new(args: argparse.Namespace) -> int:
    check_site(args.dir)
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
    return EXIT_OK


def _run_serve(args: argparse.Namespace) -> int:
    check_site(args.dir)
    if importlib.util.find_spec("sphinx_autobuild") is None:
        raise CommandError(
            "sphinx-autobuild is not installed; install it with 'pip install sphinx-autobuild'."
        )
    command = serve_command(args.dir, host=args.host, port=args.port)
    try:
        return subprocess.call(command)
    except KeyboardInterrupt:
        return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``newsroom`` command; return its exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    runners = {"init": _run_init, "new": _run_new, "serve": _run_serve}
    try:
        return runners[args.command](args)
    except CommandError as exc:
        print(f"newsroom {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_FAILURE


if __name__ == "__main__":
    sys.exit(main())
