"""Generate the same N articles as three sites: sphinx-newsroom, ABlog and plain Sphinx.

Every article has one or two authors, a section, two to four tags, a date-time spread over
two years and about 400 words in five paragraphs.  The newsroom flavour writes them with
``byline`` and a ``related`` block and has an ``article-list`` and a calendar on its front
page; the ABlog flavour writes them with ABlog's ``post`` directive and has a ``postlist``
on its front page and ABlog's own sidebars; the plain flavour keeps the same text and
docinfo fields without any directive.  The edits of the benchmark (a body edit, one new
article, the newest of the site, and a re-date) are made the same way on all three.
"""

from __future__ import annotations

import os
import random
import shutil
import time
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

FLAVOURS = ("newsroom", "plain", "ablog")

#: The build's "now" (``SOURCE_DATE_EPOCH``), 2024-12-31 18:00 UTC: the evening of the
#: newest generated article's day, as when a newsroom builds.  The "next day" step builds
#: with one day more.
SOURCE_DATE_EPOCH = int(datetime(2024, 12, 31, 18, 0, tzinfo=timezone.utc).timestamp())
ONE_DAY = 86_400

#: ``newsroom_timezone`` of the newsroom site: the articles' dates are wall-clock times there.
NEWSROOM_TIMEZONE = "Europe/Berlin"


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


SECTIONS = ("World", "Business", "Science", "Culture", "Sport", "Opinion")
AUTHORS = {
    f"author-{n:02d}": name
    for n, name in enumerate(
        (
            "Leyla Aliyeva",
            "Tom Becker",
            "Marta Silva",
            "Daniel Okafor",
            "Nigar Hasanova",
            "Farid Mammadov",
            "Anna Kowalska",
            "Jonas Berg",
            "Sara Haddad",
            "Ivan Petrov",
            "Mei Lin",
            "Omar Khalil",
        ),
        start=1,
    )
}
TAGS = _words(
    "energy oil gas shipping ports rail trade borders diplomacy elections courts climate "
    "water fisheries farming banking startups tourism music theatre books film football "
    "chess health schools science space archaeology heritage caspian caucasus steppe "
    "markets transport aviation media housing labour migration "
)
WORDS = _words(
    "the a of to and in that for on with as by at from this was is be are it which its said "
    "ministers government talks port city river sea border market prices growth season "
    "officials report week year month region people village coast company project plan "
    "agreement season families workers farmers engineers teachers doctors road bridge "
    "railway station harbour school hospital council budget tax water gas oil grain cotton "
    "wine fish tourists visitors museum festival theatre stadium match team coach players "
    "fans result analysts economists experts data survey numbers rose fell stayed grew "
    "slowed opened closed announced approved rejected delayed expects hopes fears warns "
    "argues says believes new old small large local national foreign public private early "
    "late higher lower recent long short first last next "
)

START = datetime(2023, 1, 1, 6, 0)
SPAN_MINUTES = 2 * 365 * 24 * 60


@dataclass(frozen=True)
class Article:
    """One generated article, the same in every flavour."""

    path: str
    title: str
    authors: tuple[str, ...]
    section: str
    tags: tuple[str, ...]
    date: datetime
    summary: str
    paragraphs: tuple[str, ...]
    label: str = ""


def _sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(9, 18))
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random, words: int) -> str:
    sentences: list[str] = []
    while sum(len(s.split()) for s in sentences) < words:
        sentences.append(_sentence(rng))
    return " ".join(sentences)


def make_articles(count: int, seed: int = 20250115) -> list[Article]:
    """Return *count* articles, oldest first, the same for the same count and seed."""
    rng = random.Random(seed)
    articles = []
    for number in range(count):
        minute = SPAN_MINUTES * number // max(count, 1) + rng.randint(0, 240)
        articles.append(_article(rng, number, START + timedelta(minutes=minute)))
    return articles


_TAG_WEIGHTS = [1 / (rank + 1) for rank in range(len(TAGS))]


def _article(rng: random.Random, number: int, date: datetime) -> Article:
    section = SECTIONS[rng.randrange(len(SECTIONS))]
    authors = tuple(rng.sample(sorted(AUTHORS), rng.choice((1, 1, 1, 2))))
    tags = tuple(dict.fromkeys(rng.choices(TAGS, _TAG_WEIGHTS, k=rng.randint(2, 4))))
    words = rng.choices(WORDS, k=rng.randint(4, 7))
    return Article(
        path=f"{section.lower()}/{date:%Y-%m-%d}-{number + 1:05d}",
        title=f"{' '.join(words).capitalize()} ({number + 1})",
        authors=authors,
        section=section,
        tags=tags,
        date=date,
        summary=_sentence(rng),
        paragraphs=tuple(_paragraph(rng, 80) for _ in range(5)),
        label="opinion" if number % 10 == 7 else "",
    )


# -- the three flavours -------------------------------------------------------------------


def _heading(title: str) -> list[str]:
    return [title, "=" * len(title), ""]


def _docinfo(article: Article) -> list[str]:
    return [
        f":section: {article.section}",
        f":tags: {', '.join(article.tags)}",
        f":summary: {article.summary}",
        "",
    ]


def newsroom_source(article: Article) -> str:
    """Return the article as a sphinx-newsroom document."""
    lines = _docinfo(article) + _heading(article.title)
    lines += [
        f".. byline:: {', '.join(article.authors)}",
        f"   :date: {article.date:%Y-%m-%d %H:%M}",
        "",
    ]
    if article.label:
        lines += [f".. label:: {article.label}", ""]
    for paragraph in article.paragraphs:
        lines += [paragraph, ""]
    lines += [".. related::", ""]
    return "\n".join(lines)


def ablog_source(article: Article) -> str:
    """Return the article as an ABlog post."""
    lines = _docinfo(article) + _heading(article.title)
    lines += [
        f".. post:: {article.date:%Y-%m-%d %H:%M}",
        f"   :author: {', '.join(article.authors)}",
        f"   :category: {article.section}",
        f"   :tags: {', '.join(article.tags)}",
        "",
    ]
    for paragraph in article.paragraphs:
        lines += [paragraph, ""]
    return "\n".join(lines)


def plain_source(article: Article) -> str:
    """Return the article as a plain Sphinx document (the date as a docinfo field)."""
    lines = [f":date: {article.date:%Y-%m-%d %H:%M}", *_docinfo(article), *_heading(article.title)]
    lines += [f"By {', '.join(AUTHORS[key] for key in article.authors)}", ""]
    for paragraph in article.paragraphs:
        lines += [paragraph, ""]
    return "\n".join(lines)


SOURCES = {"newsroom": newsroom_source, "ablog": ablog_source, "plain": plain_source}

_TOCTREE = """
.. toctree::
   :hidden:
   :glob:

   about
   */*
"""

# ABlog makes its posts orphans: a normal ABlog site lists them in no toctree (and with
# them in one, its navigation sidebar would carry N links on each of N pages).
_ABLOG_TOCTREE = """
.. toctree::
   :hidden:

   about
"""

_INDEX = {
    "newsroom": "\n".join(
        [
            *_heading("The Benchmark Courier"),
            ".. article-list::",
            "   :limit: 20",
            "",
            ".. post-calendar::",
            _TOCTREE,
        ]
    ),
    "ablog": "\n".join(
        [*_heading("The Benchmark Courier"), ".. postlist:: 20", "", _ABLOG_TOCTREE]
    ),
    "plain": "\n".join([*_heading("The Benchmark Courier"), "Latest news.", "", _TOCTREE]),
}

_COMMON_CONF = """\
project = "The Benchmark Courier"
copyright = "2025, The Benchmark Courier"
language = "en"
"""

_CONF = {
    "newsroom": _COMMON_CONF
    + """\
extensions = ["sphinx_newsroom"]
html_theme = "newsroom"
html_sidebars = {"**": ["sidebar/latest.html", "sidebar/calendar.html"]}
newsroom_site_url = "https://courier.example.org/"
newsroom_publisher = {"logo": "https://courier.example.org/logo.png"}
newsroom_timezone = %(timezone)r
newsroom_authors = {key: {"name": name} for key, name in %(authors)r.items()}
""",
    # ABlog's own quick-start configuration: its sidebars, feeds on, posts as orphans.
    "ablog": _COMMON_CONF
    + """\
extensions = ["ablog"]
html_theme = "alabaster"
blog_title = "The Benchmark Courier"
blog_baseurl = "https://courier.example.org/"
blog_authors = {key: (name, None) for key, name in %(authors)r.items()}
html_sidebars = {
    "**": [
        "ablog/postcard.html",
        "navigation.html",
        "ablog/recentposts.html",
        "ablog/tagcloud.html",
        "ablog/categories.html",
        "ablog/archives.html",
        "searchfield.html",
    ]
}
""",
    # Sphinx's default theme; the global navigation sidebar is left out because every
    # article is in the front page's toctree, which would put N links on each of N pages.
    "plain": _COMMON_CONF
    + """\
html_theme = "alabaster"
html_sidebars = {"**": ["relations.html", "searchbox.html"]}
""",
}

ABOUT = "\n".join([*_heading("About us"), "An independent newsroom.", ""])


def write_site(flavour: str, articles: list[Article], srcdir: Path) -> None:
    """Write a whole site of *flavour* into *srcdir* (emptied first)."""
    if srcdir.exists():
        shutil.rmtree(srcdir)
    srcdir.mkdir(parents=True)
    (srcdir / "conf.py").write_text(
        _CONF[flavour] % {"authors": AUTHORS, "timezone": NEWSROOM_TIMEZONE}, encoding="utf-8"
    )
    (srcdir / "index.rst").write_text(_INDEX[flavour], encoding="utf-8")
    (srcdir / "about.rst").write_text(ABOUT, encoding="utf-8")
    for article in articles:
        write_article(flavour, article, srcdir)


def write_article(flavour: str, article: Article, srcdir: Path) -> None:
    """Write one article and give it a fresh modification time (Sphinx compares them)."""
    path = srcdir / f"{article.path}.rst"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(SOURCES[flavour](article), encoding="utf-8")
    now = time.time_ns()
    os.utime(path, ns=(now, now))


# -- the edits of the benchmark -------------------------------------------------------------


def body_edit(articles: list[Article]) -> Article:
    """Return the middle article with a changed third paragraph (not its summary)."""
    article = articles[len(articles) // 2]
    paragraphs = list(article.paragraphs)
    paragraphs[2] = paragraphs[2] + " An editor added this sentence."
    return replace(article, paragraphs=tuple(paragraphs))


def redate(articles: list[Article]) -> Article:
    """Return the article a third of the way along, moved 45 days later."""
    article = articles[len(articles) // 3]
    return replace(article, date=article.date + timedelta(days=45))


def build_moment(epoch: int = SOURCE_DATE_EPOCH) -> datetime:
    """Return the wall-clock time of *epoch* in the newsroom site's zone, without a zone."""
    moment = datetime.fromtimestamp(epoch, tz=timezone.utc)
    return moment.astimezone(ZoneInfo(NEWSROOM_TIMEZONE)).replace(tzinfo=None)


def new_article(articles: list[Article]) -> Article:
    """Return one new article, the newest of the site: on the newest one's day, just after.

    That is what a newsroom does all day: another article on a day that has some (the
    first article of a day also changes the calendar of its month, on every page that
    shows that month).  It is made like the generated ones (section, authors, tags, label,
    text), with the next number, so its path is new.
    """
    rng = random.Random(f"new article after {len(articles)}")
    newest = max(article.date for article in articles)
    moment = min(newest + timedelta(minutes=30), newest.replace(hour=23, minute=59))
    assert moment < build_moment(), "the new article must be published by the build's clock"
    return _article(rng, len(articles), moment)


def new_article_pages(articles: list[Article]) -> dict[str, int]:
    """Return the pages that show *new_article*'s calendar month, besides the 2 % allowance.

    The generated articles of that month, the days of that month with articles (the new
    one's included), its month archive and the new article itself.  Dates are compared as
    written, that is in ``newsroom_timezone``.
    """
    new = new_article(articles)
    month = [a for a in articles if (a.date.year, a.date.month) == (new.date.year, new.date.month)]
    return {
        "articles": len(month),
        "days": len({a.date.date() for a in [*month, new]}),
        "month archive": 1,
        "new article": 1,
    }
