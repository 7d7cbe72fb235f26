"""Invitations: a link per role shown once with a QR code for customers; revoke; participants."""

from journeymap.services import invitations as inv


def test_a_new_link_opens_with_its_qr_code_and_can_be_shown_again_later(ui):
    at = ui.app("facilitator", "invitations.py")
    assert not at.exception
    at.button(key="inv_create").click().run()
    (code,) = [c.value for c in at.code]
    assert "?invite=" in code
    token = code.split("?invite=")[1]
    assert inv.check_invitation(ui.store, token)["role"] == "customer"
    assert len(at.get("imgs") or at.get("image")) == 1  # the QR code
    new_id = max(i["id"] for i in inv.list_invitations(ui.store, ui.facilitator,
                                                       ui.workshop_id))
    at.button(key=f"inv_show_{new_id}").click().run()  # hide it
    assert [c.value for c in at.code] == []
    later = ui.app("facilitator", "invitations.py")  # another visit: the link is listed
    assert "Customer** · active" in ui.texts(later)
    later.button(key=f"inv_show_{new_id}").click().run()
    assert [c.value for c in later.code] == [code]


def test_a_staff_link_stays_listed_after_a_customer_link_is_made(ui):
    at = ui.app("facilitator", "invitations.py")
    at.selectbox(key="inv_role").set_value("staff")
    at.button(key="inv_create").click().run()
    (staff_code,) = [c.value for c in at.code]
    at.selectbox(key="inv_role").set_value("customer")
    at.button(key="inv_create").click().run()
    staff_id = min(i["id"] for i in inv.list_invitations(ui.store, ui.facilitator,
                                                         ui.workshop_id)
                   if i["role"] == "staff" and i["active"] and i["id"] > 2)
    at.button(key=f"inv_show_{staff_id}").click().run()
    assert staff_code in [c.value for c in at.code]
    assert "0 used, no limit" in ui.texts(at)


def test_revoking_a_link(ui):
    at = ui.app("facilitator", "invitations.py")
    at.button(key="inv_create").click().run()
    token = at.code[0].value.split("?invite=")[1]
    new_id = max(i["id"] for i in inv.list_invitations(ui.store, ui.facilitator,
                                                       ui.workshop_id))
    at.button(key=f"inv_revoke_{new_id}").click().run()
    import pytest
    from journeymap.domain.errors import InvalidToken
    with pytest.raises(InvalidToken):
        inv.check_invitation(ui.store, token)
    assert "revoked" in ui.texts(at)


def test_participants_are_listed_with_roles(ui):
    at = ui.app("facilitator", "invitations.py")
    names = at.dataframe[-1].value.iloc[:, 0].tolist()
    assert {"Giulia", "Sam"} <= set(names)


def test_only_facilitators_have_the_page(ui):
    at = ui.app("customer")
    assert "Invitations" not in ui.texts(at)
    assert all("invitations" not in str(p) for p in at.get("navigation") or [])
