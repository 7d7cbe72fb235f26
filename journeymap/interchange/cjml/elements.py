"""The CJML XML as the importer reads it: a defused parse, elements that know their path
(``/CJML/actualJourney[2]/touchpoints/actualAction[3]``), the declared actors, and the parts
of a touchpoint."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import defusedxml.ElementTree as DET
from defusedxml import DefusedXmlException

from journeymap.domain.errors import ImportRefused

from .._common import Problems, check_size
from .vocabulary import DEVIATION


def local_name(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


class Node:
    """An element with its path (``/CJML/plannedJourney/touchpoints/plannedAction[2]``)."""

    def __init__(self, el: ET.Element, path: str):
        self.el = el
        self.path = path

    @property
    def tag(self) -> str:
        return local_name(self.el.tag)

    def children(self, *names: str) -> list["Node"]:
        counts: dict[str, int] = {}
        totals: dict[str, int] = {}
        for c in self.el:
            totals[local_name(c.tag)] = totals.get(local_name(c.tag), 0) + 1
        out = []
        for c in self.el:
            name = local_name(c.tag)
            counts[name] = counts.get(name, 0) + 1
            if names and name not in names:
                continue
            suffix = f"[{counts[name]}]" if totals[name] > 1 else ""
            out.append(Node(c, f"{self.path}/{name}{suffix}"))
        return out

    def child(self, name: str) -> "Node | None":
        found = self.children(name)
        return found[0] if found else None

    def text(self, name: str) -> str:
        c = self.child(name)
        return (c.el.text or "").strip() if c is not None else ""

    def attr(self, name: str) -> str:
        return (self.el.get(name) or "").strip()


def parse(data: bytes | str, source: str) -> Node:
    check_size(data, source)
    try:
        root = DET.fromstring(data, forbid_dtd=True, forbid_entities=True,
                              forbid_external=True)
    except DefusedXmlException as e:
        raise ImportRefused(source, [
            f"/: refused for safety: the file declares a document type or entities "
            f"({type(e).__name__}); CJML files need neither"]) from None
    except ET.ParseError as e:
        line, col = getattr(e, "position", (0, 0))
        msg = str(e).split(":")[0]
        raise ImportRefused(source, [
            f"line {line}, column {col + 1}: not well-formed XML ({msg})"]) from None
    except (ValueError, TypeError) as e:
        raise ImportRefused(source, [f"not readable XML ({e})"]) from None
    node = Node(root, "/" + local_name(root.tag))
    return node



def compliance_of(tp: Node) -> str:
    return tp.text("compliance").lower().replace(" ", "").replace("-", "").replace("_", "")


class Actors:
    """The actors a journey declares: id → (kind, name); references resolved by id or name."""

    def __init__(self):
        self.by_id: dict[str, tuple[str, str]] = {}

    def read(self, holder: Node, problems: Problems) -> list[str]:
        end_users = []
        acts = holder.child("actors")
        for a in acts.children() if acts is not None else []:
            if a.tag not in ("endUser", "serviceProvider"):
                continue
            aid = a.attr("actorID") or a.attr("actorId") or a.attr("id")
            if not aid:
                problems.add(f"{a.path}/@actorID", "missing (required)")
                continue
            name = a.text("actorName") or a.text("companyName")
            if aid not in self.by_id or not self.by_id[aid][1]:
                self.by_id[aid] = (a.tag, name)
            if a.tag == "endUser":
                end_users.append(aid)
        return end_users

    def resolve(self, ref: str) -> str | None:
        """The actor id a reference means: its id, else the actor with that name."""
        if ref in self.by_id:
            return ref
        low = ref.casefold()
        for aid, (_, name) in self.by_id.items():
            if name and name.casefold() == low:
                return aid
        return None


def touchpoint_parts(tp: Node) -> dict:
    ini = tp.child("initiator")
    rec = tp.child("receiver")
    ch = tp.child("channel")
    bt = tp.child("belongsTo")
    ref = ""
    if ini is not None and ini.child("refersTo") is not None:
        ref = ini.child("refersTo").attr("actorIDref")
    rref = ""
    if rec is not None and rec.child("refersTo") is not None:
        rref = rec.child("refersTo").attr("actorIDref")
    return {"id": tp.text("touchpointID"), "ref": ref, "ini": ini,
            "label": ini.text("initiatorLabel") if ini is not None else "",
            "receiver": rref, "receiver_label": rec.text("receiverLabel") if rec is not None
            else "", "channel": ch.text("channelName") if ch is not None else "",
            "comment": tp.text("comment"), "phase": bt.attr("phaseIDref") if bt is not None
            else ""}



def is_deviation(tp: Node, parts: dict, planned: set[str] | None) -> bool:
    """An ad-hoc touchpoint: said so by its compliance, or (the id convention of CJML's
    Excel and web exporters, D1, D2...) by its id when there is no compliance; with a planned
    journey, any touchpoint the plan does not hold."""
    c = compliance_of(tp)
    if c in DEVIATION:
        return True
    if planned is not None:
        return parts["id"] not in planned
    return not c and bool(re.fullmatch(r"D\d+", parts["id"] or ""))
