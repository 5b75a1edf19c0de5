"""The ``related`` directive: "You might also like", chosen by hand and by relatedness.

Relatedness of a candidate to an article (contract, section 2) is the sum of:

* for each shared tag, ``weights["tag"]`` times the tag's rarity,
  ``log(1 + N / df) / log(1 + N)``, where *N* is the number of listed articles and *df*
  the number of them carrying the tag: 1 for a tag only one article has, falling smoothly
  (but never to 0) as a tag is carried by a larger share of all articles;
* ``weights["section"]`` for the same section;
* ``weights["author"]`` for each shared author.

Only candidates sharing a tag or the section qualify. They are ordered by score, then by
closeness in time to the article, then newer first, then by document name.
"""

from __future__ import annotations

import bisect
import difflib
import heapq
import itertools
import math
import pickle
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import docname_join, logging

from sphinx_newsroom import nodes as nr_nodes
from sphinx_newsroom.article_page import ASIDE_CLASS, WEBSITE_BUILDERS
from sphinx_newsroom.articles import ArticleInfo, DocumentDataDomain, Newsroom, get_newsroom
from sphinx_newsroom.config import settings
from sphinx_newsroom.dates import iso
from sphinx_newsroom.formatting import display_date, local_moment, moment_data
from sphinx_newsroom.incremental import Fingerprinted, without_cyclic_gc
from sphinx_newsroom.locale import _
from sphinx_newsroom.options import NewsroomDirective, TolerantOptions
from sphinx_newsroom.render import render
from sphinx_newsroom.siteurl import relative_link
from sphinx_newsroom.slugs import slugify

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RelatedEntry:
    """One document named in a ``related`` body: the name resolved, as written, and where."""

    docname: str
    text: str
    #: ``path:line`` of the entry in its source file.
    location: str


@dataclass(frozen=True)
class RelatedRequest(Fingerprinted):
    """One ``related`` directive, as plain values."""

    docname: str
    entries: tuple[RelatedEntry, ...] = ()
    limit: int | None = None


def related_weights(config: Config) -> dict[str, float]:
    """Return the score weights: ``newsroom_related_weights`` merged over the defaults."""
    return dict(settings(config).related_weights)


# Scoring --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Features:
    """What relatedness compares, computed once per article and build."""

    tags: frozenset[str]
    section: str
    authors: frozenset[str]
    timestamp: float


def _features(article: ArticleInfo) -> _Features:
    return _Features(
        frozenset(slugify(tag) for tag in article.tags),
        article.section_slug,
        frozenset(author.slug for author in article.authors),
        article.published.timestamp() if article.published is not None else 0.0,
    )


@dataclass(frozen=True)
class _Index:
    """The listed articles' features, and who carries each tag and section.

    For ranking, the articles are also numbered in time order (:attr:`order`), and each
    tag, section and author has the set of its articles as the bits of one integer: the
    candidates of a class are then a few bitwise operations away, and the nearest in time
    the nearest bits.
    """

    features: dict[str, _Features]
    by_tag: dict[str, tuple[str, ...]]
    by_section: dict[str, tuple[str, ...]]
    rarity: dict[str, float]
    #: The articles by time, then name: ``(timestamp, name)``.
    order: tuple[tuple[float, str], ...]
    #: Each article's place in :attr:`order`.
    position: dict[str, int]
    tag_bits: dict[str, int]
    section_bits: dict[str, int]
    author_bits: dict[str, int]


def _index(newsroom: Newsroom) -> _Index:
    return newsroom.memo(_make_index)


def _make_index(newsroom: Newsroom) -> _Index:
    return _index_of({article.docname: _features(article) for article in newsroom.chain})


def _index_of(features: dict[str, _Features]) -> _Index:
    by_tag: dict[str, list[str]] = {}
    by_section: dict[str, list[str]] = {}
    for docname, feature in features.items():
        for slug in feature.tags:
            by_tag.setdefault(slug, []).append(docname)
        if feature.section:
            by_section.setdefault(feature.section, []).append(docname)
    total = len(features)
    order = tuple(sorted((feature.timestamp, name) for name, feature in features.items()))
    position = {name: number for number, (_stamp, name) in enumerate(order)}
    return _Index(
        features,
        {slug: tuple(names) for slug, names in by_tag.items()},
        {slug: tuple(names) for slug, names in by_section.items()},
        {
            slug: math.log(1 + total / len(names)) / math.log(1 + total)
            for slug, names in by_tag.items()
        },
        order,
        position,
        {slug: _bits(position, names) for slug, names in by_tag.items()},
        {slug: _bits(position, names) for slug, names in by_section.items()},
        _author_bits(features, position),
    )


def _bits(position: Mapping[str, int], names: Iterable[str]) -> int:
    """Return the set of *names* as the bits of their places in the time order."""
    return sum(1 << position[name] for name in names)


def _author_bits(features: Mapping[str, _Features], position: Mapping[str, int]) -> dict[str, int]:
    by_author: dict[str, list[str]] = {}
    for name, feature in features.items():
        for slug in feature.authors:
            by_author.setdefault(slug, []).append(name)
    return {slug: _bits(position, names) for slug, names in by_author.items()}


def tag_rarity(newsroom: Newsroom) -> dict[str, float]:
    """Return the rarity factor (0, 1] of every tag carried by a listed article."""
    return _index(newsroom).rarity


#: Candidates that score alike for an article: which of its tags (in sorted order) they
#: share, as bits; whether they share its section; how many of its authors they share.
_Class = tuple[int, bool, int]


def _class_of(mine: _Features, tags: Sequence[str], theirs: _Features) -> _Class | None:
    """Return the class of *theirs* as a candidate for *mine* (tags: mine, sorted), if any."""
    mask = 0
    for bit, slug in enumerate(tags):
        if slug in theirs.tags:
            mask |= 1 << bit
    same_section = bool(mine.section) and mine.section == theirs.section
    if not mask and not same_section:
        return None
    return mask, same_section, len(mine.authors & theirs.authors)


@dataclass(frozen=True)
class _Scorer:
    """The score of each class of candidates for one article, under one tag rarity."""

    #: The tag weight times the rarity of each of the article's tags, in sorted order.
    terms: tuple[float, ...]
    weights: Mapping[str, float]

    @classmethod
    def make(
        cls, tags: Sequence[str], rarity: Mapping[str, float], weights: Mapping[str, float]
    ) -> _Scorer:
        return cls(tuple(weights["tag"] * rarity.get(slug, 1.0) for slug in tags), weights)

    def score(self, kind: _Class) -> float:
        """Return the score of candidates of class *kind*, added up in a fixed order."""
        return self.scores((kind,), None)[kind]

    def scores(self, kinds: Iterable[_Class], ndigits: int | None = 9) -> dict[_Class, float]:
        """Return the score of each of *kinds*, rounded to *ndigits* (so that sums of the
        same weights in another order still tie); made in one loop, as a publish rescores
        every class of every article."""
        # Tags in sorted order, then the section, then authors: the same sums, to the last
        # bit, for every candidate of a class and in every build.  The tags' sums come
        # from a table of every subset of the article's tags, each the sum without its
        # last tag plus that tag (the same additions in the same order).
        sums: list[float] = [0]
        for term in self.terms[:_TABLED_TAGS]:
            sums += [total + term for total in sums]
        section = self.weights["section"]
        author = self.weights["author"]
        scores = {}
        for kind in kinds:
            mask, same_section, authors = kind
            if mask < len(sums):
                score = sums[mask]
            else:
                score = 0
                for bit, term in enumerate(self.terms):
                    if mask >> bit & 1:
                        score = score + term
            if same_section:
                score = score + section
            score = score + author * authors
            scores[kind] = score if ndigits is None else round(score, ndigits)
        return scores


#: Up to how many tags an article's subsets of tags are added up in a table (64 sums).
_TABLED_TAGS = 6


def relatedness(
    article: ArticleInfo,
    candidate: ArticleInfo,
    rarity: dict[str, float],
    weights: Mapping[str, float],
) -> float | None:
    """Return how related *candidate* is to *article*, or ``None`` if it does not qualify."""
    mine = _features(article)
    tags = sorted(mine.tags)
    kind = _class_of(mine, tags, _features(candidate))
    return None if kind is None else _Scorer.make(tags, rarity, weights).score(kind)


#: The candidates of one class for an article: how many, and the first few in the order
#: of the ties (closeness in time, newer, name), as many as the ranking keeps: any candidate
#: among the best is among these.  A plain tuple, pickled as it is (see :func:`_pack`).
_Group = tuple[int, tuple[str, ...]]


@dataclass(frozen=True)
class _Ranking:
    """An article's best candidates, and what it takes to bring them up to date."""

    #: The article's own features, and whether it has a date (else time is no tie-break).
    mine: _Features
    dated: bool
    #: How many of the best are kept (``None``: all).
    count: int | None
    #: Every class of its candidates.
    groups: dict[_Class, _Group]
    #: The rounded score of each class.
    scores: dict[_Class, float]
    #: The best candidates, best first.
    best: tuple[str, ...]


#: How candidates are ordered: score (negated), closeness in time, newer, name (unique).
_Key = tuple[float, float, float, str]


def _tie_key(name: str, mine: _Features, theirs: _Features, dated: bool) -> _Key:
    """Order within a score: closeness in time, then newer, then the name: a total order."""
    distance = abs(theirs.timestamp - mine.timestamp) if dated else 0.0
    return (0.0, distance, -theirs.timestamp, name)


def _first(keys: Iterable[_Key], count: int | None) -> list[_Key]:
    return sorted(keys) if count is None else heapq.nsmallest(count, keys)


def _ranking(
    mine: _Features,
    dated: bool,
    count: int | None,
    members: Mapping[_Class, tuple[int, Iterable[_Key]]],
    scorer: _Scorer,
) -> _Ranking:
    """Return the ranking of classes of candidates: *members* has their number and keys.

    The keys of a class may be all of its candidates or only its first ones.
    """
    groups = {}
    keys = []
    scores = scorer.scores(members)
    for kind, (number, tie_keys) in members.items():
        first = _first(tie_keys, count)
        groups[kind] = (number, tuple(key[3] for key in first))
        score = scores[kind]
        keys += [(-score, *key[1:]) for key in first]
    best = tuple(key[3] for key in _first(keys, count))
    return _Ranking(mine, dated, count, groups, scores, best)


def _rank(
    index: _Index,
    docname: str,
    mine: _Features,
    dated: bool,
    weights: Mapping[str, float],
    count: int | None,
) -> _Ranking:
    """Rank every listed article that shares a tag or the section with *docname*'s.

    The candidates are split into classes with bitwise operations; each class gives its
    number and its first candidates in the order of the ties, the nearest in time.
    """
    tags = sorted(mine.tags)
    section = index.section_bits.get(mine.section, 0) if mine.section else 0
    candidates = section
    for slug in tags:
        candidates |= index.tag_bits.get(slug, 0)
    own = index.position.get(docname)
    if own is not None:
        candidates &= ~(1 << own)
    # Where the article lies among the others in time: the ties are the nearest first
    # (without a date to be near to, the newest first: as if after all of them).
    if not dated:
        place = len(index.order)
    elif own is not None:
        place = own
    else:
        place = bisect.bisect_left(index.order, (mine.timestamp, docname))
    members = {
        kind: (bits.bit_count(), _first_of_class(index, bits, place, mine, dated, count))
        for kind, bits in _classes(index, mine, tags, candidates, section).items()
    }
    scorer = _Scorer.make(tags, index.rarity, weights)
    return _ranking(mine, dated, count, members, scorer)


def _classes(
    index: _Index, mine: _Features, tags: Sequence[str], candidates: int, section: int
) -> dict[_Class, int]:
    """Split *candidates* (bits) into the classes of :func:`_class_of`."""
    parts: dict[_Class, int] = {(0, False, 0): candidates}
    for bit, slug in enumerate(tags):
        parts = _split(parts, index.tag_bits.get(slug, 0), (1 << bit, False, 0))
    parts = _split(parts, section, (0, True, 0))
    for slug in mine.authors:
        parts = _split(parts, index.author_bits.get(slug, 0), (0, False, 1))
    return parts


def _split(parts: dict[_Class, int], carriers: int, added: _Class) -> dict[_Class, int]:
    """Split each class into its members among *carriers*, whose class gains *added*, and
    the others, which keep theirs."""
    mask, same, authors = added
    split: dict[_Class, int] = {}
    for kind, bits in parts.items():
        gained = (kind[0] | mask, kind[1] or same, kind[2] + authors)
        for key, subset in ((gained, bits & carriers), (kind, bits & ~carriers)):
            if subset:
                split[key] = split.get(key, 0) | subset
    return split


def _first_of_class(
    index: _Index, bits: int, place: int, mine: _Features, dated: bool, count: int | None
) -> list[_Key]:
    """Return the tie keys of a class's first *count* candidates (all: ``None``), or more.

    The nearest in time are the nearest bits to *place*: after it, the lowest bits come in
    the order of the ties (later, then by name); before it, the highest come nearest first,
    but those of one time by name backwards, so all of the last one's time are taken.
    """
    order = index.order
    if count is None or bits.bit_count() <= count:
        chosen = _lowest(bits, None)
    else:
        chosen = _highest(bits & ((1 << place) - 1), order, count)
        chosen += [place + number for number in _lowest(bits >> place, count)]
    keys = []
    for number in chosen:
        stamp, name = order[number]
        distance = abs(stamp - mine.timestamp) if dated else 0.0
        keys.append((0.0, distance, -stamp, name))
    return keys


def _lowest(bits: int, count: int | None) -> list[int]:
    """Return the places of the lowest *count* bits set in *bits* (all: ``None``)."""
    taken: list[int] = []
    while bits and (count is None or len(taken) < count):
        low = bits & -bits
        taken.append(low.bit_length() - 1)
        bits ^= low
    return taken


def _highest(bits: int, order: Sequence[tuple[float, str]], count: int) -> list[int]:
    """Return the places of the highest *count* bits set in *bits*, and of every further
    one of the same time as the last."""
    taken: list[int] = []
    while bits:
        number = bits.bit_length() - 1
        if len(taken) >= count and order[number][0] != order[taken[-1]][0]:
            break
        taken.append(number)
        bits ^= 1 << number
    return taken


def _same_order(pairs: Iterable[tuple[float, float]]) -> bool:
    """Return whether the second scores of *pairs* order them exactly as the first do."""
    ordered = sorted(pairs)
    return all(
        (old < next_old and new < next_new) or (old == next_old and new == next_new)
        for (old, new), (next_old, next_new) in itertools.pairwise(ordered)
    )


def _brought_up_to_date(
    previous: _Ranking,
    index: _Index,
    old_features: Mapping[str, _Features],
    weights: Mapping[str, float],
    changed: Iterable[str],
) -> _Ranking | None:
    """Return *previous* after the listed articles *changed* did, or ``None`` to rank afresh.

    *changed* are the other articles added, removed or changed since that share a tag or
    the section with this one (before or after); every other candidate is as it was, so it
    keeps its class.  Each class keeps its first candidates in the order of the ties, as
    many as the ranking keeps: a changed article leaves its old class and joins its new
    one.  The best are then the best of the classes' first, under the new scores (tag
    rarity moves with the number of listed articles).  Only when a changed article was
    among the first of a class that has more candidates than are kept is the ranking made
    afresh.
    """
    mine, dated, count = previous.mine, previous.dated, previous.count
    tags = sorted(mine.tags)
    old_groups = previous.groups
    # The classes that a changed article left or joined: their number and their first
    # (copied when changed); every other class is as it was.
    numbers: dict[_Class, int] = {}
    firsts: dict[_Class, list[str]] = {}

    def first_of(kind: _Class) -> list[str]:
        first = firsts.get(kind)
        if first is None:
            group = old_groups.get(kind)
            number, first_names = group if group is not None else (0, ())
            first = firsts[kind] = list(first_names)
            numbers[kind] = number
        return first

    dropped = False  # whether a class lost one of its first
    joined: list[tuple[str, _Class]] = []
    for name in changed:
        old = old_features.get(name)
        kind = _class_of(mine, tags, old) if old is not None else None
        if kind is not None:
            first = first_of(kind)
            if not numbers[kind]:  # not ranked against these features after all
                return None
            if name in first:
                if len(first) < numbers[kind]:  # the next of its class is not known
                    return None
                first.remove(name)
                dropped = True
            numbers[kind] -= 1
        new = index.features.get(name)
        kind = _class_of(mine, tags, new) if new is not None else None
        if kind is not None:
            first_of(kind).append(name)
            numbers[kind] += 1
            joined.append((name, kind))
    scorer = _Scorer.make(tags, index.rarity, weights)
    scores = scorer.scores({**old_groups, **numbers})
    for kind, number in numbers.items():
        if not number:
            del scores[kind]
    features = index.features

    def tie_keys(kind: _Class) -> list[_Key]:
        first = firsts[kind] if kind in firsts else old_groups[kind][1]
        return [_tie_key(name, mine, features[name], dated) for name in first]

    old_scores = previous.scores
    if dropped or not _same_order((old_scores[kind], scores[kind]) for kind in old_scores):
        # The best from the first of every class (what left a class is not among them).
        members = {
            kind: (numbers[kind] if kind in numbers else old_groups[kind][0], tie_keys(kind))
            for kind in scores
        }
        return _ranking(mine, dated, count, members, scorer)
    # The classes keep their order, so the last best keep theirs: merge in those that joined.
    groups = dict(old_groups)
    for kind, number in numbers.items():  # the classes a changed article left or joined
        if number:
            groups[kind] = (number, tuple(key[3] for key in _first(tie_keys(kind), count)))
        else:
            del groups[kind]
    candidates = [(name, _class_of(mine, tags, features[name])) for name in previous.best]
    ranked = [
        (-scores[kind], *_tie_key(name, mine, features[name], dated)[1:])
        for name, kind in [*candidates, *joined]
        if kind is not None
    ]
    best = tuple(key[3] for key in _first(ranked, count))
    return _Ranking(mine, dated, count, groups, scores, best)


def ranked_candidates(
    newsroom: Newsroom,
    article: ArticleInfo,
    weights: Mapping[str, float],
    count: int | None = None,
) -> list[ArticleInfo]:
    """Return the listed articles related to *article*, best first (the best *count*).

    The same scores as :func:`relatedness`, added up along the index of who carries each
    tag and section, so that only articles sharing one are looked at at all.
    """
    index = _index(newsroom)
    mine = index.features.get(article.docname) or _features(article)
    ranking = _rank(index, article.docname, mine, article.published is not None, weights, count)
    return [newsroom.articles[name] for name in ranking.best]


class RankingMemory:
    """The related rankings of a build, kept in the environment for the next one.

    Pure memoisation: each ranking is checked against the articles as they are now before
    it is used (:class:`Rankings`), so a memory that is out of date costs time, never
    correctness.  It is pickled as plain tuples, and unpacked only when a build looks at
    it: a build that reads nothing never does.
    """

    def __init__(
        self,
        weights: tuple[float, float, float],
        features: dict[str, _Features],
        rankings: dict[tuple[str, int | None], _Ranking],
    ) -> None:
        #: The score weights (tag, section, author) the rankings were made with.
        self.weights = weights
        self._features = features
        self._rankings = rankings
        #: The pickled form while not unpacked (``None`` once unpacked or made here).
        self._packed: bytes | None = None

    @property
    def features(self) -> dict[str, _Features]:
        """The listed articles' features the rankings were made against."""
        self._unpack()
        return self._features

    @property
    def rankings(self) -> dict[tuple[str, int | None], _Ranking]:
        """Rankings by article and number kept."""
        self._unpack()
        return self._rankings

    @rankings.setter
    def rankings(self, rankings: dict[tuple[str, int | None], _Ranking]) -> None:
        self._unpack()
        self._rankings = rankings

    def __getstate__(self) -> dict[str, Any]:
        if self._packed is None:
            self._packed = _pack(self._features, self._rankings)
        return {"weights": self.weights, "packed": self._packed}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.weights = tuple(state["weights"])  # type: ignore[assignment]
        self._packed = state.get("packed") or b""
        self._features, self._rankings = {}, {}

    def release(self) -> None:
        """Keep only the packed form, once the environment has been saved with it.

        Unpacked again if a ranking is asked for after all; the lists of this build's
        pages are resolved before Sphinx saves the environment, so none usually is.
        """
        if self._packed is not None:
            self._features, self._rankings = {}, {}

    def _unpack(self) -> None:
        if self._packed is None:
            return
        try:
            with without_cyclic_gc():  # tens of thousands of small objects at once
                self._features, self._rankings = _unpack(self._packed)
        except Exception:  # a memory from another version: rank afresh
            self._features, self._rankings = {}, {}
        self._packed = None  # changed from now on: packed again when pickled


def _pack(
    features: dict[str, _Features], rankings: dict[tuple[str, int | None], _Ranking]
) -> bytes:
    """Return *features* and *rankings* as plain tuples (pickled without our classes).

    Names are the same string objects throughout, so the pickle holds each once; a
    ranking's classes are plain data already, pickled as they are.
    """

    def plain(feature: _Features) -> tuple[Any, ...]:
        return (tuple(feature.tags), feature.section, tuple(feature.authors), feature.timestamp)

    packed_features = [(name, plain(feature)) for name, feature in features.items()]
    packed_rankings = [
        (
            docname,
            count,
            plain(ranking.mine),
            ranking.dated,
            ranking.groups,
            ranking.scores,
            ranking.best,
        )
        for (docname, count), ranking in rankings.items()
    ]
    return pickle.dumps((packed_features, packed_rankings), pickle.HIGHEST_PROTOCOL)


def _unpack(
    packed: bytes,
) -> tuple[dict[str, _Features], dict[tuple[str, int | None], _Ranking]]:
    packed_features, packed_rankings = pickle.loads(packed)
    made: dict[tuple[Any, ...], _Features] = {}

    def feature(plain: tuple[Any, ...]) -> _Features:
        found = made.get(plain)
        if found is None:
            tags, section, authors, timestamp = plain
            found = made[plain] = _Features(frozenset(tags), section, frozenset(authors), timestamp)
        return found

    features = {name: feature(plain) for name, plain in packed_features}
    rankings = {
        (docname, count): _Ranking(
            feature(mine),
            dated,
            count,
            groups,
            scores,
            best,
        )
        for docname, count, mine, dated, groups, scores, best in packed_rankings
    }
    return features, rankings


class Rankings:
    """This build's related rankings: the last build's, brought up to date where they can be.

    A ranking is made afresh only for an article that changed itself, or when a changed
    article was among the first of one of its classes of candidates and that class has
    more than are kept (see :func:`_brought_up_to_date`).  The ranking of every other
    article is the last build's, its classes rescored (tag rarity moves with the number of
    listed articles) and merged with the changed articles that share a tag or its section.
    One per :class:`Newsroom`, so per set of articles.
    """

    def __init__(self, newsroom: Newsroom, domain: RelatedDomain) -> None:
        self.newsroom = newsroom
        self.index = _index(newsroom)
        self.weights = newsroom.settings.related_weights
        key = (self.weights["tag"], self.weights["section"], self.weights["author"])
        previous = domain.memory
        self.memory = RankingMemory(key, self.index.features, {})
        self.previous: RankingMemory | None = None
        #: The changed articles (see :meth:`_changed`) by tag and by section.
        self._changed_by_tag: dict[str, set[str]] = {}
        self._changed_by_section: dict[str, set[str]] = {}
        #: The articles whose ranking was made afresh (every candidate looked at), and those
        #: whose last best were merged with changed articles sharing a tag or the section.
        #: Every other ranking is the last build's, at most rescored class by class.
        self.ranked: set[str] = set()
        self.merged: set[str] = set()
        if previous is not None and previous.weights == key:
            changed = self._changed(previous.features)
            if changed:
                self.previous = previous
            else:
                self.memory.rankings = dict(previous.rankings)
        domain.memory = self.memory

    def _changed(self, old: Mapping[str, _Features]) -> bool:
        new = self.index.features
        found = False
        for name in old.keys() | new.keys():
            before, after = old.get(name), new.get(name)
            if before == after:
                continue
            found = True
            for features in (before, after):
                if features is None:
                    continue
                for slug in features.tags:
                    self._changed_by_tag.setdefault(slug, set()).add(name)
                if features.section:
                    self._changed_by_section.setdefault(features.section, set()).add(name)
        return found

    def release(self) -> None:
        """Let go of the last build's rankings and of this build's unpacked ones (see
        :func:`release_rankings`): a ranking asked for later is made afresh or unpacked."""
        self.previous = None
        self._changed_by_tag, self._changed_by_section = {}, {}
        self.memory.release()

    def best(self, article: ArticleInfo, count: int | None) -> list[ArticleInfo]:
        """Return the listed articles related to *article*, best first (the best *count*)."""
        docname = article.docname
        mine = self.index.features.get(docname) or _features(article)
        dated = article.published is not None
        key = (docname, count)
        ranking = self.memory.rankings.get(key)
        if ranking is None or ranking.mine != mine or ranking.dated != dated:
            ranking = self._update(key, mine, dated)
            if ranking is None:
                ranking = _rank(self.index, docname, mine, dated, self.weights, count)
                self.ranked.add(docname)
            self.memory.rankings[key] = ranking
        return [self.newsroom.articles[name] for name in ranking.best]

    def _update(self, key: tuple[str, int | None], mine: _Features, dated: bool) -> _Ranking | None:
        previous = self.previous.rankings.get(key) if self.previous is not None else None
        if previous is None or previous.mine != mine or previous.dated != dated:
            return None
        assert self.previous is not None
        changed: set[str] = set()
        for slug in mine.tags:
            changed |= self._changed_by_tag.get(slug, set())
        changed |= self._changed_by_section.get(mine.section, set()) if mine.section else set()
        changed.discard(key[0])
        ranking = _brought_up_to_date(
            previous, self.index, self.previous.features, self.weights, sorted(changed)
        )
        if ranking is not None and changed:
            self.merged.add(key[0])
        return ranking


def rankings(env: BuildEnvironment) -> Rankings:
    """Return this build's related rankings (made once per set of articles)."""
    return get_newsroom(env).memo(Rankings, _related_domain(env))


def rank_before_saving(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """On ``env-get-updated``, after the digest of every page: rank every related list
    now when the environment Sphinx is about to save holds no rankings.

    That happens when a build read every document again (``-E``) and found everything
    pages show as it was: no page is digested then, and the lists would be ranked only
    while writing, after the save, so the next build would rank every list afresh. Every
    other build either digested the pages (which ranked the lists) or kept the last
    build's rankings, and this costs nothing.
    """
    domain = _related_domain(env)
    if domain.memory is None and domain.requests:
        newsroom = get_newsroom(env)
        ranker = rankings(env)
        for docname in sorted(domain.requests):
            for request in domain.requests[docname]:
                resolve_related(newsroom, request, ranker)
    return []


def rankings_made(env: BuildEnvironment, docnames: Sequence[str]) -> Any:
    """In a worker that digested the pages of *docnames* (``-j N``): their rankings, packed,
    and which of them were made afresh or merged (see :func:`keep_rankings`)."""
    ranker = get_newsroom(env).memoised(Rankings, _related_domain(env))
    if ranker is None:
        return None
    names = set(docnames)
    made = {key: ranking for key, ranking in ranker.memory.rankings.items() if key[0] in names}
    return _pack({}, made), ranker.ranked & names, ranker.merged & names


def keep_rankings(env: BuildEnvironment, made: Any) -> None:
    """In the main process: keep the rankings a worker made (:func:`rankings_made`) in this
    build's, so that the environment Sphinx saves holds every ranking."""
    if made is None:
        return
    packed, ranked, merged = made
    ranker = rankings(env)
    with without_cyclic_gc():
        ranker.memory.rankings.update(_unpack(packed)[1])
    ranker.ranked |= ranked
    ranker.merged |= merged


def release_rankings(app: Sphinx, builder: Builder) -> None:
    """On ``write-started``: keep the rankings only in the form Sphinx saved them in.

    Every page's related lists were resolved to digest the pages, before Sphinx saved the
    environment, and are kept; the rankings behind them (five megabytes at 1,000 articles)
    are then needed only by the next build, which unpacks them from the saved environment.
    Freed before the pages are written, their memory serves the writing.
    """
    ranker = get_newsroom(app.env).memoised(Rankings, _related_domain(app.env))
    if ranker is not None:
        ranker.release()


def _entry_problem(newsroom: Newsroom, request: RelatedRequest, entry: RelatedEntry) -> str:
    if entry.docname == request.docname:
        return "self"
    if entry.docname not in newsroom.articles:
        return "not-article"
    if not newsroom.is_listed(entry.docname):
        return "unlisted"
    return ""


def resolve_related(
    newsroom: Newsroom, request: RelatedRequest, ranker: Rankings | None = None
) -> tuple[list[ArticleInfo], list[tuple[RelatedEntry, str]]]:
    """Return a block's articles (named ones first, then the best others) and bad entries.

    The best others come from *ranker* (the build's :func:`rankings`), else are ranked
    afresh.  Cached per build: the digest pass after reading and the page itself ask the
    same.
    """
    return newsroom.memo(_resolve, request, ranker)


def _resolve(
    newsroom: Newsroom, request: RelatedRequest, ranker: Rankings | None
) -> tuple[list[ArticleInfo], list[tuple[RelatedEntry, str]]]:
    weights = newsroom.settings.related_weights
    limit = request.limit or newsroom.settings.related_limit
    chosen: dict[str, ArticleInfo] = {}
    problems: list[tuple[RelatedEntry, str]] = []
    for entry in request.entries:
        problem = _entry_problem(newsroom, request, entry)
        if problem:
            problems.append((entry, problem))
        elif entry.docname not in chosen and len(chosen) < limit:
            chosen[entry.docname] = newsroom.articles[entry.docname]
    article = newsroom.articles.get(request.docname)
    if article is not None and len(chosen) < limit:
        count = limit + len(chosen)
        if ranker is not None:
            candidates = ranker.best(article, count)
        else:
            candidates = ranked_candidates(newsroom, article, weights, count)
        for candidate in candidates:
            chosen.setdefault(candidate.docname, candidate)
            if len(chosen) >= limit:
                break
    return list(chosen.values()), problems


# The directive --------------------------------------------------------------------------------


class RelatedDomain(DocumentDataDomain):
    """The ``related`` directives of each document, as plain :class:`RelatedRequest` values."""

    name = "newsroom-related"
    label = "Newsroom related articles"
    data_version = 3
    per_document = ("requests",)
    #: ``memory``: the last build's rankings (:class:`RankingMemory`), not per document.
    initial_data: ClassVar[dict[str, Any]] = {"requests": {}, "memory": None}

    @property
    def requests(self) -> dict[str, list[RelatedRequest]]:
        return self.data["requests"]

    @property
    def memory(self) -> RankingMemory | None:
        memory = self.data.get("memory")
        return memory if isinstance(memory, RankingMemory) else None

    @memory.setter
    def memory(self, memory: RankingMemory) -> None:
        self.data["memory"] = memory

    def add_request(self, request: RelatedRequest) -> None:
        self.requests.setdefault(request.docname, []).append(request)


def _related_domain(env: BuildEnvironment) -> RelatedDomain:
    domain = env.get_domain(RelatedDomain.name)
    assert isinstance(domain, RelatedDomain)
    return domain


class RelatedDirective(NewsroomDirective):
    """``.. related::`` with document names in its body, ``:limit:`` and ``:title:``."""

    has_content = True
    option_spec = TolerantOptions(limit=directives.unchanged, title=directives.unchanged)

    def run(self) -> list[nodes.Node]:
        options = self.known_options()
        docname = self.env.docname
        request = RelatedRequest(docname, tuple(self._entries()), self._limit(options))
        _related_domain(self.env).add_request(request)
        title = " ".join(str(options.get("title") or "").split())
        node = nr_nodes.related_list(classes=[ASIDE_CLASS], request=request, title=title)
        self.set_source_info(node)
        return [node]

    def _limit(self, options: dict[str, Any]) -> int | None:
        raw = str(options.get("limit") or "").strip()
        if not raw:
            return None
        if raw.isdigit() and int(raw) > 0:
            return int(raw)
        self.warn(
            "related",
            "related :limit: %r is not a positive whole number; using newsroom_related_limit",
            raw,
        )
        return None

    def _entries(self) -> Iterable[RelatedEntry]:
        suffixes = tuple(self.config.source_suffix)
        for index, line in enumerate(self.content):
            text = line.strip()
            if not text:
                continue
            name = text
            for suffix in suffixes:
                if name.endswith(suffix):
                    name = name.removesuffix(suffix)
                    break
            # Like toctree entries: relative to this document, or absolute with a leading "/";
            # else from the source root ("world/2024/talks" from any folder).
            docname = docname_join(self.env.docname, name)
            if docname not in self.env.found_docs and not name.startswith("/"):
                from_root = docname_join("index", name)
                if from_root in self.env.found_docs:
                    docname = from_root
            yield RelatedEntry(docname, text, self._entry_location(index))

    def _entry_location(self, index: int) -> str:
        if type(self.state).__module__.startswith("myst_parser"):
            # MyST counts content offsets from the directive's own line.
            source, line = self.get_source_info()
            return f"{source}:{(line or 0) + self.content_offset + index + 1}"
        # reStructuredText offsets are absolute (0-based), and map to included files too.
        found = self.state_machine.get_source_and_line(self.content_offset + index + 1)
        if found[0] is None or found[1] is None:  # past the end of the input
            return self.get_location()
        return f"{found[0]}:{found[1]}"


class RelatedPlacement(SphinxPostTransform):
    """Lift ``related`` blocks to the article's top section, so they sit outside its text.

    Runs before :class:`~sphinx_newsroom.article_page.ArticleStructure` (priority 900), which
    keeps the top section's asides out of ``e-content``.
    """

    default_priority = 880
    builders = WEBSITE_BUILDERS

    def run(self, **kwargs: Any) -> None:
        if nr_nodes.first(self.document, nr_nodes.byline) is None:
            return
        section = nr_nodes.first(self.document, nodes.section)
        if section is None:
            return
        for node in list(section.findall(nr_nodes.related_list)):
            if node.parent is not section:
                node.parent.remove(node)
                section.append(node)


# Rendering ------------------------------------------------------------------------------------


def related_html(
    builder: Builder, pagename: str, title: str, ident: str, articles: list[ArticleInfo]
) -> str:
    """Return the "You might also like" block from ``newsroom/related.html``."""
    newsroom = get_newsroom(builder.env)
    data = {
        "id": ident,
        "title": title,
        "articles": [
            {
                "title": article.headline,
                "link": relative_link(builder, pagename, article.docname),
                # Babel's formatting is the costly part: once per article and build.
                "published": newsroom.memo(_published, article, builder.config),
            }
            for article in articles
        ],
    }
    return str(render(builder, "newsroom/related.html", related=data))


def _published(newsroom: Newsroom, article: ArticleInfo, config: Config) -> dict[str, str] | None:
    if article.published is None:
        return None
    return moment_data(article.published, config, with_time=False)


def related_nodes(
    builder: Builder, pagename: str, title: str, articles: list[ArticleInfo]
) -> nodes.Element:
    """Return the block as plain doctree nodes, for builders other than HTML."""
    items = nodes.bullet_list()
    for article in articles:
        uri = relative_link(builder, pagename, article.docname)
        paragraph = nodes.paragraph()
        paragraph += nodes.reference("", article.headline, internal=True, refuri=uri)
        if article.published is not None:
            day = local_moment(article.published, builder.config).date()
            paragraph += nodes.Text(f" ({display_date(day, builder.config)})")
        items += nodes.list_item("", paragraph)
    block = nodes.container(classes=["newsroom-related"])
    block += nodes.rubric("", title)
    block += items
    return block


def _unique_id(doctree: nodes.document, taken: set[str]) -> str:
    number = 1
    while True:
        ident = "newsroom-related" if number == 1 else f"newsroom-related-{number}"
        if ident not in doctree.ids and ident not in taken:
            taken.add(ident)
            return ident
        number += 1


def _warn_entry(env: BuildEnvironment, entry: RelatedEntry, problem: str) -> None:
    if problem == "self":
        reason = "names the article itself"
    elif problem == "unlisted":
        article = get_newsroom(env).articles[entry.docname]
        if article.published is None:
            reason = "has no date that could be read"
        elif article.status == "draft":
            reason = "is a draft"
        else:
            reason = "is not published yet"
    elif entry.docname in env.found_docs:
        reason = "is not an article (it has no byline)"
    else:
        reason = "is not a document" + _not_found_hint(env, entry)
    logger.warning(
        "related entry %r (%s) %s; it is skipped",
        entry.text,
        entry.docname,
        reason,
        type="newsroom",
        subtype="related",
        location=entry.location,
    )


def _not_found_hint(env: BuildEnvironment, entry: RelatedEntry) -> str:
    """Say where else an entry was looked for (from the source root), and the nearest
    article's name."""
    name = entry.text.strip()
    for suffix in env.config.source_suffix:
        name = name.removesuffix(suffix)
    from_root = name.lstrip("/")
    hint = f", nor is {from_root!r} from the source root" if from_root != entry.docname else ""
    articles = sorted(get_newsroom(env).articles)
    nearest = difflib.get_close_matches(entry.docname, articles, n=1) or (
        difflib.get_close_matches(from_root, articles, n=1)
    )
    return hint + (f"; did you mean {nearest[0]!r}?" if nearest else "")


def resolve_related_lists(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """On ``doctree-resolved``: replace each ``related`` placeholder by its list."""
    placeholders = list(doctree.findall(nr_nodes.related_list))
    if not placeholders:
        return
    newsroom = get_newsroom(app.env)
    ranker = rankings(app.env)
    taken: set[str] = set()
    for node in placeholders:
        request: RelatedRequest = node["request"]
        articles, problems = resolve_related(newsroom, request, ranker)
        for entry, problem in problems:
            _warn_entry(app.env, entry, problem)
        if not articles:
            node.parent.remove(node)
            continue
        title = node["title"] or str(_("You might also like"))
        if app.builder.format == "html":
            html = related_html(app.builder, docname, title, _unique_id(doctree, taken), articles)
            new: nodes.Element = nr_nodes.rendered(html)
        else:
            new = related_nodes(app.builder, docname, title, articles)
        # Not replace_self: it would copy the placeholder's classes onto a wrapping <div>.
        node.parent.replace(node, new)


def related_inputs(env: BuildEnvironment, docname: str) -> Any:
    """What a page's related blocks list (names, titles, dates), for incremental rebuilds."""
    requests = _related_domain(env).requests.get(docname)
    if not requests:
        return None
    newsroom = get_newsroom(env)
    ranker = rankings(env)
    return [
        [
            (a.docname, a.headline, iso(a.published) if a.published else "")
            for a in resolve_related(newsroom, request, ranker)[0]
        ]
        for request in requests
    ]


def setup_related(app: Sphinx) -> None:
    """Register the ``related`` directive, its placeholder, placement and resolver."""
    skip = nr_nodes.skipped_everywhere()
    app.add_node(nr_nodes.related_list, **skip)  # type: ignore[arg-type]
    app.add_domain(RelatedDomain)
    app.add_directive("related", RelatedDirective)
    app.add_post_transform(RelatedPlacement)
