"""The shape of the package: layers, one place for events, markup only in templates."""

from __future__ import annotations

import ast
import re
import subprocess
from pathlib import Path

import pytest

import sphinx_newsroom
from sphinx_newsroom import pipeline

PACKAGE = Path(sphinx_newsroom.__file__).parent

#: The layers, bottom first: a module may import from its own layer and those below only.
#: Leaves know nothing of the features; the pipeline alone knows all of them.
LAYERS: list[set[str]] = [
    {
        "slugs",
        "dates",
        "nodes",
        "urls",
        "locale",
        "incremental",
        "search",
        "settings_once",
        "rst_shortcuts",
    },
    {"config"},
    {"formatting", "render", "siteurl", "options"},
    {"articles"},
    {
        "article_page",
        "byline",
        "calendar",
        "corrections",
        "feeds",
        "furniture",
        "images",
        "labels",
        "list_pages",
        "listings",
        "live",
        "navigation",
        "redirects",
        "related",
        "seo",
        "series",
        "sitemaps",
        "trust",
        "unpublished",
    },
    {"head"},
    {"pipeline"},
    {"__init__", "cli"},
]


def _layer(module: str) -> int:
    for index, names in enumerate(LAYERS):
        if module in names:
            return index
    raise AssertionError(f"sphinx_newsroom.{module} is in no layer of {__name__}.LAYERS")


def _modules() -> dict[str, ast.Module]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).with_suffix("")
        name = "__init__" if relative.parts == ("__init__",) else ".".join(relative.parts)
        name = name.removesuffix(".__init__")
        found[name] = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return found


def _imports(tree: ast.Module) -> set[str]:
    """Return the sphinx_newsroom modules a module imports (at any depth of the file)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "sphinx_newsroom":
                names.update(alias.name for alias in node.names)
            elif node.module.startswith("sphinx_newsroom."):
                names.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("sphinx_newsroom."):
                    names.add(alias.name.split(".")[1])
    return names


def test_no_module_imports_one_above_it() -> None:
    wrong = []
    for module, tree in _modules().items():
        for imported in _imports(tree):
            if _layer(imported) > _layer(module):
                wrong.append(f"{module} (layer {_layer(module)}) imports {imported}")
    assert wrong == []


def test_incremental_is_a_leaf() -> None:
    assert _imports(_modules()["incremental"]) == set()


def test_only_the_pipeline_connects_events() -> None:
    connecting = sorted(
        module
        for module, tree in _modules().items()
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr == "connect"
    )
    assert set(connecting) == {"pipeline"}


def test_every_page_part_declares_its_inputs() -> None:
    for part in pipeline.PAGE_PARTS:
        assert callable(part.inputs), part.name
        assert part.context is not None or part.resolve is not None, part.name
    assert pipeline.TRACKING.inputs == tuple(part.inputs for part in pipeline.PAGE_PARTS)


_ELEMENTS = [
    "a",
    "abbr",
    "article",
    "aside",
    "b",
    "br",
    "button",
    "caption",
    "div",
    "em",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "html",
    "i",
    "img",
    "input",
    "label",
    "li",
    "link",
    "main",
    "meta",
    "nav",
    "ol",
    "p",
    "script",
    "section",
    "span",
    "strong",
    "style",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "time",
    "tr",
    "ul",
]

#: HTML in a Python string: a start or end tag such as ``<p>``, ``</a>`` or ``<a href=``.
_TAG_RE = re.compile(rf"</?({'|'.join(_ELEMENTS)})(\s|>|/>)", re.IGNORECASE)

#: Strings that *read* HTML Sphinx wrote (never build it), with the reason.
_READS_HTML = {
    ("feeds", r"^\s*<div\b[^>]*>(.*)</div>\s*$"),  # unwraps a rendered body for feeds
    ("furniture", '<div class="e-content'),  # finds where an article's text starts
}


def _docstrings(tree: ast.Module) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def test_no_markup_is_assembled_in_python() -> None:
    """Every piece of HTML comes from a template under ``newsroom/`` (contract section 8)."""
    found = []
    for module, tree in _modules().items():
        if module == "cli":
            continue  # writes reStructuredText and help texts ("<section>/<year>/…"), no HTML
        docstrings = _docstrings(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Constant) or not isinstance(node.value, str):
                continue
            text = node.value
            if id(node) in docstrings or (module, text) in _READS_HTML:
                continue
            if _TAG_RE.search(text):
                found.append(f"{module}:{node.lineno}: {text[:60]!r}")
    assert found == []


def test_no_hand_escaping_of_markup() -> None:
    """Escaping is the templates' (Jinja's autoescape), not ``html.escape`` in Python."""
    users = sorted(
        module
        for module, tree in _modules().items()
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        and node.module == "html"
        and any(alias.name == "escape" for alias in node.names)
    )
    # feeds makes URLs absolute inside HTML Sphinx wrote; seo hands sphinxext-opengraph
    # values it writes unescaped.
    assert users == ["feeds", "seo"]


def test_every_component_of_the_contract_is_an_extension_template() -> None:
    names = {path.name for path in (PACKAGE / "templates" / "newsroom").glob("*.html")}
    contract = {
        "byline.html",
        "label.html",
        "correction.html",
        "related.html",
        "calendar.html",
        "article-list.html",
        "article-list-item.html",
        "prev-next.html",
        "pagination.html",
        "listing.html",
        "sidebar-calendar.html",
        "sidebar-latest.html",
        "article.html",
        "lead-image.html",
    }
    assert contract <= names
    for name in names:
        text = (PACKAGE / "templates" / "newsroom" / name).read_text(encoding="utf-8")
        assert text.startswith("{%- autoescape true %}"), name
        assert text.rstrip().endswith("{%- endautoescape %}"), name


@pytest.mark.skipif(
    subprocess.run(["which", "duplicates"], capture_output=True).returncode != 0,
    reason="the duplicates tool is not on this machine",
)
def test_duplicates_finds_no_repeated_logic() -> None:
    """Only same-shape plain declarations may repeat (``duplicates`` marks them boilerplate)."""
    result = subprocess.run(
        ["duplicates", "--repo", str(PACKAGE), "--most", "50"],
        capture_output=True,
        text=True,
        check=True,
    )
    rows = [line for line in result.stdout.splitlines() if re.match(r"^D\d+ ", line)]
    modules = _modules()
    repeated = [
        row
        for row in rows
        if "boilerplate" not in row
        and not all(_is_declaration(modules, place) for place in _places(row))
    ]
    assert repeated == []


def _places(row: str) -> list[tuple[str, int, int]]:
    """Return the two ``(file, first line, last line)`` of a ``duplicates`` row."""
    return [
        (name, int(first), int(last))
        for name, first, last in re.findall(r"(\S+\.\w+):(\d+)-(\d+)", row)[:2]
    ]


def _is_declaration(modules: dict[str, ast.Module], place: tuple[str, int, int]) -> bool:
    """Return whether lines of a file are plain declarations, not logic.

    That is: imports (the ``TYPE_CHECKING`` block too), assignments and tables, dataclass
    bodies, and a class's attributes (with at most the first two lines of a method: its
    signature and one call).
    """
    name, first, last = place
    tree = modules.get(name.removesuffix(".py").replace("/", "."))
    if tree is None:
        return False
    return all(_declares(node, first, last) for node in _touching(tree.body, first, last))


def _touching(body: list[ast.stmt], first: int, last: int) -> list[ast.stmt]:
    return [
        node for node in body if _start(node) <= last and (node.end_lineno or node.lineno) >= first
    ]


def _start(node: ast.stmt) -> int:
    return min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])


def _declares(node: ast.stmt, first: int, last: int) -> bool:
    if isinstance(node, (ast.Import, ast.ImportFrom, ast.Assign, ast.AnnAssign, ast.Expr)):
        return True
    if isinstance(node, ast.If):
        return "TYPE_CHECKING" in ast.unparse(node.test)
    if isinstance(node, ast.ClassDef):
        if any(ast.unparse(d).startswith("dataclass") for d in node.decorator_list):
            return True
        return all(
            _declares(child, first, last)
            or (isinstance(child, ast.FunctionDef) and last - child.lineno < 2)
            for child in _touching(node.body, first, last)
        )
    return False
