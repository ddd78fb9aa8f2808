"""Stage 4c: the reference site's mkdocs.yml, from the pages every target rendered.

It is rendered last, over the whole output (generate's files plus, with `--target`, the
other targets' files kept as they are), so its navigation always lists the pages that are
there: per REST target its overview, its streaming page (when a WebSocket target streams for
it) and one page per resource, in name order, as docs/<target>/ holds them.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..targets import Target
from .render import Layout, environment


@dataclass(frozen=True)
class NavSection:
    title: str  # "Kalshi Perps API"; the root target's pages stand at the top level
    overview: str  # docs-relative path: index.md, perps/index.md
    streaming: str | None
    resources: list[tuple[str, str]]  # ("client.orders", "perps/orders.md")


def nav_sections(files: dict[str, str], rest_targets: list[Target]) -> list[NavSection]:
    """One section per REST target with pages in `files`, the root target's first."""
    sections = []
    for target in sorted(rest_targets, key=lambda t: not t.is_root):
        docs = Layout(target).docs
        pages = sorted(
            path.removeprefix(docs)
            for path in files
            if path.startswith(docs) and path.endswith(".md") and "/" not in path[len(docs) :]
        )
        if "index.md" not in pages:
            continue  # not generated (an output made with --target before this one existed)
        rel = docs.removeprefix("docs/")
        sections.append(
            NavSection(
                title=target.title,
                overview=f"{rel}index.md",
                streaming=f"{rel}streaming.md" if "streaming.md" in pages else None,
                resources=[
                    (f"client.{page.removesuffix('.md')}", f"{rel}{page}")
                    for page in pages
                    if page not in ("index.md", "streaming.md")
                ],
            )
        )
    return sections


def render_site(
    files: dict[str, str], rest_targets: list[Target], *, version: str, spec_version: str
) -> str:
    """mkdocs.yml. `version`: the distribution's; `spec_version`: the main document's."""
    sections = nav_sections(files, rest_targets)
    return (
        environment()
        .get_template("mkdocs.yml.jinja")
        .render(version=version, spec_version=spec_version, sections=sections)
    )
