"""Check links to other hosts over HTTP(S): politely, in parallel, with a cache.

Each address is asked for with HEAD (cheap); when the answer is an error, once more with GET,
because some servers answer HEAD wrongly. Network errors, 5xx answers and 429 (too many
requests) are retried with a growing pause; a 429's Retry-After is honoured up to a limit.
A few requests run at once in total and fewer per host. Good answers are remembered in a JSON
cache for some days, so a second run asks again only for what is new or was broken: a broken
link is never served from the cache, so a fix shows at once.
"""

from __future__ import annotations

import email.utils
import http.client
import json
import os
import socket
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

# Hosts that refuse or mislead automated checkers (login walls, bot blocks, 999 answers).
IGNORED_HOSTS = ("linkedin.com", "twitter.com", "x.com", "facebook.com", "instagram.com", "tiktok.com")
USER_AGENT = "pacer-link-check/1.0 (static site link checker; +https://www.python.org/)"
NETWORK_ERRORS = (urllib.error.URLError, http.client.HTTPException, socket.timeout, TimeoutError,
                  ConnectionError, OSError, ValueError)


@dataclass
class Answer:
    url: str
    ok: bool
    status: int | None      # the final HTTP status; None when no answer came
    message: str            # why it failed, in plain words (empty when ok)
    checked: float = 0.0    # when (epoch seconds)


def _without_fragment(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))


def is_ignored(url: str, ignored_hosts) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return any(host == name or host.endswith("." + name) for name in ignored_hosts)


class Cache:
    """Good answers, each valid for ``max_age`` seconds; stored as JSON."""

    def __init__(self, path: Path | None, max_age: float):
        self.path, self.max_age = path, max_age
        self.entries: dict[str, dict] = {}
        if path:
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                self.entries = {k: v for k, v in data.items() if isinstance(v, dict)}
            except (OSError, ValueError, AttributeError):
                self.entries = {}  # missing or damaged cache: start again

    def get(self, url: str, now: float) -> Answer | None:
        entry = self.entries.get(url)
        if not entry or not entry.get("ok") or now - float(entry.get("checked", 0)) > self.max_age:
            return None
        return Answer(url, True, entry.get("status"), "", float(entry["checked"]))

    def put(self, answer: Answer) -> None:
        if answer.ok:
            self.entries[answer.url] = asdict(answer)
        else:
            self.entries.pop(answer.url, None)

    def save(self, now: float) -> None:
        if not self.path:
            return
        fresh = {url: e for url, e in self.entries.items() if now - float(e.get("checked", 0)) <= self.max_age}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(self.path.name + ".tmp")
        partial.write_text(json.dumps(fresh, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        os.replace(partial, self.path)


class ExternalChecker:
    def __init__(self, *, timeout: float = 10.0, retries: int = 2, backoff: float = 1.0,
                 max_wait: float = 60.0, workers: int = 8, per_host: int = 2,
                 cache: Cache | None = None, ignored_hosts=IGNORED_HOSTS, sleep=time.sleep, clock=time.time):
        self.timeout, self.retries, self.backoff, self.max_wait = timeout, retries, backoff, max_wait
        self.workers, self.per_host = max(1, workers), max(1, per_host)
        self.cache = cache or Cache(None, 0)
        self.ignored_hosts = tuple(ignored_hosts)
        self.sleep, self.clock = sleep, clock
        self._host_slots: dict[str, threading.Semaphore] = {}
        self._lock = threading.Lock()
        self._opener = urllib.request.build_opener()
        self.requests = 0

    def check_all(self, urls) -> dict[str, Answer]:
        """An answer for each address (fragments are not sent); ignored hosts are left out."""
        wanted = sorted({_without_fragment(u) for u in urls if not is_ignored(u, self.ignored_hosts)})
        now = self.clock()
        answers = {url: hit for url in wanted if (hit := self.cache.get(url, now))}
        todo = [url for url in wanted if url not in answers]
        with ThreadPoolExecutor(max_workers=self.workers) as pool:
            for answer in pool.map(self.check, todo):
                answers[answer.url] = answer
                self.cache.put(answer)
        self.cache.save(self.clock())
        return {url: answers[_without_fragment(url)] for url in urls if _without_fragment(url) in answers}

    def _slot(self, url: str) -> threading.Semaphore:
        host = (urlsplit(url).hostname or "").lower()
        with self._lock:
            return self._host_slots.setdefault(host, threading.Semaphore(self.per_host))

    def _request(self, url: str, method: str) -> tuple[int | None, dict, str]:
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
        with self._lock:
            self.requests += 1
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                if method == "GET":
                    response.read(1024)
                return response.status, dict(response.headers), ""
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers or {}), error.reason if isinstance(error.reason, str) else ""
        except NETWORK_ERRORS as error:
            reason = getattr(error, "reason", error)
            if isinstance(reason, (socket.timeout, TimeoutError)) or "timed out" in str(reason):
                return None, {}, f"no answer within {self.timeout:g} s"
            return None, {}, f"could not connect ({reason})"

    def _retry_after(self, headers: dict) -> float | None:
        value = next((v for k, v in headers.items() if k.lower() == "retry-after"), None)
        if value is None:
            return None
        value = value.strip()
        if value.isdigit():
            return float(value)
        try:
            return max(0.0, email.utils.parsedate_to_datetime(value).timestamp() - self.clock())
        except (TypeError, ValueError, IndexError):
            return None

    def check(self, url: str) -> Answer:
        with self._slot(url):
            return self._check(url)

    def _check(self, url: str) -> Answer:
        status, message = None, ""
        for attempt in range(self.retries + 1):
            status, headers, message = self._request(url, "HEAD")
            if status is not None and status >= 400 and status != 429:
                status, headers, message = self._request(url, "GET")  # some servers refuse HEAD only
            if status is not None and status < 400:
                return Answer(url, True, status, "", self.clock())
            if status is not None and status < 500 and status != 429:
                break  # 404, 410, 403 ...: asking again will not help
            if attempt == self.retries:
                break
            wait = self.backoff * (2 ** attempt)
            if status == 429:
                asked = self._retry_after(headers)
                if asked is not None and asked > self.max_wait:
                    message = f"the server asks to wait {asked:g} s before asking again (more than {self.max_wait:g} s)"
                    break
                wait = asked if asked is not None else wait
            self.sleep(min(wait, self.max_wait))
        return Answer(url, False, status, _explain(status, message), self.clock())


def _explain(status: int | None, message: str) -> str:
    if status is None:
        return message or "no answer"
    if status in (404, 410):
        return f"the page is gone (HTTP {status})"
    if status == 429:
        return message or "the server kept answering 'too many requests' (HTTP 429)"
    if status >= 500:
        return f"the server failed (HTTP {status})"
    return f"the server refused (HTTP {status}{': ' + message if message else ''})"
