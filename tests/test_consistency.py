"""One answer everywhere: the same image URL, tag name, author-key rule and config checks.

Each answer is needed in more than one place (a page and a list, a page and a feed, the
config and a byline) and must come out the same in all of them. Site: ``tests/roots/
test-consistency`` (and a copy of ``tests/roots/test-templates`` for the template test).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import feedparser
import pytest
from sphinx.errors import ConfigError

from helpers import soup, warning_lines

SITE = "https://consistency.example.org/"


def _source(rootdir: Path, tmp_path: Path, root: str = "test-consistency") -> Path:
    src = tmp_path / "src"
    shutil.copytree(rootdir / root, src)
    return src


def _configure(src: Path, **values: object) -> None:
    """Set config values in the site's conf.py, as a site owner would.

    (``confoverrides`` would not do: Sphinx converts or drops a string given for a setting
    whose default is a number or a dict before any extension sees it.)
    """
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        for name, value in values.items():
            conf.write(f"{name} = {value!r}\n")


def _output_file(outdir: Path, url: str) -> Path:
    """Return the output file that the absolute site *url* names."""
    assert url.startswith(SITE), url
    return outdir / unquote(urlsplit(url).path[len(urlsplit(SITE).path) :])


# -- 1. one URL for an article's image ------------------------------------------------------


def _image_urls(outdir: Path, article_page: str, article_url: str) -> dict[str, str]:
    article = soup(outdir / article_page)
    lead = article.select_one("figure.newsroom-lead-image img")
    assert lead is not None, "the article page has no lead image"
    cards = soup(outdir / "index.html").select(".newsroom-article-list img")
    card = [img for img in cards if "photo" in img["src"]]
    assert len(card) == 1, cards
    og_image = article.find("meta", property="og:image")
    return {
        "lead image": urljoin(article_url, lead["src"]),
        "card": urljoin(SITE, card[0]["src"]),
        "og:image": og_image["content"],
    }


def test_dirhtml_lead_image_and_card_image_are_the_same_url(
    make_app,
    rootdir: Path,
    tmp_path: Path,
) -> None:
    """``:image: photo.jpg`` is relative to the article, on its page and in every list."""
    app = make_app("dirhtml", srcdir=_source(rootdir, tmp_path), freshenv=True)
    app.build()
    urls = _image_urls(app.outdir, "world/talks/index.html", SITE + "world/talks/")
    assert len(set(urls.values())) == 1, urls


@pytest.mark.parametrize(
    ("builder", "article_page", "article_url"),
    [
        ("html", "world/talks.html", SITE + "world/talks.html"),
        ("dirhtml", "world/talks/index.html", SITE + "world/talks/"),
    ],
)
def test_relative_article_image_is_copied_where_its_url_points(
    make_app,
    rootdir: Path,
    tmp_path: Path,
    builder: str,
    article_page: str,
    article_url: str,
) -> None:
    """Contract section 1: an image path relative to the article is copied into the output."""
    app = make_app(builder, srcdir=_source(rootdir, tmp_path), freshenv=True)
    app.build()
    assert [line for line in warning_lines(app) if "photo" in line] == []
    urls = _image_urls(app.outdir, article_page, article_url)
    for where, url in urls.items():
        target = _output_file(app.outdir, url)
        assert target.is_file(), f"{where} points at {url}, which is not in the output"
        assert target.read_bytes() == b"JPG"


# -- 2. one name for a tag ------------------------------------------------------------------


def test_tag_page_and_tag_feed_name_the_tag_alike(
    make_app,
    rootdir: Path,
    tmp_path: Path,
) -> None:
    """Two articles say "Oil", one says "oil": one tag, called "Oil" on its page and feed."""
    app = make_app(
        "html",
        srcdir=_source(rootdir, tmp_path),
        freshenv=True,
        confoverrides={"newsroom_feeds_per_tag": True},
    )
    app.build()
    heading = soup(app.outdir / "tags" / "oil" / "index.html").find("h1").get_text(" ", strip=True)
    feed = feedparser.parse((app.outdir / "tags" / "oil" / "atom.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    title = feed.feed.title
    assert len(feed.entries) == 3
    for text in (heading, title):
        assert re.search(r"\bOil\b", text), text
        assert not re.search(r"\boil\b", text), text


# -- 3. one pattern for an author key -------------------------------------------------------


@pytest.mark.parametrize("key", ["jane-", "jane--doe"])
def test_malformed_author_key_in_config_is_a_config_error(
    make_app,
    rootdir: Path,
    tmp_path: Path,
    key: str,
) -> None:
    """A key a byline could never name (it would be taken as a plain name) is refused."""
    src = _source(rootdir, tmp_path)
    _configure(src, newsroom_authors={key: {"name": "Jane Doe"}})
    with pytest.raises(ConfigError, match="newsroom_authors"):
        make_app("html", srcdir=src)


def test_unknown_author_key_in_a_byline_is_one_warning(
    make_app,
    rootdir: Path,
    tmp_path: Path,
) -> None:
    src = _source(rootdir, tmp_path)
    (src / "world" / "ghost.rst").write_text(
        ":section: World\n\nA ghost wrote this\n==================\n\n"
        ".. byline:: ghost-writer\n   :date: 2024-04-19 10:00\n\nBoo.\n",
        encoding="utf-8",
    )
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    lines = [line for line in warning_lines(app) if "newsroom.author" in line]
    assert len(lines) == 1, warning_lines(app)
    assert "ghost-writer" in lines[0]
    assert "ghost.rst" in lines[0]


# -- 4. config of the wrong type --------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("newsroom_page_size", "abc"),
        ("newsroom_authors", ["x"]),
        ("newsroom_publisher", "ACME"),
        ("newsroom_labels", {5: {"text": "x"}}),
    ],
    ids=["page_size-str", "authors-list", "publisher-str", "labels-int-key"],
)
def test_config_of_the_wrong_type_is_a_config_error(
    make_app,
    rootdir: Path,
    tmp_path: Path,
    name: str,
    value: object,
) -> None:
    """A ConfigError that names the setting, at app creation: never a traceback mid-build."""
    src = _source(rootdir, tmp_path)
    _configure(src, **{name: value})
    with pytest.raises(ConfigError, match=name):
        app = make_app("html", srcdir=src, freshenv=True)
        app.build()  # a late failure must still be a ConfigError, not an AttributeError


def test_label_with_text_none_shows_the_default_text(
    make_app,
    rootdir: Path,
    tmp_path: Path,
) -> None:
    src = _source(rootdir, tmp_path)
    (src / "world" / "labelled.rst").write_text(
        ":section: World\n\nA labelled story\n================\n\n"
        ".. byline:: jane-doe\n   :date: 2024-04-19 10:00\n\n.. label:: x\n\nText.\n",
        encoding="utf-8",
    )
    _configure(src, newsroom_labels={"x": {"text": None}})
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    assert warning_lines(app) == []
    label = soup(app.outdir / "world" / "labelled.html").select_one(".newsroom-label")
    assert label is not None
    assert label.get_text(strip=True) == "X"
    assert "None" not in (app.outdir / "labels" / "x" / "index.html").read_text(encoding="utf-8")


# -- 5. a site template can translate, in any theme -------------------------------------------


def test_override_using_gettext_works_under_alabaster(
    make_app,
    rootdir: Path,
    tmp_path: Path,
) -> None:
    src = _source(rootdir, tmp_path, "test-templates")
    (src / "_templates" / "newsroom" / "prev-next.html").write_text(
        '<p class="override-marker">{{ _("Next") }}</p>\n', encoding="utf-8"
    )
    # Alabaster's own sidebars: this test is about the prev/next template alone.
    app = make_app(
        "html",
        srcdir=src,
        freshenv=True,
        confoverrides={"html_theme": "alabaster", "html_sidebars": {}},
    )
    app.build()
    assert warning_lines(app) == []
    page = soup(app.outdir / "world" / "talks.html")
    assert [p.get_text() for p in page.select("p.override-marker")] == ["Next"]
    assert page.select(".newsroom-prev-next") == []


def test_an_image_already_copied_is_not_read_again_but_a_new_one_is(
    make_app, rootdir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every build would read every article's image to compare it with its copy: a copy of
    the same size and not older than its source is kept unread; a replaced image is copied."""
    srcdir = _source(rootdir, tmp_path)
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    (copy,) = [path for path in app.outdir.rglob("photo.jpg") if "_sources" not in path.parts]
    (source,) = [path for path in Path(srcdir).rglob("photo.jpg") if "_build" not in path.parts]
    read: list[Path] = []
    read_bytes = Path.read_bytes

    def counted(path: Path) -> bytes:
        if path == source:
            read.append(path)
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", counted)
    make_app("html", srcdir=srcdir).build()
    assert read == [] and read_bytes(copy) == b"JPG"
    # A new photo under the same name, newer than the copy: copied again.
    source.write_bytes(b"PNG!")
    make_app("html", srcdir=srcdir).build()
    assert read == [source] and read_bytes(copy) == b"PNG!"
    # Kept (not deleted as no longer produced) by a build that did not read it.
    make_app("html", srcdir=srcdir).build()
    assert copy.is_file() and read == [source]
