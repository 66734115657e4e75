"""sitemap.xml and sitemap indexes, gzip or not, parsed with lxml safely.

Safe means: no entity expansion, no DTD, no network, no huge trees, and bounded sizes both
compressed and decompressed (a gzip bomb stops at `MAX_XML_BYTES`).
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from urllib.parse import urljoin

from lxml import etree

from rgaa_audit.crawl.fetch import Fetched

MAX_XML_BYTES = 50_000_000  # the sitemaps protocol's own limit, uncompressed
MAX_SITEMAPS = 50
MAX_URLS = 50_000
NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           huge_tree=False, remove_comments=True, remove_pis=True)


def gunzip_bounded(data: bytes, limit: int = MAX_XML_BYTES) -> bytes:
    """Decompress gzip data, stopping (truncated) at `limit` bytes of output."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = inflater.decompress(data, limit)
    return out[:limit]


def parse_sitemap(data: bytes) -> tuple[list[str], list[str]]:
    """(page URLs, child sitemap URLs) of one sitemap document; ([], []) when unreadable."""
    if data[:2] == b"\x1f\x8b":
        data = gunzip_bounded(data)
    data = data[:MAX_XML_BYTES]
    try:
        root = etree.fromstring(data, _parser())
    except (etree.XMLSyntaxError, ValueError):
        return [], []
    if root is None:
        return [], []
    tag = etree.QName(root).localname if isinstance(root.tag, str) else ""
    locs = [(el.text or "").strip() for el in root.iter(f"{NS}loc", "loc")]
    locs = [loc for loc in locs if loc][:MAX_URLS]
    if tag == "sitemapindex":
        return [], locs[:MAX_SITEMAPS]
    if tag == "urlset":
        return locs, []
    return [], []


def sitemap_urls(first: list[str], get: Callable[[str], Fetched],
                 accept: Callable[[str], bool]) -> list[str]:
    """Page URLs from the sitemaps `first` and the indexes they lead to (bounded).

    `accept(url)` filters the sitemap URLs worth fetching (same origin)."""
    pages: list[str] = []
    queue = [u for u in first if accept(u)]
    fetched: set[str] = set()
    while queue and len(fetched) < MAX_SITEMAPS and len(pages) < MAX_URLS:
        url = queue.pop(0)
        if url in fetched:
            continue
        fetched.add(url)
        response = get(url)
        if response.status != 200 or not response.body:
            continue
        found, children = parse_sitemap(response.body)
        pages.extend(urljoin(url, loc) for loc in found)  # lenient with relative <loc>
        children = [urljoin(url, loc) for loc in children]
        queue.extend(c for c in children if accept(c) and c not in fetched)
    return pages[:MAX_URLS]
