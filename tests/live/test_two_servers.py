"""Two app servers on one PostgreSQL behind nginx (Debian's package, with the shipped
``deploy/nginx.conf``): the facilitator works on server A, a customer on server B.

- The facilitator opens Listen on A: the customer's screen on B shows the rating buttons
  within 2 s, without anyone touching it.
- Server B is killed (``kill -9``) after the customer's answer showed as saved: the answer is
  in the database, the customer's browser reconnects by itself (to A, through nginx), is the
  same person on the same step, and goes on rating.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from sqlalchemy import select

from journeymap.services import set_phase
from journeymap.store import schema as T

pytestmark = [pytest.mark.browser, pytest.mark.postgres]

ROOT = Path(__file__).resolve().parents[2]
#: a change must reach the other server's screens within this (a busy machine may be given
#: more with JOURNEYMAP_FOLLOW_SECONDS; the measured time is printed either way)
FOLLOW_S = float(os.environ.get("JOURNEYMAP_FOLLOW_SECONDS", "2.0"))
PRIMARY = "button[data-testid='stBaseButton-primary']"  # a chosen answer
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def nginx_config(tmp: Path, port: int, upstreams: list[str]) -> Path:
    """deploy/nginx.conf with these upstreams and port, inside a main config of its own
    (pid, logs and temporary files under ``tmp``)."""
    site = (ROOT / "deploy" / "nginx.conf").read_text()
    servers = "".join(f"    server {u} max_fails=1 fail_timeout=10s;\n" for u in upstreams)
    site, n = re.subn(r"(upstream journeymap \{\n\s*hash \$jm_route consistent;\n)"
                      r"(?:\s*server [^\n]*;\n)+", lambda m: m.group(1) + servers, site)
    assert n == 1, "deploy/nginx.conf has no upstream block to fill in"
    site = site.replace("listen 80;", f"listen 127.0.0.1:{port};")
    user = "user root;\n" if os.geteuid() == 0 else ""
    conf = tmp / "nginx.conf"
    conf.write_text(
        f"{user}worker_processes 1;\npid {tmp}/nginx.pid;\n"
        f"error_log {tmp}/nginx-error.log warn;\n"
        "events { worker_connections 1024; }\n"
        "http {\n  access_log off;\n"
        + "".join(f"  {k}_temp_path {tmp}/{k};\n"
                  for k in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        + site + "\n}\n")
    return conf


def upstream_of(url: str, route: str) -> str:
    req = urllib.request.Request(url + "/healthz", headers={"Cookie": f"jm_route={route}"})
    with urllib.request.urlopen(req, timeout=10) as r:
        return r.headers["X-Journeymap-Upstream"]


@pytest.fixture
def nginx(bench, tmp_path):
    if not Path(NGINX).exists():
        pytest.skip("nginx not installed (apt-get install nginx)")
    procs = []

    def start(upstreams: list[str]) -> str:
        port = bench.free_port()
        conf = nginx_config(tmp_path, port, upstreams)
        proc = subprocess.Popen([NGINX, "-p", str(tmp_path), "-c", str(conf),
                                 "-g", "daemon off;"], start_new_session=True,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        procs.append(proc)
        url = f"http://127.0.0.1:{port}"
        bench.wait_healthy(url, proc, None, timeout=30)
        return url

    yield start
    for p in procs:
        os.killpg(p.pid, signal.SIGTERM)
        p.wait(timeout=10)


def test_a_phase_change_on_one_server_reaches_the_other_and_a_killed_server_loses_nothing(
        bench, servers, nginx, pg_url, browser, live_helpers):
    key = live_helpers.key_class
    w = bench.make_workshop(pg_url, n_steps=3)
    set_phase(w.store, w.facilitator, w.workshop_id, "assume")
    a_url, b_url = servers(pg_url, n=2)
    proc_b = servers.procs[1]
    a_addr, b_addr = a_url.removeprefix("http://"), b_url.removeprefix("http://")
    proxy = nginx([a_addr, b_addr])
    # the route cookie decides the server: find one key for each
    routes = {}
    for i in range(200):
        routes.setdefault(upstream_of(proxy, f"k{i}"), f"k{i}")
        if len(routes) == 2:
            break
    assert set(routes) == {a_addr, b_addr}

    def person(route: str, width: int):
        ctx = browser.new_context(viewport={"width": width, "height": 1000}, locale="en-GB")
        ctx.set_default_timeout(30000)
        ctx.add_cookies([{"name": "jm_route", "value": route, "url": proxy}])
        return ctx, ctx.new_page()

    # the customer joins through nginx and lands on server B ------------------------------------
    c_ctx, customer = person(routes[b_addr], 390)
    assert c_ctx.request.get(proxy + "/healthz").headers["x-journeymap-upstream"] == b_addr
    customer.goto(f"{proxy}/?invite={w.invite}")
    customer.get_by_role("textbox", name="Your name (shown to the workshop)").fill("Bea")
    customer.get_by_text("I have read the privacy note").click()
    customer.get_by_role("button", name="Join").click()
    customer.wait_for_url(re.compile(r"me="))
    me = re.search(r"me=([^&]+)", customer.url).group(1)
    customer.goto(f"{proxy}/rate?me={me}")
    live_helpers.settle(customer)
    first = customer.locator(f".{key(f'rate_emotion:{w.steps[0]}:1')} button")
    assert first.count() == 0  # Assume: customers wait

    # the facilitator, on server A, opens Listen ------------------------------------------------
    f_ctx, fac = person(routes[a_addr], 1440)
    fac.goto(proxy)
    fac.get_by_role("textbox", name="Username", exact=True).fill(w.username)
    fac.get_by_role("textbox", name="Password", exact=True).fill(w.password)
    # the session cookie keeps the facilitator signed in when the board's address is opened:
    # signing in hands it over to the server (the response to /auth/cookie sets it)
    with fac.expect_response(lambda r: r.url.endswith("/auth/cookie")):
        fac.get_by_role("button", name="Sign in").click()
    fac.get_by_text("Signed in as Bench Facilitator").wait_for()
    assert any(c["name"] == "journeymap_session" for c in f_ctx.cookies())
    fac.goto(f"{proxy}/board")
    live_helpers.settle(fac)
    fac.locator(f".{key('board_next')} button").click()
    t0 = time.monotonic()
    first.wait_for(timeout=int(FOLLOW_S * 10000))
    reached = time.monotonic() - t0
    print(f"Listen opened on server A reached the customer on server B in {reached:.2f} s")
    assert reached <= FOLLOW_S

    # an answer saved on B, then B dies ------------------------------------------------------------
    live_helpers.settle(customer)
    first.click()
    customer.get_by_text("Saved").first.wait_for()

    def lived():
        with w.store.read() as uow:
            return {r.step_id: r.emotion for r in uow.conn.execute(
                select(T.ratings.c.step_id, T.ratings.c.emotion)
                .join(T.participants, T.participants.c.id == T.ratings.c.participant_id)
                .where(T.participants.c.name == "Bea"))}

    assert lived() == {w.steps[0]: 1}
    os.kill(proc_b.pid, signal.SIGKILL)
    proc_b.wait(timeout=10)

    # the customer's browser reconnects by itself, through nginx, to A: same person, same step
    customer.wait_for_function(
        "() => document.querySelector('[data-testid=\"stApp\"]')"
        ".getAttribute('data-test-connection-state') !== 'CONNECTED'", timeout=30000)
    live_helpers.settle(customer)
    customer.locator(f".{key(f'rate_emotion:{w.steps[0]}:1')} {PRIMARY}").wait_for()
    assert c_ctx.request.get(proxy + "/healthz").headers["x-journeymap-upstream"] == a_addr
    live_helpers.settle(customer)
    customer.locator(f".{key('rate_next')} button").click()
    second = customer.locator(f".{key(f'rate_emotion:{w.steps[1]}:-2')} button")
    second.wait_for()  # the next step is on screen: the first tap on server A is answered
    live_helpers.settle(customer)
    second.click()
    customer.locator(f".{key(f'rate_emotion:{w.steps[1]}:-2')} {PRIMARY}").wait_for()
    assert lived() == {w.steps[0]: 1, w.steps[1]: -2}
    c_ctx.close()
    f_ctx.close()
    w.store.close()
