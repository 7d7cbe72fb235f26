"""What the reader narrowed the Insight analysis to: stages, channels, a group of people and
the round (plain values, hashable: they key the page's caches and travel in CSV links)."""

from __future__ import annotations

from dataclasses import dataclass

#: participant group -> roles kept by the filter
GROUPS: dict[str, tuple[str, ...] | None] = {
    "all": None, "customers": ("customer",), "staff": ("staff", "facilitator")}


@dataclass(frozen=True)
class Filters:
    """What the reader narrowed the analysis to (None: everything; ``round`` None: the
    round :func:`journeymap.domain.rules.shown_round` picks)."""

    stages: tuple[str, ...] | None = None
    channels: tuple[str, ...] | None = None
    group: str = "all"
    round: int | None = None

    @property
    def active(self) -> bool:
        """Does it leave steps or people out (the round aside)?"""
        return self.stages is not None or self.channels is not None or self.group != "all"

    def spec(self) -> list:
        """The filters as a CSV link carries them (:meth:`from_spec` reads them back)."""
        return [list(self.stages) if self.stages is not None else None,
                list(self.channels) if self.channels is not None else None,
                self.group, self.round]

    @classmethod
    def from_spec(cls, spec) -> "Filters":
        """The filters of a link (a link made before rounds has three items)."""
        given = list(spec or [])[:4]
        stages, channels, group, round_ = given + [None, None, "all", None][len(given):]
        return cls(stages=tuple(stages) if stages is not None else None,
                   channels=tuple(channels) if channels is not None else None,
                   group=group if group in GROUPS else "all",
                   round=round_ if isinstance(round_, int) and round_ > 0 else None)
