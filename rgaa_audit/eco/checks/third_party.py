"""Sobriety checks on third parties: how many hosts, social widgets, trackers before consent."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

from rgaa_audit.checks.page import PageDocument
from rgaa_audit.eco.checks.common import (
    FAILED,
    NO_NETWORK,
    PASSED,
    about,
    verdict_of,
)
from rgaa_audit.eco.registry import Evidence, Verdict, eco_check
from rgaa_audit.eco.resources import (
    host_of,
    is_third_party,
    type_group,
)


def _matches_host(host: str, domains: Iterable[str]) -> bool:
    return any(host == d or host.endswith("." + d) for d in domains)


@eco_check("too-many-domains")
def too_many_domains(doc: PageDocument, limits: Mapping[str, Any]) -> Verdict:
    """The page's requests go to at most `max_domains` hosts."""
    hosts = Counter(host_of(e.url) for e in doc.snapshot.network if host_of(e.url))
    if not hosts:
        return NO_NETWORK
    outcome = FAILED if len(hosts) > limits["max_domains"] else PASSED
    evidence = tuple(Evidence(host, f"{n} request(s)") for host, n in hosts.most_common())
    return Verdict(outcome, evidence if outcome is FAILED else (), {"actual": len(hosts)})


@eco_check("social-widgets")
def social_widgets(doc: PageDocument, limits: Mapping[str, Any]) -> Verdict:
    """No request goes to a known social-network host."""
    if not doc.snapshot.network:
        return NO_NETWORK
    hosts = [h.lower() for h in limits["hosts"]]
    return verdict_of(about(e, type_group(e)) for e in doc.snapshot.network
                    if _matches_host(host_of(e.url), hosts))


@eco_check("trackers-before-consent")
def trackers_before_consent(doc: PageDocument, limits: Mapping[str, Any]) -> Verdict:
    """On arrival, with no interaction: no request to a known tracker, no third-party cookie."""
    if not doc.snapshot.network:
        return NO_NETWORK
    hosts = [h.lower() for h in limits["hosts"]]
    paths = tuple(p.lower() for p in limits["paths"])
    found = []
    for entry in doc.snapshot.network:
        if not is_third_party(entry.url, doc.url):
            continue
        host = host_of(entry.url)
        path = urlsplit(entry.url).path.lower()
        if _matches_host(host, hosts):
            found.append(about(entry, f"{type_group(entry)}, {host}"))
        elif path.endswith(paths):
            found.append(about(entry, f"{type_group(entry)}, {path.rsplit('/', 1)[-1]}"))
        elif entry.sets_cookie:
            found.append(about(entry, f"{type_group(entry)}, Set-Cookie"))
    return verdict_of(found)
