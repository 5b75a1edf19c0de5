"""Incremental builds: rewrite exactly the pages whose newsroom-derived content changed.

Two mechanisms, one for each kind of output:

* Pages of documents.  Every page shows some data drawn from other documents (its
  previous/next articles, its calendar, its related and article lists).  After reading, we
  compute for every page a digest of that data (the input functions that the pipeline
  hands over in a :class:`Tracking`, one per page part) and
  compare it with the digest the page was last written with; pages whose digest changed are
  returned from ``env-get-updated`` and so are rewritten, while the documents themselves are
  not read again.

* Generated pages and files (``html-collect-pages`` pages, feeds, sitemaps).  Sphinx renders
  every page a ``html-collect-pages`` handler yields, so a feature passes its pages through
  :func:`pages_to_write`, which yields only those whose digest changed or whose output file is
  missing; every other file we write (feeds, sitemaps) goes through :func:`write_output`,
  which leaves a file alone when its bytes are unchanged and records it.  When a build
  succeeds, generated pages and files of the previous build that were not produced again
  (an emptied day archive, a tag nobody uses, feeds after the site URL was unset) are
  deleted.

The digests live beside the doctrees (:func:`record_path`: never in the folder a site owner
publishes), saved at the end of a successful
build (and only when it changed), not in the environment: Sphinx pickles the environment
right after reading, before anything is written, so digests kept there would claim pages an
interrupted build never wrote; and builders that share one doctree directory (``html`` and
``dirhtml``) each need to know what *their* output directory holds.

This module is a leaf: it imports no feature.  What pages depend on is the pipeline's to
say (``pipeline.py``).
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import hashlib
import json
import os
import re
import weakref
from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import Enum
from functools import cached_property
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, NamedTuple

from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util.osutil import os_path

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

#: Functions ``(env, pagename) -> value``: what a page shows from other documents.
#: They are also called for generated pages (``archive/2024/index`` …), so they must accept
#: any page name and return plain values (see :func:`canonical`).  They may read the
#: configuration, titles and toctrees, the data of the newsroom domains (those named
#: ``newsroom…``), and the time of the build only through what :attr:`Tracking.state`
#: returns: :func:`build_state` digests exactly these.
PageInputs = Callable[["BuildEnvironment", str], Any]

#: Domains whose data pages may show: every domain whose name starts with this.
DOMAIN_PREFIX = "newsroom"


def _nothing_made(env: BuildEnvironment, docnames: Sequence[str]) -> Any:
    return None


def _keep_nothing(env: BuildEnvironment, made: Any) -> None:
    return None


@dataclass(frozen=True)
class Tracking:
    """What the pipeline tells the output record about the pages it builds."""

    #: What a page shows from other documents, one function per part of the page.
    inputs: Sequence[PageInputs]
    #: What else pages may depend on that the configuration and the domains do not hold
    #: (which articles are listed, the current day), as plain values.
    state: Callable[[BuildEnvironment], Any]
    #: The names of the articles (whose previous/next are the article chain).
    articles: Callable[[BuildEnvironment], Container[str]]
    #: The version of the collected data: a new one rewrites every generated page.
    version: int
    #: What a worker process that digested the pages of some documents made on the way
    #: that the main process must keep (as a value it can pickle; see
    #: :func:`_document_digests`): the related rankings, which Sphinx saves right after.
    made_by_digests: Callable[[BuildEnvironment, Sequence[str]], Any] = _nothing_made
    #: How the main process keeps what :attr:`made_by_digests` returned.
    keep_made: Callable[[BuildEnvironment, Any], None] = _keep_nothing


#: Domain data that is not what pages show, left out of :func:`build_state`: records of
#: what was written (they name output folders, which differ between equal builds) and
#: memos that a build updates after the state is taken (the last build's related rankings).
BOOKKEEPING = frozenset(
    {
        ("newsroom-listings", "generated"),
        ("newsroom-related", "memory"),
    }
)

#: The file, beside the doctrees, that records what newsroom generated in an output folder.
OUTPUTS_RECORD = "newsroom-outputs-{builder}-{folder}.json"


def record_path(doctreedir: Path, builder: str, outdir: Path) -> Path:
    """Return where the record of *outdir* lives: with the doctrees, never in the output.

    Builders that share a doctree folder (``html`` and ``dirhtml``) keep a record each.
    """
    folder = hashlib.blake2b(str(outdir.resolve()).encode(), digest_size=6).hexdigest()
    return doctreedir / OUTPUTS_RECORD.format(builder=builder, folder=folder)


_RECORD_VERSION = 1
_ADDRESS_RE = re.compile(r" at 0x[0-9a-fA-F]+")


# -- digests ------------------------------------------------------------------------------


@contextlib.contextmanager
def without_cyclic_gc() -> Iterator[None]:
    """Hold the cyclic garbage collector off while tens of thousands of small acyclic
    objects are made (digests of every page, a memory unpacked): it would walk the whole
    environment again and again and find nothing (a third of a digest pass at 1,000
    articles).  Reference counting still frees everything as usual."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def canonical(value: Any) -> Any:
    """Return *value* as JSON-ready data that is the same in every process and every run.

    Sets are sorted and dicts ordered by key (their iteration order follows the string hash,
    which differs between processes), dataclasses become their fields, date-times keep their
    zone, and functions become their qualified name.
    """
    kind = type(value)
    if kind in _LEAVES:
        return value
    # The common containers first, their plain items without a call (the same result as
    # the general cases below, several times faster: every page is digested every build).
    if kind is list or kind is tuple:
        return [item if type(item) in _LEAVES else canonical(item) for item in value]
    if kind is dict and all(type(key) is str for key in value):
        return [
            "map",
            [
                [key, item if type(item) in _LEAVES else canonical(item)]
                for key, item in sorted(value.items())
            ],
        ]
    if isinstance(value, str):  # Markup and other str subclasses render differently
        return [type(value).__name__, str(value)]
    if isinstance(value, (datetime, date, time)):
        return [type(value).__name__, value.isoformat(), str(getattr(value, "tzinfo", ""))]
    if isinstance(value, Enum):
        return [type(value).__qualname__, value.name]
    if isinstance(value, Fingerprinted):
        return ["fingerprint", kind.__qualname__, value.fingerprint]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _fields(value)
    if isinstance(value, Mapping):
        if all(type(key) is str for key in value):  # the common case, sorted cheaply
            return ["map", [[key, canonical(value[key])] for key in sorted(value)]]
        items = [[canonical(k), canonical(v)] for k, v in value.items()]
        return ["map", sorted(items, key=_sort_key)]
    if isinstance(value, (set, frozenset)):
        return ["set", sorted((canonical(v) for v in value), key=_sort_key)]
    if isinstance(value, (list, tuple)):
        return [canonical(v) for v in value]
    if isinstance(value, (bool, int, float)):  # IntEnum and friends were handled above
        return value
    if isinstance(value, bytes):
        return ["bytes", value.hex()]
    if isinstance(value, PurePath):
        return ["path", value.as_posix()]
    if callable(value):
        name = getattr(value, "__qualname__", type(value).__qualname__)
        return ["callable", f"{getattr(value, '__module__', '')}.{name}"]
    try:
        text = _ADDRESS_RE.sub("", repr(value))
    except Exception:  # a broken __repr__ of some configuration value
        text = ""
    return [type(value).__qualname__, text]


#: The metadata of a dataclass field that only the page of the value's own document shows
#: (``field(metadata=OWN_PAGE_ONLY)``): digests leave it out.  Sphinx writes a document's
#: page whenever it reads the document again, and nothing else can change such a field,
#: so no digest needs it.  An article's word count is one: almost every edit of an
#: article changes it, and with it in :func:`build_state` every edit would digest every page.
OWN_PAGE_ONLY: Mapping[str, bool] = {"newsroom_own_page_only": True}


_digested: dict[type, tuple[str, ...]] = {}


def _digested_fields(kind: type) -> tuple[str, ...]:
    """Return the names of the fields of the dataclass *kind* that digests cover."""
    names = _digested.get(kind)
    if names is None:
        names = _digested[kind] = tuple(
            f.name for f in dataclasses.fields(kind) if not f.metadata.get("newsroom_own_page_only")
        )
    return names


def _fields(value: Any) -> list[Any]:
    """Return a dataclass instance as its class name and its fields, canonical (but for
    those of :data:`OWN_PAGE_ONLY`)."""
    return [
        type(value).__qualname__,
        [canonical(getattr(value, name)) for name in _digested_fields(type(value))],
    ]


class Fingerprinted:
    """A frozen dataclass whose digest is made once and kept with it.

    The digest stays in the instance's ``__dict__``, so it is pickled with the environment:
    a build digests only the objects it made (the articles it read), not the thousands it
    loaded.  :func:`canonical` stands the digest for the fields, which must never change
    (a frozen dataclass of plain values; :func:`dataclasses.replace` makes a new one).
    """

    @cached_property
    def fingerprint(self) -> str:
        """The digest of the class name and the fields (see :func:`canonical`)."""
        return digest(_fields(self))


#: The types :func:`canonical` returns as they are (exactly these: not their subclasses).
_LEAVES = frozenset({type(None), bool, int, float, str})


def _sort_key(item: Any) -> str:
    return json.dumps(item, ensure_ascii=False)


def digest(value: Any) -> str:
    """Return a stable hex digest of *value* (any mix of plain values, see :func:`canonical`)."""
    text = json.dumps(canonical(value), ensure_ascii=False, separators=(",", ":"))
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def page_inputs(tracking: Tracking, env: BuildEnvironment, pagename: str) -> list[Any]:
    """Return everything *pagename*'s page shows from other documents, to be digested
    (with what else the page shows: one digest per page)."""
    return [inputs(env, pagename) for inputs in tracking.inputs]


def build_state(app: Sphinx, env: BuildEnvironment, tracking: Tracking) -> str:
    """Return a digest of everything the page inputs may depend on, cheaply.

    That is the configuration, the documents with their titles and toctrees, the data of
    the newsroom domains (the articles, the lists, related blocks and calendars each page
    asks for; but not their :data:`BOOKKEEPING`), which articles are listed and the current
    day (the only ways in which the time of the build may matter).  When it is as recorded,
    no page's digest can have changed, whatever was read: a body-only edit then costs no
    digest at all.  It is made of contents, not times, so two clean builds record the same
    state.
    """
    domain_data = {
        (domain, key): value
        for domain, data in sorted(env.domaindata.items())
        if domain.startswith(DOMAIN_PREFIX)
        for key, value in sorted(data.items())
        if (domain, key) not in BOOKKEEPING
    }
    return digest(
        [
            _config_values(app),
            sorted(env.found_docs),
            {docname: title.astext() for docname, title in env.titles.items()},
            env.toctree_includes,
            domain_data,
            tracking.state(env),
        ]
    )


def _config_values(app: Sphinx) -> dict[str, Any]:
    return {opt.name: opt.value for opt in app.config}


def quick_state(app: Sphinx, env: BuildEnvironment, tracking: Tracking) -> str:
    """Return a digest of when each document was read, the configuration and the day.

    When it is as recorded, this build read and removed nothing since the record was saved,
    so :func:`build_state` is as recorded too, and no document's rendering changed (which
    full-text feeds show): a build with nothing to do costs no digest of the domains, and
    files are not made again (see :func:`write_output`).  Made of times, so never compared
    between two builds that both read.
    """
    return digest(
        [
            sorted(env.all_docs.items()),
            _config_values(app),
            tracking.state(env),
        ]
    )


def nothing_read(app: Sphinx, env: BuildEnvironment) -> bool:
    """Return whether this build read and removed nothing since the last one into this
    output folder, and has its configuration and day (from ``env-updated`` on)."""
    record = _record(app)
    if not record.quick:
        record.quick = quick_state(app, env, record.tracking)
    return record.nothing_read


def state_unchanged(app: Sphinx) -> bool:
    """Return whether this build's :func:`build_state` is the one recorded by the last
    build into this output folder (known from :func:`changed_pages` on)."""
    return _record(app).unchanged


def changed_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """On ``env-get-updated``: return the pages whose digest changed since they were written."""
    with without_cyclic_gc():
        return _changed_pages(app, env)


def _changed_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    record = _record(app)
    tracking = record.tracking
    if nothing_read(app, env):
        record.state = record.old_state
    else:
        record.state = build_state(app, env, tracking)
    if record.unchanged:
        # Every digest would come out as recorded (and computing them costs about as much
        # as a list of related articles per page).
        return _missing_generated_pages(app, record)
    relations = env.collect_relations()
    articles = tracking.articles(env)
    # The newsroom theme shows no toctree neighbour on any document (its layout's
    # linktags): a page of its own need not be rewritten when they change.
    neighbours = env.config.html_theme != "newsroom"

    def digest_of(docname: str) -> str:
        return digest(
            [
                page_inputs(tracking, env, docname),
                _toctree_inputs(env, relations, docname, articles, neighbours=neighbours),
            ]
        )

    # Digesting the documents ranks every related list before Sphinx saves the environment,
    # so the rankings it saves (which the next build brings up to date) are complete.
    record.docs = _document_digests(app, tracking, sorted(env.found_docs), digest_of)
    return [
        docname for docname, value in record.docs.items() if record.old_docs.get(docname) != value
    ]


#: The fewest documents whose pages are digested in worker processes too under ``-j N``.
PARALLEL_DIGESTS = 200


def _document_digests(
    app: Sphinx, tracking: Tracking, docnames: list[str], digest_of: Callable[[str], str]
) -> dict[str, str]:
    """Return the digest of each of *docnames*' pages; under ``-j N``, made by N processes.

    A build that read every document (or changed what every page shows) digests every
    page, which ranks every related list: 0.39 s at 1,000 articles, in the main process
    alone between reading and writing, while the cores that read are idle.  Under
    ``-j N`` the main process digests the first page (what it makes that pages share, as
    the related index and the calendars, is then made once, before forking), then forks
    N - 1 workers: each digests every N-th page and sends back the digests and what the
    pipeline keeps of what it made (:attr:`Tracking.made_by_digests`: the rankings, which
    Sphinx saves in the environment right after), while the main process digests its own
    share (0.24 s in all with ``-j 2``).
    """
    from sphinx.util.parallel import ParallelTasks, parallel_available

    nproc = app.parallel if parallel_available else 1
    if nproc < 2 or len(docnames) < PARALLEL_DIGESTS:
        return {docname: digest_of(docname) for docname in docnames}
    env = app.env
    digests = {docnames[0]: digest_of(docnames[0])}

    def work(share: list[str]) -> tuple[dict[str, str], Any]:
        return {name: digest_of(name) for name in share}, tracking.made_by_digests(env, share)

    def done(_share: list[str], result: tuple[dict[str, str], Any]) -> None:
        found, made = result
        digests.update(found)
        tracking.keep_made(env, made)

    tasks = ParallelTasks(nproc - 1)
    try:
        for first in range(1, nproc):
            tasks.add_task(work, docnames[first::nproc], done)
        for docname in docnames[nproc::nproc]:
            digests[docname] = digest_of(docname)
        tasks.join()
    except BaseException:
        tasks.terminate()
        raise
    return {docname: digests[docname] for docname in docnames}


def _generated_page_digest(tracking: Tracking, env: BuildEnvironment, page: GeneratedPage) -> str:
    """Return the digest of a generated page: what it lists, and its page inputs."""
    inputs = page.inputs() if callable(page.inputs) else page.inputs
    return digest([inputs, page_inputs(tracking, env, page.pagename)])


def _digest_the_rest(app: Sphinx, record: OutputRecord) -> None:
    """Make the digests that were left to workers that did not run (see begin_pages)."""
    for page in record.undigested_pages:
        record.pages[page.pagename] = _generated_page_digest(record.tracking, app.env, page)
    record.undigested_pages = []


def _missing_generated_pages(app: Sphinx, record: OutputRecord) -> list[str]:
    """Return the root document when a generated page's output file has gone missing.

    Sphinx 8 skips the writing phase, ``html-collect-pages`` included, when no document is
    out of date; rewriting one document makes it run, and the missing page is written again.
    Pages older than the templates are noted (:attr:`OutputRecord.stale_pages`): Sphinx
    writes every page then, and :func:`generated_pages_current` does not keep them.
    """
    if not hasattr(app.builder, "get_outfilename") or app.config.root_doc not in app.env.found_docs:
        return []
    outfile_of = output_file_namer(app.builder)
    template_mtime = _template_mtime_ns(app)
    stale = []
    for pagename in record.old_pages:
        outfile = outfile_of(pagename)
        if not _is_current(outfile, template_mtime):
            if not os.path.isfile(outfile):
                return [app.config.root_doc]
            stale.append(pagename)
    record.stale_pages = stale
    return []


def _toctree_inputs(
    env: BuildEnvironment,
    relations: dict[str, list[str | None]],
    docname: str,
    articles: Container[str],
    *,
    neighbours: bool = True,
) -> Any:
    """Return what Sphinx's own navigation shows on a page from other documents.

    That is the titles of its parents, and on pages that are not articles (whose
    previous/next are the article chain) the toctree's previous and next page, where the
    theme shows them (*neighbours*): Sphinx itself does not rewrite a page when these
    change.
    """

    def title(name: str | None) -> Any:
        node = env.titles.get(name) if name else None
        return (name, node.astext() if node is not None else "")

    parent, older, newer = relations.get(docname) or (None, None, None)
    ancestors: list[Any] = []
    while parent and len(ancestors) < len(relations):  # bounded even for a toctree cycle
        ancestors.append(title(parent))
        parent = (relations.get(parent) or [None])[0]
    parents = ancestors[:-1]  # Sphinx leaves out the root document
    if docname in articles or not neighbours:
        return parents
    return [parents, title(older), title(newer)]


# -- generated pages and files -------------------------------------------------------------


class GeneratedPage(NamedTuple):
    """A page a feature would yield from ``html-collect-pages``, not yet rendered.

    *inputs* is what determines the page's content, as plain values (see :func:`canonical`),
    or a function without arguments that returns them (called only when needed); *make*
    returns the ``(pagename, context, template)`` triple and is called only when the page
    must be written.  The page's digest also covers the page inputs for its name
    (what ``html-page-context`` adds: furniture, calendar …) and the build's HTML
    configuration; a template newer than the output file rewrites it too.
    """

    pagename: str
    inputs: Any
    make: Callable[[], tuple[str, dict[str, Any], str]]


@dataclass
class OutputRecord:
    """What newsroom wrote into one output directory, last build and this build.

    ``docs`` maps each document to the digest of the page inputs its page was written
    with, ``pages`` each generated page to its digest, and ``files`` lists the files written
    by :func:`write_output`.  ``fingerprint`` digests the HTML configuration and the builder:
    when it changes, every generated page is rewritten (Sphinx does the same for documents).
    ``state`` is the :func:`build_state` the digests were computed in, ``quick`` the
    :func:`quick_state`.
    """

    outdir: Path
    path: Path
    fingerprint: str
    tracking: Tracking
    state: str = ""
    old_state: str = ""
    quick: str = ""
    old_quick: str = ""
    old_docs: dict[str, str] = field(default_factory=dict)
    old_pages: dict[str, str] = field(default_factory=dict)
    old_files: set[str] = field(default_factory=set)
    docs: dict[str, str] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)
    files: set[str] = field(default_factory=set)
    #: Whether ``html-collect-pages`` ran: Sphinx 8 skips it when nothing is out of date.
    collected: bool = False
    #: The generated pages of the last build whose file is older than the templates, when
    #: a build that read nothing looked (``None``: it did not).
    stale_pages: list[str] | None = None
    #: When the newest template changed (see :func:`_template_mtime_ns`).
    template_mtime_ns: int | None = None
    #: Under ``-j N``: the generated pages to write beside the documents (see
    #: :func:`start_pages`), once chosen, and the worker processes writing them.
    planned: Callable[[], Iterable[GeneratedPage]] | None = None
    chosen: list[GeneratedPage] | None = None
    writing: Any = None
    #: Under ``-j N``: the new generated pages whose digests (only for the next build) the
    #: workers that write them make (see :func:`begin_pages`).
    undigested_pages: list[GeneratedPage] = field(default_factory=list)

    @classmethod
    def load(cls, outdir: Path, path: Path, fingerprint: str, tracking: Tracking) -> OutputRecord:
        """Read the record a previous build left at *path* (empty when there is none)."""
        record = cls(outdir=outdir, path=path, fingerprint=fingerprint, tracking=tracking)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data["version"] != _RECORD_VERSION:
                return record
            record.old_docs = {str(k): str(v) for k, v in data["docs"].items()}
            record.old_files = {str(name) for name in data["files"]}
            if data["fingerprint"] == fingerprint:
                record.old_pages = {str(k): str(v) for k, v in data["pages"].items()}
                record.old_state = str(data["state"])
                record.old_quick = str(data.get("quick", ""))
            else:  # a changed configuration: regenerate, but still delete what is gone
                record.old_pages = dict.fromkeys(map(str, data["pages"]), "")
        except (OSError, ValueError, KeyError, AttributeError, TypeError):
            pass
        record.docs = dict(record.old_docs)
        return record

    def dump(self) -> str:
        """Return this build's record as JSON text (sorted, so that it is reproducible)."""
        data = {
            "version": _RECORD_VERSION,
            "fingerprint": self.fingerprint,
            "state": self.state,
            "quick": self.quick,
            "docs": self.docs,
            "pages": self.pages,
            "files": sorted(self.files),
        }
        return json.dumps(data, indent=0, sort_keys=True) + "\n"

    @property
    def nothing_read(self) -> bool:
        """Whether this build read and removed nothing since the last one saved, whose
        configuration and day it has (see :func:`quick_state`)."""
        return bool(self.quick) and self.quick == self.old_quick and bool(self.old_state)

    @property
    def unchanged(self) -> bool:
        """Whether this build starts from the :func:`build_state` of the last one saved."""
        return bool(self.state) and self.state == self.old_state


# One record per application object, dropped with it: builds never share state.
_records: weakref.WeakKeyDictionary[Sphinx, OutputRecord] = weakref.WeakKeyDictionary()
_tracking: weakref.WeakKeyDictionary[Sphinx, Tracking] = weakref.WeakKeyDictionary()


def track(app: Sphinx, tracking: Tracking) -> None:
    """On ``builder-inited``: say what the pages of this build depend on."""
    _tracking[app] = tracking
    _records.pop(app, None)


def _record(app: Sphinx) -> OutputRecord:
    record = _records.get(app)
    if record is None:
        tracking = _tracking[app]
        outdir = Path(app.builder.outdir)
        path = record_path(Path(app.doctreedir), app.builder.name, outdir)
        record = OutputRecord.load(outdir, path, build_fingerprint(app, tracking), tracking)
        _records[app] = record
    return record


def build_fingerprint(app: Sphinx, tracking: Tracking) -> str:
    """Return a digest of what every generated page depends on: builder, HTML config, tags."""
    values = {opt.name: opt.value for opt in app.config.filter(frozenset({"html"}))}
    return digest([app.builder.name, tracking.version, values, sorted(app.tags)])


def _template_mtime_ns(app: Sphinx) -> int:
    """Return when the newest template changed: looked up once per build (Sphinx walks
    every template folder for it)."""
    record = _record(app)
    if record.template_mtime_ns is None:
        templates = getattr(app.builder, "templates", None)
        newest = templates.newest_template_mtime() if templates is not None else 0
        record.template_mtime_ns = int(newest * 1e9)
    return record.template_mtime_ns


def output_file_namer(builder: Builder) -> Callable[[str], str]:
    """Return the builder's ``get_outfilename`` as a function that returns text.

    For the html builder's own naming (``<outdir>/<pagename><suffix>``), which Sphinx 9
    makes through two path objects, it joins the text: 10 µs less a page, 10 ms of a
    build at 1,000 articles that reads nothing (it checks every generated page's file).
    """
    if isinstance(builder, StandaloneHTMLBuilder) and all(
        getattr(type(builder), name, None) is getattr(StandaloneHTMLBuilder, name, None)
        for name in ("get_outfilename", "get_output_path")
    ):
        outdir, suffix = str(builder.outdir), builder.out_suffix
        return lambda pagename: os.path.join(outdir, os_path(pagename) + suffix)
    get_outfilename = builder.get_outfilename  # type: ignore[attr-defined]
    return lambda pagename: str(get_outfilename(pagename))


def _is_current(outfile: str, newer_than_ns: int) -> bool:
    try:
        return os.stat(outfile).st_mtime_ns >= newer_than_ns
    except OSError:
        return False


def pages_to_write(
    app: Sphinx, pages: Iterable[GeneratedPage]
) -> Iterator[tuple[str, dict[str, Any], str]]:
    """Return ``(pagename, context, template)`` of the generated pages that must be
    (re)written.

    Return it from a ``html-collect-pages`` handler, and pass every page the feature has:
    a page whose digest is unchanged and whose output file exists and is newer than the
    templates is left out; a generated page of the last build that is not passed at all is
    deleted at the end of the build.  Under ``-j N`` the chosen pages are rendered and
    written by worker processes, like documents, and nothing is returned.
    (:func:`start_pages` and :func:`begun_pages` write them beside the documents.)
    """
    with without_cyclic_gc():
        chosen = _choose_pages(app, pages)
    if _worth_forking(chosen) and _parallel_write(app):
        _start_in_parallel(app, chosen).join()
        return iter(())
    # Made one at a time as Sphinx writes them: never every page's HTML in memory at once.
    return (page.make() for page in chosen)


def start_pages(app: Sphinx, pages: Callable[[], Iterable[GeneratedPage]]) -> None:
    """On ``write-started`` under ``-j N``: have the generated pages written beside the
    documents, from the first document's ``html-page-context`` on (see
    :func:`begin_pages`); *pages* returns every page the feature has."""
    if _parallel_write(app):
        _record(app).planned = pages


def begin_pages(app: Sphinx, *_args: Any) -> None:
    """On ``html-page-context`` (the first document's): choose the generated pages to
    write, and start writing them in worker processes now, beside the documents.

    While Sphinx writes documents in parallel, its main process resolves and indexes each
    one in turn, and the worker that writes them waits for it: a core is left idle, which
    the generated pages use.  Their workers run at a lower priority, so that the main
    process stays first served.  Not before the first document's page: Sphinx prepares
    the templates' global context after ``write-started``.  :func:`begun_pages` (on
    ``html-collect-pages``) then waits for the workers, or returns the chosen pages for
    Sphinx to write when they were too few to fork for.
    """
    record = _records.get(app)
    if record is None or record.planned is None:
        return
    pages, record.planned = record.planned, None
    with without_cyclic_gc():
        chosen = _choose_pages(app, pages(), defer=True)
    if _worth_forking(chosen):
        record.writing = _start_in_parallel(app, chosen, nice=BACKGROUND_NICENESS)
    else:
        record.chosen = chosen


def begun_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]] | None:
    """On ``html-collect-pages``: wait for the workers :func:`begin_pages` started and
    return nothing more to write, or return the pages it chose without forking; ``None``
    when it did not run (call :func:`pages_to_write` then)."""
    record = _record(app)
    if record.writing is not None:
        tasks, record.writing = record.writing, None
        tasks.join()
        return iter(())
    if record.chosen is not None:
        chosen, record.chosen = record.chosen, None
        return (page.make() for page in chosen)
    return None


def stop_writing(app: Sphinx, exception: BaseException | None) -> None:
    """On ``build-finished``: stop the workers of :func:`begin_pages` if the build failed
    before waiting for them."""
    record = _records.get(app)
    if record is not None and record.writing is not None:
        tasks, record.writing = record.writing, None
        tasks.terminate()


#: The fewest generated pages a worker process is given under ``-j N``.
PARALLEL_BATCH = 16


def _worth_forking(pages: Sequence[GeneratedPage]) -> bool:
    return len(pages) >= 2 * PARALLEL_BATCH


def _parallel_write(app: Sphinx) -> bool:
    from sphinx.util.parallel import parallel_available

    return app.parallel > 1 and parallel_available and app.is_parallel_allowed("write")


#: How much lower the priority of workers started on ``write-started`` is (see ``nice(1)``).
BACKGROUND_NICENESS = 19


def _start_in_parallel(app: Sphinx, pages: Sequence[GeneratedPage], nice: int = 0) -> Any:
    """Start rendering and writing *pages* in ``app.parallel`` forked worker processes, and
    return Sphinx's ``ParallelTasks`` to join.

    Workers get everything by forking (the environment, the builder and its templates), and
    send back what they logged and the digests left to them (see :func:`begin_pages`),
    which are recorded here when they are joined.  Each worker is given every
    ``app.parallel``-th page, so that they finish together.
    """
    from sphinx.util.parallel import ParallelTasks

    record = _record(app)
    tracking, env = record.tracking, app.env
    builder: Any = app.builder
    handle_page = builder.handle_page
    Share = tuple[Sequence[GeneratedPage], Sequence[GeneratedPage]]

    def write(share: Share) -> dict[str, str]:
        if nice:
            with contextlib.suppress(OSError):
                os.nice(nice)
        batch, undigested = share
        for page in batch:
            handle_page(*page.make())
        with without_cyclic_gc():
            return {
                page.pagename: _generated_page_digest(tracking, env, page) for page in undigested
            }

    def digested(_share: Share, digests: dict[str, str]) -> None:
        record.pages.update(digests)

    nproc = min(app.parallel, len(pages) // PARALLEL_BATCH)
    undigested, record.undigested_pages = record.undigested_pages, []
    tasks = ParallelTasks(nproc)
    for first in range(nproc):
        tasks.add_task(write, (pages[first::nproc], undigested[first::nproc]), digested)
    return tasks


def _choose_pages(
    app: Sphinx, pages: Iterable[GeneratedPage], *, defer: bool = False
) -> list[GeneratedPage]:
    """Return the *pages* whose digest changed or whose output file is missing or stale.

    With *defer*, a page the last build did not have is chosen without its digest, which
    is left to the workers that write it (:attr:`OutputRecord.undigested_pages`).
    """
    record = _record(app)
    template_mtime = _template_mtime_ns(app)
    outfile_of = output_file_namer(app.builder)
    chosen = []
    for page in pages:
        outfile = outfile_of(page.pagename)
        old = record.old_pages.get(page.pagename)
        if old and record.unchanged:  # nothing it could show has changed
            record.pages[page.pagename] = old
            if _is_current(outfile, template_mtime):
                continue
        if old is None and defer:
            record.undigested_pages.append(page)
            chosen.append(page)
            continue
        value = _generated_page_digest(record.tracking, app.env, page)
        record.pages[page.pagename] = value
        if old == value and _is_current(outfile, template_mtime):
            continue
        chosen.append(page)
    return chosen


def write_if_changed(path: Path, content: str | bytes) -> bool:
    """Write *content* (text as UTF-8) to *path* unless the file already holds exactly it."""
    data = content.encode() if isinstance(content, str) else content
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def write_output(
    app: Sphinx,
    relpath: str,
    content: str | bytes | Callable[[], str | bytes],
    *,
    renders_documents: bool = True,
) -> bool:
    """Write a file of ours (a feed, a sitemap) under the output directory if it changed.

    *relpath* is relative to the output directory, with ``/`` separators.  The file is
    recorded, so that it is deleted by a later build that no longer produces it.  *content*
    may be a function that makes it, as long as the file shows only what
    :func:`build_state` digests and what documents render: it is not called when this
    build read nothing and the file was written by the last one and is newer than the
    templates.  With *renders_documents* false (the file shows no document's rendering,
    as a sitemap or a feed of summaries), it is not called either when the build state is
    as recorded, whatever was read (an article's text edited).
    """
    record = _record(app)
    relpath = PurePath(relpath).as_posix()
    record.files.add(relpath)
    path = record.outdir / relpath
    if callable(content):
        if (
            (record.nothing_read or (record.unchanged and not renders_documents))
            and relpath in record.old_files
            and _is_current(str(path), _template_mtime_ns(app))
        ):
            return False
        content = content()
    return write_if_changed(path, content)


def keep_output(app: Sphinx, relpath: str) -> None:
    """Record a file of ours that this build leaves as it is (see :func:`write_output`), so
    that it is not deleted as no longer produced."""
    _record(app).files.add(PurePath(relpath).as_posix())


def _delete(outdir: Path, path: Path) -> None:
    """Delete *path* and then its parent folders that it left empty, up to *outdir*."""
    path.unlink(missing_ok=True)
    folder = path.parent
    while folder != outdir and outdir in folder.parents:
        try:
            folder.rmdir()  # only succeeds when empty
        except OSError:
            break
        folder = folder.parent


def finish_outputs(app: Sphinx, exception: Exception | None) -> None:
    """On ``build-finished``: delete outputs no longer produced and save the record.

    Deleted are the generated pages and files of the last build that this one did not
    produce, and the pages of documents that were removed (which Sphinx leaves behind), so
    that the output directory holds what a clean build would write.  After a failed build
    nothing is deleted or saved: the next build compares with the last one that succeeded
    and rewrites whatever this one may have left half done.
    """
    record = _records.pop(app, None)
    if exception is not None or record is None:
        return
    _digest_the_rest(app, record)
    if not record.collected:
        # No page was generated this time, so none is gone: keep the last build's pages.
        record.pages = dict(record.old_pages)
    get_outfilename = getattr(app.builder, "get_outfilename", None)
    if get_outfilename is not None and record.collected:
        # A page the site now has (a document, an html_additional_pages entry, a generated
        # page) has just been written at the same place: it is not ours to delete.
        taken = set(app.env.found_docs) | set(app.config.html_additional_pages)
        gone = (record.old_pages.keys() | record.old_docs.keys()) - record.pages.keys() - taken
        # Compare files, not names: with dirhtml, the document ``tags/x`` is written where
        # the generated page ``tags/x/index`` was.
        if gone:
            taken_files = {Path(get_outfilename(name)) for name in taken | record.pages.keys()}
        for pagename in sorted(gone):
            if Path(get_outfilename(pagename)) not in taken_files:
                _delete(record.outdir, Path(get_outfilename(pagename)))
    for relpath in sorted(record.old_files - record.files):
        _delete(record.outdir, record.outdir / relpath)
    write_if_changed(record.path, record.dump())


def generated_pages_current(app: Sphinx) -> bool:
    """Return whether every generated page of the last build stands as it was written.

    That is, this build read nothing (:func:`nothing_read`), or what it read left the build
    state as recorded (an article's text edited), and :func:`changed_pages` found each
    page's file there and newer than the templates: a ``html-collect-pages`` handler may
    then yield nothing without planning its pages, and they are kept.
    """
    record = _record(app)
    if not (record.unchanged and record.old_pages):  # (nothing read: unchanged too)
        return False  # pages may show something else
    if record.stale_pages != []:
        return False  # not looked at (None), or some are stale
    record.pages.update(record.old_pages)
    return True


def mark_collected(app: Sphinx) -> list[tuple[str, dict[str, Any], str]]:
    """On ``html-collect-pages``: note that generated pages are being decided this build."""
    _record(app).collected = True
    return []
