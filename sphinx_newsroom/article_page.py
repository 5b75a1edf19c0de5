"""The structure of an article page: microformats classes and the order of its head."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from markupsafe import Markup
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinx_newsroom import nodes as nr_nodes
from sphinx_newsroom.articles import get_domain, get_newsroom
from sphinx_newsroom.listings import existing_document
from sphinx_newsroom.locale import _
from sphinx_newsroom.render import render
from sphinx_newsroom.siteurl import (
    is_web_builder,
    page_link,
    page_url,
    policy_links,
    resource_uri,
    site_url,
)
from sphinx_newsroom.slugs import slugify
from sphinx_newsroom.urls import taxonomy_page

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.html5 import HTML5Translator

#: Nodes with this class sit after the article's text, outside ``e-content`` (related lists).
ASIDE_CLASS = "newsroom-aside"

#: The builders that write a website of pages, whose articles get their h-entry shape.
WEBSITE_BUILDERS = ("html", "dirhtml", "json", "pickle")


class ArticleStructure(SphinxPostTransform):
    """Give an article's doctree its h-entry shape (HTML only).

    The label badge moves above the headline, the headline becomes ``p-name``, the
    summary becomes ``p-summary``, the body is wrapped in an ``e-content`` container, and
    the previous/next links are placed at the end.
    """

    default_priority = 900
    # Websites only: in one page (singlehtml) or a book (epub) the article stays as written.
    builders = WEBSITE_BUILDERS

    def run(self, **kwargs: Any) -> None:
        byline = nr_nodes.first(self.document, nr_nodes.byline)
        if byline is None:
            return
        section = nr_nodes.first(self.document, nodes.section)
        if section is None or not section.children or not isinstance(section[0], nodes.title):
            return
        title = section[0]
        # The headline as written is the entry's name: not the label's suffix, nor the
        # "¶" permalink that Sphinx adds to the heading.
        suffixes = [child for child in title.children if isinstance(child, nr_nodes.title_suffix)]
        name = nodes.inline("", "", classes=["p-name"])
        name.extend(child for child in title.children if child not in suffixes)
        del title[:]
        title += name
        title.extend(suffixes)
        title["classes"].append("newsroom-headline")
        head: list[nodes.Node] = [title]
        badge = nr_nodes.first(section, nr_nodes.label_badge)
        if badge is not None:
            badge.parent.remove(badge)
            head.insert(0, badge)
        article = get_domain(self.env).articles.get(self.env.docname)
        if article is not None and article.coverage == "live":
            live = nodes.inline("", str(_("Live")), classes=["newsroom-live-badge"])
            head.insert(0, nodes.paragraph("", "", live, classes=["newsroom-live"]))
        byline.parent.remove(byline)
        head.append(byline)
        explicit_summary = bool(self.env.metadata.get(self.env.docname, {}).get("summary"))
        if article is not None and explicit_summary:
            head.append(
                nodes.paragraph("", article.summary, classes=["p-summary", "newsroom-standfirst"])
            )
        if article is not None and article.series:
            head.append(nr_nodes.series_nav())
        if article is not None and article.image:
            head.append(nr_nodes.lead_image())
        rest = section.children[1:]
        asides = [c for c in rest if isinstance(c, nodes.Element) and ASIDE_CLASS in c["classes"]]
        content = nodes.container(classes=["e-content", "newsroom-article-body"])
        content.extend(child for child in rest if child not in asides)
        if not explicit_summary:
            first = next(iter(content.findall(nodes.paragraph)), None)
            if first is not None:
                first["classes"].append("p-summary")
        del section[:]
        # The previous/next links close the article (navigation.py renders them).
        section.extend([*head, content, nr_nodes.article_tags(), *asides, nr_nodes.prev_next()])
        entry = nr_nodes.article_entry(
            label=article.label if article is not None else "", docname=self.env.docname
        )
        section.replace_self(entry)
        entry += section


def _field(metadata: dict[str, Any], name: str) -> str:
    """Return a docinfo field as one line (``image_alt`` or ``image-alt``)."""
    value = metadata.get(name, metadata.get(name.replace("_", "-"), ""))
    return " ".join(str(value).split())


def resolve_lead_image(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """On ``doctree-resolved``: render the article's lead image (``newsroom/lead-image.html``)."""
    for node in list(doctree.findall(nr_nodes.lead_image)):
        article = get_domain(app.env).articles.get(docname)
        if article is None or not article.image:
            node.parent.remove(node)
            continue
        metadata = app.env.metadata.get(docname, {})
        image = {
            "src": resource_uri(app.builder, docname, docname, article.image),
            "alt": _field(metadata, "image_alt"),
            "caption": _field(metadata, "image_caption"),
            "credit": _field(metadata, "image_credit"),
        }
        html = render(app.builder, "newsroom/lead-image.html", image=image)
        node.parent.replace(node, nodes.raw("", html, format="html"))


#: Where the article's own HTML goes inside newsroom/article.html.
_CONTENT = "\x00newsroom-article-content\x00"


def visit_rendered_html(self: HTML5Translator, node: nr_nodes.rendered) -> None:
    self.body.append(node.astext())
    raise nodes.SkipNode


def resolve_article_tags(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """On ``doctree-resolved``: render the article's foot: its tags, linked to their pages,
    and a link to report an error when the publisher has a feedback policy."""
    for node in list(doctree.findall(nr_nodes.article_tags)):
        if not is_web_builder(app.builder):
            node.parent.remove(node)  # tag and policy pages exist on websites only
            continue
        data = [
            {"name": name, "link": page_link(app.builder, docname, target)}
            for name, target in article_tags(app.env, docname)
        ]
        feedback = [p for p in policy_links(app.builder, docname) if p["key"] == "feedback_policy"]
        html = render(app.builder, "newsroom/tags.html", tags=data) + render(
            app.builder,
            "newsroom/report-error.html",
            link=feedback[0]["link"] if feedback else "",
        )
        node.parent.replace(node, nodes.raw("", html, format="html"))


def article_tags(env: BuildEnvironment, docname: str) -> list[tuple[str, str]]:
    """Return an article's tags: the name each tag page uses, and the page to link."""
    newsroom = get_newsroom(env)
    article = newsroom.articles.get(docname)
    if article is None:
        return []
    groups = newsroom.groups("tags")
    found = []
    for slug in dict.fromkeys(slugify(tag) for tag in article.tags):
        group = groups.get(slug)
        page = taxonomy_page("tags", slug)
        # An unlisted article's tags may have no page (a tag only it carries).
        if group is not None:
            found.append((group.name, existing_document(page, env.found_docs) or page))
    return found


def article_tags_inputs(env: BuildEnvironment, docname: str) -> Any:
    """What an article's foot shows: its tags' pages, and the feedback policy's page."""
    feedback = get_newsroom(env).settings.publisher.policies.get("feedback_policy", "")
    return [article_tags(env, docname), feedback in env.found_docs]


def visit_article_entry_html(self: HTML5Translator, node: nr_nodes.article_entry) -> None:
    url = page_url(self.builder, node["docname"]) if site_url(self.builder.config) else ""
    html = render(
        self.builder,
        "newsroom/article.html",
        article={"label": node["label"], "url": url},
        content=Markup(_CONTENT),
    )
    start, _sep, end = html.partition(_CONTENT)
    node["end_html"] = end
    self.body.append(start)


def depart_article_entry_html(self: HTML5Translator, node: nr_nodes.article_entry) -> None:
    self.body.append(node["end_html"] + "\n")


def setup_article_page(app: Sphinx) -> None:
    app.add_post_transform(ArticleStructure)
    skip = nr_nodes.skipped_everywhere()
    app.add_node(nr_nodes.lead_image, **skip)  # type: ignore[arg-type]
    app.add_node(nr_nodes.article_tags, **skip)  # type: ignore[arg-type]
    app.add_node(nr_nodes.article_entry, html=(visit_article_entry_html, depart_article_entry_html))
    app.add_node(nr_nodes.rendered, html=(visit_rendered_html, None))
