"""Preparing a workshop from a terminal: `journeymap invite` and `journeymap phase`, and the
public address that invitation links carry (so a phone in the room can open them)."""

import pytest

from journeymap.cli import main
from journeymap.interchange import native
from journeymap.links import default_public_url, is_local_only, normalise_base
from journeymap.services import SYSTEM, Store, get_workshop
from journeymap.services import invitations as inv


@pytest.fixture
def workshop(tmp_path, monkeypatch, small_journey, capsys):
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    monkeypatch.setenv("JOURNEYMAP_DATABASE_URL", url)
    monkeypatch.delenv("JOURNEYMAP_PUBLIC_URL", raising=False)
    path = tmp_path / "broadband.json"
    path.write_text(native.dumps(small_journey()), encoding="utf-8")
    assert main(["import", str(path)]) == 0
    capsys.readouterr()
    store = Store.open(url)
    yield store
    store.close()


def test_invite_prints_a_link_on_the_public_address_that_lets_a_customer_join(workshop, capsys):
    assert main(["invite", "broadband", "--role", "customer",
                 "--public-url", "http://192.168.1.20:8501", "--uses", "2"]) == 0
    out = capsys.readouterr()
    link = out.out.splitlines()[0]
    assert link.startswith("http://192.168.1.20:8501/?invite=")
    assert "▄" in out.out or "█" in out.out  # the QR code, drawn in the terminal
    assert out.err == ""  # a room address: no warning
    token = link.split("?invite=")[1]
    info = inv.check_invitation(workshop, token)
    assert info["role"] == "customer" and info["workshop"] == "Fix my broadband"


def test_invite_without_a_public_address_warns_that_the_link_opens_only_here(workshop, capsys):
    assert main(["invite", "1", "--no-qr"]) == 0
    out = capsys.readouterr()
    assert out.out.strip().startswith("http://localhost:8501/?invite=")
    assert "opens only on this computer" in out.err


def test_invite_refuses_an_address_that_is_not_http(workshop, capsys):
    assert main(["invite", "1", "--public-url", "ftp://x"]) == 1
    assert "--public-url: 'ftp://x' is not an http(s) address" in capsys.readouterr().err


def test_phase_moves_the_workshop_and_names_an_unknown_one(workshop, capsys):
    assert main(["phase", "broadband", "listen"]) == 0
    assert "is now in phase listen" in capsys.readouterr().out
    assert get_workshop(workshop, SYSTEM, 1)["phase"] == "listen"
    assert main(["phase", "nothing-like-it", "reveal"]) == 1
    assert "no workshop 'nothing-like-it'" in capsys.readouterr().err
    assert get_workshop(workshop, SYSTEM, 1)["phase"] == "listen"


@pytest.mark.parametrize("address, given, expected", [
    ("127.0.0.1", None, None),                                   # follow the page's address
    ("127.0.0.1", "https://jm.example.org", "https://jm.example.org/"),
    ("0.0.0.0", "http://10.0.0.5:9000/x", "http://10.0.0.5:9000/x/"),
])
def test_the_public_url_is_the_one_given_or_else_the_pages_own(address, given, expected):
    assert default_public_url(address, 8501, given) == expected


def test_localhost_links_are_recognised_as_opening_only_here():
    assert is_local_only("http://localhost:8501/") and is_local_only("http://127.0.0.1/")
    assert is_local_only("http://[::1]:8501/")
    assert not is_local_only("http://192.168.1.20:8501/")
    assert not is_local_only("https://workshop.example.org/")
    assert normalise_base("http://h:1") == "http://h:1/"
