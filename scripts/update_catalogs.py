"""Refresh sphinx-newsroom's message catalogs: extract, update every language, compile.

Usage::

    python scripts/update_catalogs.py            # extract + update the .po files + compile
    python scripts/update_catalogs.py --check    # exit 1 if a message is new or untranslated
    python scripts/update_catalogs.py --add xx   # start a catalog for language xx

Strings come from ``_()`` in the package's Python code, the theme's templates and the
extension's ``templates/``. After an update, translate the empty ``msgstr`` entries in
``sphinx_newsroom/locale/<lang>/LC_MESSAGES/sphinx_newsroom.po`` and run the script again to
compile them into ``.mo`` files, which are what Sphinx reads.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

PACKAGE = Path(__file__).resolve().parent.parent / "sphinx_newsroom"
LOCALE_DIR = PACKAGE / "locale"
DOMAIN = "sphinx_newsroom"
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
AUTHORS = "sphinx-newsroom developers"

#: Which files hold messages, and how to read them (paths relative to the package).
METHOD_MAP = [
    ("locale/**", "ignore"),
    ("**.py", "python"),
    ("theme/**.html", "jinja2.ext:babel_extract"),
    ("templates/**.html", "jinja2.ext:babel_extract"),
]
OPTIONS_MAP = {
    "theme/**.html": {"trimmed": "true"},
    "templates/**.html": {"trimmed": "true"},
}
#: ``_("text")`` is a message; ``_("singular", "plural", n)`` is a plural message (Sphinx's
#: ``get_translation`` functions take both forms).
KEYWORDS = {**DEFAULT_KEYWORDS, "_": {1: (1,), 3: (1, 2)}}


def extract() -> Catalog:
    """Return a catalog of every translatable string in the package and its templates."""
    template = Catalog(
        project="sphinx-newsroom", copyright_holder=AUTHORS, charset="utf-8", fuzzy=False
    )
    found = extract_from_dir(
        str(PACKAGE),
        method_map=METHOD_MAP,
        options_map=OPTIONS_MAP,
        keywords=KEYWORDS,
        comment_tags=("Translators:",),
        strip_comment_tags=True,
    )
    for filename, lineno, message, comments, context in found:
        location = (f"sphinx_newsroom/{Path(filename).as_posix()}", lineno)
        template.add(message, None, [location], auto_comments=comments, context=context)
    return template


def languages() -> list[str]:
    """Return the languages that have a catalog."""
    return sorted(path.parent.parent.name for path in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalog(language: str) -> Catalog:
    """Return the language's catalog, or a new empty one."""
    path = po_path(language)
    if not path.exists():
        return Catalog(
            locale=language,
            domain=DOMAIN,
            project="sphinx-newsroom",
            copyright_holder=AUTHORS,
            last_translator=AUTHORS,
            language_team=AUTHORS,
            fuzzy=False,
        )
    with path.open("rb") as stream:
        return read_po(stream, locale=language, domain=DOMAIN)


def untranslated(catalog: Catalog) -> list[str]:
    """Return the message ids that have no (or only a fuzzy) translation."""
    missing = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            missing.append(str(message.id))
    return missing


def format_errors(catalog: Catalog) -> list[str]:
    """Return translations whose placeholders do not match their message id."""
    return [
        f"{catalog.locale}: {message.id!r}: {error}"
        for message, errors in catalog.check()
        if message.string and (not isinstance(message.string, tuple) or all(message.string))
        for error in errors
    ]


def write(path: Path, catalog: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as stream:
        write_po(stream, catalog, width=100, omit_header=False, ignore_obsolete=True)


def compile_catalog(language: str, catalog: Catalog) -> Path:
    """Write the ``.mo`` file Sphinx reads, from the translated entries."""
    path = po_path(language).with_suffix(".mo")
    with path.open("wb") as stream:
        write_mo(stream, catalog, use_fuzzy=False)
    return path


def keep_creation_date(template: Catalog) -> None:
    """Keep the old ``POT-Creation-Date`` while the messages are the same (quiet diffs)."""
    if not TEMPLATE.exists():
        return
    with TEMPLATE.open("rb") as stream:
        old = read_po(stream)
    if {m.id for m in old if m.id} == {m.id for m in template if m.id}:
        template.creation_date = old.creation_date


def update(langs: Iterable[str]) -> int:
    """Extract, update each language's ``.po`` and compile it; return the exit code."""
    template = extract()
    keep_creation_date(template)
    write(TEMPLATE, template)
    status = 0
    for language in langs:
        catalog = read_catalog(language)
        catalog.update(template, no_fuzzy_matching=True)
        write(po_path(language), catalog)
        errors = format_errors(catalog)
        for error in errors:
            print(error, file=sys.stderr)
        status = status or int(bool(errors))
        compile_catalog(language, catalog)
        missing = untranslated(catalog)
        note = f", {len(missing)} to translate" if missing else ""
        print(f"{language}: {len(template)} messages{note}")
    return status


def check(langs: Iterable[str]) -> int:
    """Report messages that are missing from or untranslated in a catalog."""
    ids = {str(message.id) for message in extract() if message.id}
    status = 0
    for language in langs:
        catalog = read_catalog(language)
        present = {str(message.id) for message in catalog if message.id}
        problems = sorted(ids - present) + untranslated(catalog) + format_errors(catalog)
        for problem in problems:
            print(f"{language}: {problem}", file=sys.stderr)
        status = status or int(bool(problems))
    return status


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check, change nothing")
    parser.add_argument(
        "--add",
        metavar="LANG",
        action="append",
        default=[],
        help="start a catalog for a new language (repeatable)",
    )
    args = parser.parse_args(argv)
    langs = sorted(set(languages()) | set(args.add))
    if args.check:
        return check(langs)
    return update(langs)


if __name__ == "__main__":
    sys.exit(main())
