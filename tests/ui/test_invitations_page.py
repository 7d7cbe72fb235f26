"""Invitations: a link per role shown once with a QR code for customers; revoke; participants."""

from journeymap.services import invitations as inv


def test_creating_a_customer_link_shows_it_once_with_a_qr_code(ui):
    at = ui.app("facilitator", "invitations.py")
    assert not at.exception
    at.button(key="inv_create").click().run()
    (code,) = [c.value for c in at.code]
    assert "?invite=" in code
    token = code.split("?invite=")[1]
    assert inv.check_invitation(ui.store, token)["role"] == "customer"
    assert len(at.get("imgs") or at.get("image")) == 1  # the QR code
    assert "shown only this once" in ui.texts(at)
    at.button(key="inv_hide").click().run()
    assert [c.value for c in at.code] == []


def test_revoking_a_link(ui):
    at = ui.app("facilitator", "invitations.py")
    at.button(key="inv_create").click().run()
    token = at.code[0].value.split("?invite=")[1]
    at.selectbox(key="inv_revoke_pick").set_value(
        max(i["id"] for i in inv.list_invitations(ui.store, ui.facilitator, ui.workshop_id)))
    at.button(key="inv_revoke").click().run()
    import pytest
    from journeymap.domain.errors import InvalidToken
    with pytest.raises(InvalidToken):
        inv.check_invitation(ui.store, token)


def test_participants_are_listed_with_roles(ui):
    at = ui.app("facilitator", "invitations.py")
    names = at.dataframe[-1].value.iloc[:, 0].tolist()
    assert {"Giulia", "Sam"} <= set(names)


def test_only_facilitators_have_the_page(ui):
    at = ui.app("customer")
    assert "Invitations" not in ui.texts(at)
    assert all("invitations" not in str(p) for p in at.get("navigation") or [])
