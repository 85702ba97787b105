"""A web page fetched within one deadline and one size limit, inflated as it is read."""

from __future__ import annotations

import functools
import http.client
import socket
import threading
import urllib.error
import urllib.request
import zlib
from contextlib import suppress
from dataclasses import dataclass

from reader import __version__
from reader.origin import is_url
from reader.sources.limits import SourceError
from reader.sources.reading import CHUNK_SIZE, Readable, read_bounded

USER_AGENT = f"reader/{__version__} (terminal reading assistant)"
_IDENTITY = frozenset({"", "identity"})
_GZIP = frozenset({"gzip", "x-gzip"})
_GZIP_WBITS = zlib.MAX_WBITS | 16


@dataclass(frozen=True)
class Response:
    """What a server sent: the body (inflated), and its declared type and charset when it declared them."""

    body: bytes
    content_type: str | None
    charset: str | None


def fetch(url: str, limit: int, timeout: float) -> Response:
    """GET `url`; at most `limit` bytes of body and one more, all of it within `timeout` seconds."""
    deadline = _Deadline()
    outcome: list[Response | BaseException] = []

    def attempt() -> None:
        try:
            outcome.append(_get(url, limit, timeout, deadline))
        except BaseException as error:  # handed to the caller's thread, which raises it
            outcome.append(error)

    worker = threading.Thread(target=attempt, name="reader fetch", daemon=True)
    worker.start()
    # A name lookup or a server that sends a byte now and then can outlast any per-read timeout;
    # this is the one wait that can't. The worker, left behind, has its sockets shut.
    worker.join(timeout)
    if not outcome:
        deadline.expire()
        raise SourceError(f"no complete answer from {url} within {timeout:g} s (--timeout to wait longer)")
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]


def _get(url: str, limit: int, timeout: float, deadline: _Deadline) -> Response:
    opener = urllib.request.build_opener(_Handler(deadline), _SecureHandler(deadline), _Redirects())
    try:
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"})
        with opener.open(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Type")
            body = read_bounded(_body(response, url), limit)
    except urllib.error.HTTPError as error:
        error.close()
        raise SourceError(f"HTTP {error.code} {_short(str(error.reason))} from {url}") from None
    except urllib.error.URLError as error:
        raise SourceError(f"cannot reach {url}: {_reason(error.reason)}") from None
    except TimeoutError:
        raise SourceError(f"no answer from {url} within {timeout:g} s (--timeout to wait longer)") from None
    except zlib.error:
        raise SourceError(f"{url} sent a damaged compressed page") from None
    except http.client.BadStatusLine:
        # An HTTP/0.9 server sends its page with no status line: http.client's error holds the page's first line.
        raise SourceError(f"cannot fetch {url}: its server does not answer in HTTP/1") from None
    except (http.client.HTTPException, OSError, ValueError) as error:
        raise SourceError(f"cannot fetch {url}: {_reason(error)}") from None
    if declared is None:
        return Response(body, None, None)
    return Response(body, response.headers.get_content_type(), response.headers.get_content_charset())


def _body(response: http.client.HTTPResponse, url: str) -> Readable:
    encoding = (response.headers.get("Content-Encoding") or "").strip().lower()
    if encoding in _IDENTITY:
        return response
    if encoding in _GZIP:
        return _Inflating(response, gzip=True)
    if encoding == "deflate":
        return _Inflating(response, gzip=False)
    raise SourceError(f"{url} is compressed as {encoding}, which reader cannot read")


class _Inflating:
    """A compressed body, inflated no faster than it is read, so that a small bomb can't fill memory."""

    def __init__(self, response: http.client.HTTPResponse, gzip: bool) -> None:
        self._response = response
        self._gzip = gzip
        self._inflater = zlib.decompressobj(_GZIP_WBITS if gzip else zlib.MAX_WBITS)
        self._started = False

    def read(self, size: int) -> bytes:
        while True:
            if self._gzip and self._inflater.eof and self._inflater.unused_data:
                # A gzip body may be several members, one after the other.
                pending, self._inflater = self._inflater.unused_data, zlib.decompressobj(_GZIP_WBITS)
            else:
                pending = self._inflater.unconsumed_tail or self._response.read(CHUNK_SIZE)
            if not pending:
                return self._inflater.flush()
            data = self._inflate(pending, size)
            if data:
                return data

    def _inflate(self, data: bytes, size: int) -> bytes:
        try:
            return self._inflater.decompress(data, size)
        except zlib.error:
            # "deflate" should mean a zlib stream, but some servers send the raw deflate data.
            if self._started or self._gzip:
                raise
            self._inflater = zlib.decompressobj(-zlib.MAX_WBITS)
            return self._inflater.decompress(data, size)
        finally:
            self._started = True


class _Deadline:
    """The sockets of one fetch, shut when its time is up so that the abandoned worker stops reading."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._expired = False

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self._expired:
                _shut(sock)

    def expire(self) -> None:
        with self._lock:
            self._expired = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    with suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


class _Watched(http.client.HTTPConnection):
    """A connection that hands its socket to the fetch's deadline as soon as it has one."""

    def __init__(self, *args, deadline: _Deadline, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._deadline = deadline

    def connect(self) -> None:
        super().connect()
        self._deadline.watch(self.sock)


class _Connection(_Watched):
    pass


# _Watched before HTTPSConnection in the order: its `connect` runs HTTPSConnection's, TLS handshake and all.
class _SecureConnection(_Watched, http.client.HTTPSConnection):
    pass


class _Handler(urllib.request.HTTPHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self._connection = functools.partial(_Connection, deadline=deadline)

    def http_open(self, request: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self._connection, request)


class _SecureHandler(urllib.request.HTTPSHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self._connection = functools.partial(_SecureConnection, deadline=deadline)

    def https_open(self, request: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self._connection, request)


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Redirects followed only to http:// and https:// (urllib's own follow ftp:// too)."""

    def redirect_request(self, request: urllib.request.Request, fp: object, code: int, msg: str, headers: object,
                         newurl: str) -> urllib.request.Request | None:
        if not is_url(newurl):
            raise SourceError(f"{request.full_url} redirects to {_short(newurl)}: only http:// and https:// addresses"
                              " can be fetched")
        return super().redirect_request(request, fp, code, msg, headers, newurl)  # type: ignore[arg-type]


def _reason(reason: object) -> str:
    return _short(str(getattr(reason, "strerror", None) or reason) or type(reason).__name__)


def _short(text: str, longest: int = 100) -> str:
    """What a server said, cut short for the one line a message is: a server may say a page's worth."""
    return text if len(text) <= longest else text[: longest - 1] + "…"
