"""Mermaid ``journey`` diagrams: a map pasted into a README or a wiki, and back.

The reference is mermaid itself: the ``journey`` grammar
(``packages/mermaid/src/diagrams/user-journey/parser/journey.jison``), its parser tests, and
what mermaid does to a diagram's text before parsing it (front matter, ``%%{...}%%``
directives, ``%%`` comment lines, ``#name;`` entity codes). A file mermaid draws imports; a
file mermaid refuses is refused here too, naming its line.

**Import** (all or nothing; each problem named by its line)::

    ---
    title: My working day          ← the journey's title (a later ``title`` line wins, as in
    config: {theme: forest}           mermaid); config is drawing only: noted as left out
    ---
    journey
      accTitle: Work day            ← kept in ``journey.source`` and written back on export
      accDescr { Two sections … }   ← likewise (one line, or several between braces)
      section Go to work            ← a stage (the same name twice gives two stages)
        Make tea: 5: Me, Cat        ← a step; each actor a participant with a lived rating
        Sit down: 3                 ← no actors: the score is kept as the rating of one
                                      anonymous participant ('Anonymous'), noted

* Mermaid's lexer rules are followed: keywords in any case; ``journey title T`` on one line;
  ``#`` starts a comment to the end of the line; ``;`` is refused (mermaid has no token for
  it), and so are ``section A: B`` (a section name may not hold ``:``) and a task named
  ``journey …``; ``#35;``/``#quot;`` entity codes are decoded; ``<br>`` in a name becomes a
  space; text after a third ``:`` is ignored by mermaid and noted here.
* Scores: mermaid's docs say "a number between 1 and 5, inclusive". They are rescaled to
  −3..+3 as ``emotion = (score − 3) × 1.5`` (1→−3, 2→−1.5, 3→0, 4→1.5, 5→3; 2.5→−0.75); the
  original scale is kept in ``journey.source``. A score mermaid draws but that is not 1..5
  (``7``, ``2rem``) keeps the task as a step without a rating, noted with its line.
* Tasks before any section go to a stage named after the title; consecutive tasks are linked
  by transitions, since a Mermaid journey is one sequence. Actors are participants (role
  customer, or the role their name says in English or Italian: ``Staff``, ``Personale``…);
  a name longer than journeymap's 120 characters is shortened and noted, never refused.

**Export**::

    journey
      title Sam, getting a broken router fixed
      section Discover
        Notice the outage: 2: Ada, Bo

* One ``section`` per stage (stage order); one task per step in canonical order.
* The score is the mean *lived* emotion of the step as ``round_half_up((e + 3) * 4 / 6 + 1)``
  (−3→1, −1.5→2, 0→3, +1.5→4, +3→5); a step nobody lived gets 3 and no actors.
* Actors are the named participants with a lived rating of the step, in the order of their
  ratings; anonymous participants are counted in the score but never named. Two people with
  the same name are told apart as ``Ada (2)``.
* Characters mermaid reserves are written as its entity codes (``:`` → ``#58;``, ``#`` →
  ``#35;``, ``;`` → ``#59;``, ``<`` → ``#60;``, ``,`` in an actor → ``#44;``), which mermaid
  draws as the character itself; a task that would read as a keyword gets its first letter
  as a code. Runs of white space become one space.

**What a round trip keeps**: title, accessibility title and description, stage names and
order, step titles and order, every named lived rater per step and the 1..5 score (so 4
actors and 20 ratings come back as 4 and 20). Not carried: ids, lanes, channels,
descriptions, moments of truth, branches, effort, success, comments, pain points, assumed
and employee ratings. Export → import → export gives the identical text.

One module per job: :mod:`.syntax` (mermaid's journey grammar as mermaid has it: what it does
to a text before parsing, its lexer, its entity codes), :mod:`.read` (the import) and
:mod:`.write` (the export).

>>> j = loads("journey\\n title Buy\\n section Pay\\n  Enter card: 2: Me\\n")
>>> [(s.title, r.emotion) for s in j.steps for r in j.ratings]
[('Enter card', -1.5)]
>>> print(dumps(j), end="")
journey
  title Buy
  section Pay
    Enter card: 2: Me
"""

from __future__ import annotations

from .read import loads
from .write import MIME, dumps

__all__ = ["MIME", "dumps", "loads"]
