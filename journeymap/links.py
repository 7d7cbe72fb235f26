"""The app's public address, shared by the command line and the app (no streamlit here).

>>> normalise_base("http://192.168.1.20:8501")
'http://192.168.1.20:8501/'
>>> is_local_only("http://localhost:8501/"), is_local_only("http://192.168.1.20:8501/")
(True, False)
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit, urlunsplit


def normalise_base(url: str) -> str:
    """``url`` as an app root: scheme and host kept, a trailing slash, no query."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"'{url}' is not an http(s) address such as http://192.168.1.20:8501")
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def is_local_only(url: str) -> bool:
    """Whether a link to ``url`` opens only on the computer that serves it."""
    host = (urlsplit(url).hostname or "").lower()
    if host in ("localhost", "") or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def lan_address() -> str | None:
    """This machine's address on the local network (the first IPv4 address of its host name
    that is not a loopback address), or None when it has none."""
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        return None
    for info in infos:
        ip = info[4][0]
        if not ipaddress.ip_address(ip).is_loopback:
            return ip
    return None


def default_public_url(address: str, port: int, public_url: str | None) -> str | None:
    """The public URL a server should hand out: the one given, else — when it listens on every
    interface — the LAN address with its port, else None (links follow the page's address)."""
    if public_url:
        return normalise_base(public_url)
    if address in ("0.0.0.0", "::", ""):
        ip = lan_address()
        if ip:
            return f"http://{ip}:{port}/"
    return None
