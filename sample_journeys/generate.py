#!/usr/bin/env python
"""Build the sample workshops shipped with journeymap and write them as native JSON files.

    python sample_journeys/generate.py           # (re)write sample_journeys/<slug>.json
    python sample_journeys/generate.py --check   # exit 1 if a committed file is out of date

Each sample is a hand-written *spec*: the map (stages, steps, transitions), the people, what
they wrote in their own words (comments, pain points, highlights, proposals) and, per step, the
"true" mean emotion customers lived, staff assumed and staff felt about their own work.  The
individual ratings are then drawn around those means with one seeded ``random.Random`` per
sample, so the data looks like real people (not everyone gives the same number) yet is the same
on every run.  A hand-written comment fixes the emotion of the rating it is attached to, so what
people say always matches the number they gave.

Each spec also names the story its data must tell (:class:`Story`): the blind spots (steps where
staff are measurably too optimistic), the painful peak, an optional step where staff were too
pessimistic, and the ending.  :func:`check_story` verifies it (Welch interval with scipy) before
anything is written, so a change to a spec that breaks the story fails loudly.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:  # runnable as `python sample_journeys/generate.py`
    sys.path.insert(0, str(ROOT))

from journeymap.domain.model import (  # noqa: E402
    EMOTION_WORDS,
    Highlight,
    Journey,
    Opportunity,
    PainPoint,
    Participant,
    Perspective,
    Proposal,
    Rating,
    Round,
    Segment,
    Role,
    Skip,
    Stage,
    Step,
    Success,
    Transition,
)
from journeymap.interchange import native  # noqa: E402

#: Customers' emotion sd around a step's true mean; staff guesses are a little tighter.
LIVED_SD = 0.75
ASSUMED_SD = 0.6
EMPLOYEE_SD = 0.6
#: Chance that a rating carries an emotion word, and that an optional answer is left out.
WORD_RATE = 0.35
MISSING_RATE = 0.04
#: Chance a staff member leaves a step without a guess (never a step the story relies on).
STAFF_SKIP_RATE = 0.1

#: (the emotion the person gave, what they wrote[, "f" or "m"]) — the optional grammatical
#: gender keeps Italian voices ("ero furiosa") with people they fit; anonymous people take any.
Voice = tuple


@dataclass
class StepSpec:
    key: str
    stage: str
    lane: str
    channel: str
    title: str
    description: str = ""
    mot: bool = False
    #: true mean emotion customers lived; None: customers do not rate this step
    lived: float | None = None
    #: true mean emotion staff assume customers feel; None: staff do not guess
    assumed: float | None = None
    #: true mean effort customers lived (staff guess ``assumed_effort``, default one less)
    effort: float = 2.0
    assumed_effort: float | None = None
    #: true mean emotion of the staff named in ``employee_by`` about their own work here
    employee: float | None = None
    employee_by: tuple[str, ...] = ()
    #: the customers whose actual journey went through this step (None: everybody)
    taken_by: tuple[str, ...] | None = None
    #: emotion words people tend to choose here (used when they fit the number)
    words: tuple[str, ...] = ()
    voices: list[Voice] = field(default_factory=list)
    staff_voices: list[Voice] = field(default_factory=list)
    employee_voices: list[Voice] = field(default_factory=list)


@dataclass
class Story:
    blind_spots: tuple[str, ...]   # staff clearly too optimistic (Welch 95% interval > 0)
    peak: str                      # most customers' most intense moment
    ending: str                    # "positive" or "negative": how the last step colours memory
    pessimistic: str | None = None  # staff feared worse than customers lived


@dataclass
class Spec:
    slug: str
    seed: int
    title: str
    persona: str
    goal: str
    language: str
    owner: str
    status: str
    evidence: str
    stages: list[tuple[str, str]]
    steps: list[StepSpec]
    transitions: list[tuple[str, str, str]]
    facilitator: tuple[str, str]
    staff: list[tuple[str, str]]
    customers: list[tuple[str, str, bool]]          # key, name, anonymous
    story: Story
    skips: list[tuple[str, str]] = field(default_factory=list)  # beyond ``taken_by``
    genders: dict[str, str] = field(default_factory=dict)       # customer key -> "f" / "m"
    # key, author, step, severity, pillar, votes, text[, perspective]
    pain_points: list[tuple] = field(default_factory=list)
    highlights: list[tuple] = field(default_factory=list)     # author, step, text[, perspective]
    # author, stage, after (a step key), title, description
    proposals: list[tuple] = field(default_factory=list)
    # title, owner, due (ISO date), status, [pain point ids]
    opportunities: list[tuple] = field(default_factory=list)


# building ----------------------------------------------------------------------------------

def _clamp(x: int, low: int, high: int) -> int:
    return max(low, min(high, x))


def _draw(rng: random.Random, mean: float, sd: float) -> int:
    return _clamp(int(round(rng.gauss(mean, sd))), -3, 3)


def _emotions(rng: random.Random, people: list[str], mean: float, sd: float,
              voices: list[Voice], genders: dict[str, str] | None = None
              ) -> dict[str, tuple[int, str]]:
    """Each person's (emotion, comment) at one step: voices go to people picked at random
    (a gendered voice only to someone it fits); everyone else gets a number drawn near the
    step's mean and no comment."""
    genders = genders or {}
    order = list(people)
    rng.shuffle(order)
    out: dict[str, tuple[int, str]] = {}
    for emotion, text, *gender in voices:
        fits = [p for p in order if p not in out
                and (not gender or genders.get(p, gender[0]) == gender[0])]
        if fits:
            out[fits[0]] = (emotion, text)
    for person in order:
        if person not in out:
            out[person] = (_draw(rng, mean, sd), "")
    return {p: out[p] for p in order}


def _word(rng: random.Random, emotion: int, hints: tuple[str, ...]) -> str:
    if rng.random() >= WORD_RATE:
        return ""
    fitting = [w for w in hints if abs(EMOTION_WORDS[w] - emotion) <= 1]
    if fitting:
        return rng.choice(fitting)
    nearest = min(abs(v - emotion) for v in EMOTION_WORDS.values())
    return rng.choice([w for w, v in EMOTION_WORDS.items() if abs(v - emotion) == nearest])


def _effort(rng: random.Random, mean: float, emotion: int, step_mean: float) -> int | None:
    if rng.random() < MISSING_RATE:
        return None
    # harder than usual goes with feeling worse than usual
    return _clamp(int(round(rng.gauss(mean - 0.35 * (emotion - step_mean), 0.6))), 1, 5)


def _success(rng: random.Random, emotion: int) -> Success | None:
    if rng.random() < MISSING_RATE:
        return None
    score = emotion + rng.gauss(0, 0.8)
    if score >= 0.5:
        return Success.YES
    if score >= -1.8:
        return Success.PARTLY
    return Success.NO


def build(spec: Spec) -> Journey:
    """The spec as a domain :class:`Journey`, ratings drawn with the spec's own seed."""
    rng = random.Random(spec.seed)
    j = Journey(title=spec.title, persona=spec.persona, goal=spec.goal,
                language=spec.language, owner=spec.owner, status=spec.status,
                evidence=spec.evidence)
    for key, name in spec.stages:
        j.add_stage(Stage(key, name))
    for s in spec.steps:
        j.add_step(Step(key=s.key, stage=s.stage, title=s.title, lane=s.lane,
                        channel=s.channel, description=s.description, moment_of_truth=s.mot))
    for source, target, label in spec.transitions:
        j.add_transition(Transition(source, target, label))

    fkey, fname = spec.facilitator
    j.add_participant(Participant(fkey, fname, Role.FACILITATOR))
    for key, name in spec.staff:
        j.add_participant(Participant(key, name, Role.STAFF))
    for key, name, anonymous in spec.customers:
        j.add_participant(Participant(key, name, Role.CUSTOMER, anonymous=anonymous))
    customers = [c[0] for c in spec.customers]
    staff = [s[0] for s in spec.staff]
    by_key = {s.key: s for s in spec.steps}

    # what each customer's actual journey left out
    skipped: list[tuple[str, str]] = []
    for c in customers:
        for s in spec.steps:
            if s.lived is None:
                continue
            if (s.taken_by is not None and c not in s.taken_by) or (c, s.key) in spec.skips:
                skipped.append((c, s.key))
    skipped_set = set(skipped)

    # lived emotions, step by step (so each step's voices land on people picked at random)
    lived: dict[tuple[str, str], tuple[int, str]] = {}
    for s in spec.steps:
        if s.lived is None:
            continue
        raters = [c for c in customers if (c, s.key) not in skipped_set]
        sd = 0.35 if s.key == spec.story.peak else LIVED_SD
        for c, value in _emotions(rng, raters, s.lived, sd, s.voices, spec.genders).items():
            lived[(c, s.key)] = value
    # the peak stays the peak: whoever lived it at full intensity felt nothing as strong elsewhere
    for c in customers:
        if lived.get((c, spec.story.peak), (0, ""))[0] == -3:
            for s in spec.steps:
                if s.key != spec.story.peak and (c, s.key) in lived:
                    e, comment = lived[(c, s.key)]
                    lived[(c, s.key)] = (_clamp(e, -2, 2), comment)

    # staff guesses; every staff member rates the steps the story relies on
    key_steps = {*spec.story.blind_spots, spec.story.peak, spec.story.pessimistic}
    assumed: dict[tuple[str, str], tuple[int, str]] = {}
    for s in spec.steps:
        if s.assumed is None:
            continue
        raters = [p for p in staff if s.key in key_steps or rng.random() >= STAFF_SKIP_RATE]
        for p, value in _emotions(rng, raters, s.assumed, ASSUMED_SD, s.staff_voices).items():
            assumed[(p, s.key)] = value
    employee: dict[tuple[str, str], tuple[int, str]] = {}
    for s in spec.steps:
        if s.employee is None:
            continue
        for p, value in _emotions(rng, list(s.employee_by), s.employee, EMPLOYEE_SD,
                                  s.employee_voices).items():
            employee[(p, s.key)] = value

    # ratings in the order a workshop produces them: staff guess first, then customers tell
    for p in staff:
        for s in spec.steps:
            if (p, s.key) in assumed:
                e, comment = assumed[(p, s.key)]
                eff = s.assumed_effort if s.assumed_effort is not None else max(1.0, s.effort - 1)
                j.add_rating(Rating(p, s.key, e, Perspective.ASSUMED, _word(rng, e, s.words),
                                    _effort(rng, eff, e, s.assumed), _success(rng, e), comment))
        for s in spec.steps:
            if (p, s.key) in employee:
                e, comment = employee[(p, s.key)]
                j.add_rating(Rating(p, s.key, e, Perspective.EMPLOYEE, _word(rng, e, ()),
                                    _effort(rng, 3.5, e, s.employee), _success(rng, e), comment))
    for c in customers:
        for s in spec.steps:
            if (c, s.key) in lived:
                e, comment = lived[(c, s.key)]
                j.add_rating(Rating(c, s.key, e, Perspective.LIVED, _word(rng, e, s.words),
                                    _effort(rng, s.effort, e, s.lived), _success(rng, e),
                                    comment))
    for c, step in skipped:
        j.skips.append(Skip(c, step))
    for key, author, step, severity, pillar, votes, text, *rest in spec.pain_points:
        j.add_pain_point(PainPoint(author, step, text, severity, pillar, votes,
                                   rest[0] if rest else None, key))
    for author, step, text, *rest in spec.highlights:
        j.add_highlight(Highlight(author, step, text, rest[0] if rest else None))
    for author, stage, after, title, description in spec.proposals:
        j.proposals.append(Proposal(author, title, stage, after, description))
    for title, owner, due, status, pains in spec.opportunities:
        j.opportunities.append(Opportunity(title, owner, dt.date.fromisoformat(due), status,
                                           list(pains)))
    assert all(by_key[k].lived is not None for k in key_steps if k), "story steps need ratings"
    _segments_and_second_round(spec, j, customers, skipped_set)
    return j


#: the segment every sample asks at joining, in the workshop's language
TENURE = {
    "en": ("Customer for", [("new", "Less than a year"), ("mid", "1 to 5 years"),
                            ("long", "More than 5 years")]),
    "it": ("Cliente da", [("new", "Meno di un anno"), ("mid", "Da 1 a 5 anni"),
                          ("long", "Più di 5 anni")]),
}
#: how much better the fixed step feels in round 2 (on −3..+3)
FIX_EFFECT = 2.0


def _segments_and_second_round(spec: Spec, j: Journey, customers: list[str],
                               skipped: set) -> None:
    """Tenure for every customer (in turn: new, 1–5 years, long, so each group has at least
    three people), and a second round some weeks after the actions were due: the same
    customers walk the map again; the story's first blind spot was fixed (it feels
    ``FIX_EFFECT`` better), every other step feels as before. Drawn with a generator of its
    own, so round 1 stays exactly as it was."""
    rng = random.Random(spec.seed * 7919 + 2)
    question, options = TENURE[spec.language]
    j.segments.append(Segment("tenure", question, list(options)))
    keys = [k for k, _ in options]
    for i, c in enumerate(customers):
        j.participant(c).segments = {"tenure": keys[i % len(keys)]}
    dues = sorted(o.due for o in j.opportunities if o.due is not None)
    first = (dues[0] - dt.timedelta(days=90)) if dues else dt.date(2026, 10, 1)
    second = (dues[-1] + dt.timedelta(days=21)) if dues else dt.date(2027, 3, 1)
    j.rounds.extend([Round(1, first), Round(2, second)])
    fixed = spec.story.blind_spots[0]
    for c in customers:
        for s in spec.steps:
            if s.lived is None or (c, s.key) in skipped:
                continue
            mean = s.lived + (FIX_EFFECT if s.key == fixed else 0.0)
            e = _draw(rng, mean, LIVED_SD)
            j.add_rating(Rating(c, s.key, e, Perspective.LIVED, _word(rng, e, s.words),
                                _effort(rng, s.effort, e, s.lived), _success(rng, e),
                                round=2))


# the story check -----------------------------------------------------------------------------

def _values(j: Journey, step: str, perspective: Perspective, round: int = 1) -> list[float]:
    return [r.emotion for r in j.ratings
            if r.step == step and r.perspective is perspective and r.round == round]


def welch_interval(assumed: list[float], lived: list[float]) -> tuple[float, float]:
    """95% Welch interval of mean assumed − mean lived (scipy)."""
    import warnings

    from scipy import stats

    with warnings.catch_warnings():  # a group whose members all agree is fine for Welch
        warnings.simplefilter("ignore", RuntimeWarning)
        ci = stats.ttest_ind(assumed, lived, equal_var=False).confidence_interval(0.95)
    return float(ci.low), float(ci.high)


def customer_peaks(j: Journey) -> dict[str, str | None]:
    """Each customer's peak step: the single rating of largest magnitude (None on a tie)."""
    out: dict[str, str | None] = {}
    for p in j.participants:
        if p.role is not Role.CUSTOMER:
            continue
        mine = [r for r in j.ratings if r.participant == p.key
                and r.perspective is Perspective.LIVED and r.round == 1]
        if not mine:
            continue
        top = max(abs(r.emotion) for r in mine)
        at_top = [r.step for r in mine if abs(r.emotion) == top]
        out[p.key] = at_top[0] if len(at_top) == 1 else None
    return out


def check_story(spec: Spec, j: Journey) -> None:
    """Raise AssertionError naming the part of the story the data no longer tells."""
    for step in spec.story.blind_spots:
        a = _values(j, step, Perspective.ASSUMED)
        b = _values(j, step, Perspective.LIVED)
        low, high = welch_interval(a, b)
        assert len(a) >= 3 and len(b) >= 8, f"{spec.slug}: {step} has too few ratings"
        assert low > 0, f"{spec.slug}: blind spot {step} interval ({low:.2f}, {high:.2f})"
    if spec.story.pessimistic:
        a = _values(j, spec.story.pessimistic, Perspective.ASSUMED)
        b = _values(j, spec.story.pessimistic, Perspective.LIVED)
        gap = sum(a) / len(a) - sum(b) / len(b)
        assert gap <= -1.5, f"{spec.slug}: pessimistic step gap is only {gap:.2f}"
    peaks = customer_peaks(j)
    share = sum(1 for s in peaks.values() if s == spec.story.peak) / len(peaks)
    assert share > 0.5, f"{spec.slug}: only {share:.0%} of customers peak at {spec.story.peak}"
    lived = [r.emotion for r in j.ratings
             if r.perspective is Perspective.LIVED and r.round == 1]
    average = sum(lived) / len(lived)
    end = _values(j, spec.steps[-1].key, Perspective.LIVED)
    end_mean = sum(end) / len(end)
    sign = 1 if spec.story.ending == "positive" else -1
    assert sign * end_mean >= 1 and sign * (end_mean - average) >= 1, (
        f"{spec.slug}: ending {end_mean:.2f} does not stand out from the average {average:.2f}")


# entry point ---------------------------------------------------------------------------------

def specs() -> list[Spec]:
    return [broadband_fault(), bank_account(), online_return(), clinic_checkup()]


def build_all() -> dict[str, Journey]:
    """Every sample by slug, built in memory (nothing written)."""
    out = {}
    for spec in specs():
        j = build(spec)
        check_story(spec, j)
        out[spec.slug] = j
    return out


def render_all() -> dict[str, str]:
    """File name → the exact text the committed file must hold."""
    return {f"{slug}.json": native.dumps(j) for slug, j in build_all().items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if a committed file differs")
    args = parser.parse_args(argv)
    stale = []
    for name, text in render_all().items():
        path = HERE / name
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(name)
        if not args.check:
            path.write_text(text, encoding="utf-8")
    verb = "out of date" if args.check else "written"
    for name in stale:
        print(f"{name}: {verb}")
    if not stale:
        print("all samples up to date")
    return 1 if args.check and stale else 0


# the samples -------------------------------------------------------------------------------
# Each function below is one workshop, written by hand.  Means on the -3..+3 scale.

def broadband_fault() -> Spec:
    """Italian: a home fibre outage fixed through customer support.

    Blind spots: the IVR, the operator's "reboot the router" script, and the goodwill credit
    staff believe is automatic.  Peak: calling support a second time.  Staff feared the
    technician would take the blame, customers loved him.  The ending (chasing the credit)
    drags the memory down after a happy fix.
    """
    everyone_but = lambda *out: tuple(c for c in (  # noqa: E731
        "lucia", "davide", "francesca", "paolo", "chiara", "giorgio", "anna", "matteo",
        "anon1", "anon2") if c not in out)
    steps = [
        StepSpec("nota", "scoperta", "customer", "", "Si accorge che internet non funziona",
                 "Il router ha le luci rosse; la TV e il PC non si collegano.",
                 lived=-1.2, assumed=-1, effort=1.5,
                 words=("anxious", "confused", "frustrated"),
                 voices=[
                     (-2, "Stavo caricando i file per un cliente e si è bloccato tutto."),
                     (-1, "Luci del router tutte rosse. Ho pensato subito al peggio."),
                     (-1, "Me ne sono accorta perché la TV non partiva, i bambini "
                          "protestavano.", "f"),
                     (0, "Capita, pensavo fosse una cosa di cinque minuti."),
                     (-2, "Lavoro da casa: senza linea per me vuol dire niente stipendio."),
                 ]),
        StepSpec("app", "verifica", "customer", "app",
                 "Controlla l'app e il sito per vedere se c'è un guasto in zona",
                 lived=-0.5, assumed=0.4, effort=2.5, words=("confused", "curious"),
                 voices=[
                     (-1, "L'app diceva 'nessun guasto nella tua zona'. E allora il problema "
                          "ero io?"),
                     (0, "Ho aperto l'app dal telefono con i giga, almeno quello funzionava."),
                     (-1, "Per entrare mi chiedeva un codice via email... che non potevo "
                          "leggere dal PC."),
                     (1, "La sezione guasti è chiara, ci ho messo un attimo a trovarla."),
                     (-2, "Il sito dava errore, ottimo momento."),
                 ],
                 staff_voices=[(2, "La pagina dei guasti in app è semplice, la usano in tanti.")]),
        StepSpec("stato_rete", "verifica", "backstage", "",
                 "Il monitoraggio di rete aggiorna lo stato dei guasti",
                 employee=-1.2, employee_by=("stefano", "roberto"),
                 employee_voices=[
                     (-1, "Lo stato nell'app si aggiorna ogni quattro ore. Se si guasta un "
                          "solo palazzo non compare mai."),
                     (-2, "Non vediamo i dati del monitoraggio in diretta, ce li passa un "
                          "altro reparto."),
                 ]),
        StepSpec("chiama", "contatto", "customer", "phone", "Chiama il numero dell'assistenza",
                 lived=-0.6, assumed=0, effort=2.5,
                 voices=[
                     (-1, "Il numero l'ho trovato su una vecchia bolletta, nell'app era nascosto."),
                     (0, "Ho chiamato in pausa pranzo sperando ci fosse meno gente."),
                     (-1, "Già sapevo che sarebbe stata lunga."),
                     (1, "Numero gratuito, almeno quello."),
                 ]),
        StepSpec("ivr", "contatto", "frontstage", "phone",
                 "Risponditore automatico e attesa in linea",
                 "Menu vocale a tre livelli, poi coda per l'operatore.",
                 lived=-2.3, assumed=0.8, effort=4, assumed_effort=2,
                 words=("frustrated", "bored", "furious"),
                 voices=[
                     (-3, "Dodici minuti di menu. 'Premi 1, premi 3, digita il codice cliente'. "
                          "Il codice cliente dov'è?"),
                     (-2, "La voce registrata continuava a dirmi di controllare l'app. L'avevo "
                          "appena fatto!"),
                     (-2, "Ho detto 'operatore' sei volte. Non capiva."),
                     (-3, "È caduta la linea dopo venti minuti di attesa. Da capo."),
                     (-2, "La musichetta ce l'ho ancora in testa."),
                     (-1, "Lungo, ma almeno diceva quanti minuti mancavano."),
                 ],
                 staff_voices=[
                     (1, "Il nuovo menu vocale smista bene, i tempi medi sono scesi."),
                     (0, "Qualche minuto di attesa c'è, ma siamo nella media del settore."),
                 ]),
        StepSpec("operatore", "contatto", "frontstage", "phone",
                 "L'operatore fa la diagnosi a distanza e chiede di riavviare il router",
                 mot=True, lived=-2, assumed=1.3, effort=3.5, assumed_effort=2,
                 words=("frustrated", "disappointed"),
                 employee=-1.5, employee_by=("giulia",),
                 voices=[
                     (-2, "Gentile, per carità. Ma mi ha letto il copione: 'ha provato a spegnere "
                          "e riaccendere?'"),
                     (-3, "Gli ho detto tre volte che avevo già riavviato. Me l'ha fatto rifare "
                          "lo stesso."),
                     (-2, "Mi ha chiesto di nuovo tutti i dati che avevo già digitato nel menu."),
                     (-1, "Il ragazzo era cortese, si vedeva che non poteva fare altro."),
                     (-2, "Nessuno mi ha detto quanto ci sarebbe voluto."),
                 ],
                 staff_voices=[
                     (2, "I nostri operatori sono formati e cortesi, di solito la chiamata si "
                         "chiude bene."),
                     (1, "Il cliente si sente seguito passo passo."),
                 ],
                 employee_voices=[
                     (-2, "Il sistema non mi lascia aprire un ticket tecnico finché la procedura "
                          "di riavvio non è completata. Anche se il cliente l'ha già fatto."),
                 ]),
        StepSpec("riavvio", "contatto", "customer", "", "Riavvia il router e aspetta",
                 lived=-1.2, assumed=-0.6, effort=2.5,
                 voices=[
                     (-1, "Stacca, conta trenta secondi, riattacca. Come l'ultima volta."),
                     (-2, "Dieci minuti a guardare le lucine. Niente."),
                     (0, "Ok, ci sta provarci."),
                     (-1, "Ho dovuto spostare mezzo mobile per arrivare alla presa."),
                     (-2, "Sapevo già che non sarebbe servito."),
                 ]),
        StepSpec("richiama", "contatto", "customer", "phone",
                 "Richiama l'assistenza perché la linea non è tornata",
                 lived=-2.9, assumed=-1, effort=4.5, assumed_effort=3,
                 taken_by=everyone_but("paolo", "anon2"),
                 words=("furious", "frustrated"),
                 voices=[
                     (-3, "Seconda chiamata, stesso menu, altro operatore, stessa domanda sul "
                          "router. Ero furiosa.", "f"),
                     (-3, "Ho dovuto rispiegare tutto da zero. Della prima chiamata non c'era "
                          "traccia."),
                     (-3, "A quel punto avevo perso la mattinata di lavoro e la pazienza."),
                     (-3, "Mi è venuta voglia di disdire il contratto. Gliel'ho anche detto."),
                     (-3, "Quaranta minuti al telefono in tutto, per sentirmi dire che mandavano "
                          "un tecnico."),
                     (-2, "Il secondo operatore almeno ha capito subito e ha aperto la "
                          "segnalazione."),
                 ],
                 staff_voices=[
                     (-1, "Se richiama è un po' scocciato, ma poi gli apriamo subito il ticket."),
                     (0, "Capita che debba richiamare, però la seconda volta va più veloce."),
                 ]),
        StepSpec("ticket", "contatto", "backstage", "",
                 "Apertura del ticket e assegnazione al tecnico",
                 employee=-2, employee_by=("giulia", "roberto"),
                 employee_voices=[
                     (-2, "Il gestionale non mostra le chiamate precedenti: per me ogni cliente "
                          "è nuovo."),
                     (-2, "Nel ticket arrivano note tipo 'cliente non naviga'. Devo richiamare io "
                          "per capire."),
                 ]),
        StepSpec("appuntamento", "intervento", "frontstage", "sms",
                 "Conferma dell'appuntamento via SMS con la fascia oraria",
                 lived=-0.6, assumed=0.2, effort=2,
                 voices=[
                     (-1, "Fascia 8–13. Cinque ore, come se non avessi altro da fare."),
                     (0, "SMS arrivato subito, almeno c'era una data."),
                     (-2, "Il primo appuntamento libero era dopo quattro giorni. E la mia "
                          "consegna era venerdì."),
                     (1, "Chiaro, con il giorno e il numero della pratica."),
                     (-1, "Dall'SMS non si poteva cambiare la fascia, bisognava richiamare."),
                 ]),
        StepSpec("pianifica", "intervento", "support", "",
                 "Pianificazione dei giri dei tecnici e dei ricambi",
                 employee=-1.5, employee_by=("roberto",),
                 employee_voices=[
                     (-2, "I giri li vediamo la sera prima, senza sapere che guasto troveremo. "
                          "Spesso il pezzo giusto non è nel furgone."),
                 ]),
        StepSpec("attesa_tecnico", "intervento", "customer", "",
                 "Aspetta il tecnico a casa nella fascia oraria",
                 lived=-1.3, assumed=-0.8, effort=3, words=("bored", "anxious"),
                 voices=[
                     (-2, "Ho aspettato in casa tutta la mattina, il tecnico è arrivato alle "
                          "12:40."),
                     (-1, "Nessun avviso 'il tecnico sta arrivando'. Non potevo neanche scendere "
                          "a prendere il pane."),
                     (-1, "Ho lavorato dal bar sotto casa con l'hotspot, un incubo."),
                     (0, "Sono arrivati dentro la fascia, quindi va bene così."),
                 ]),
        StepSpec("visita", "intervento", "frontstage", "in person",
                 "Il tecnico trova il guasto e lo ripara",
                 "Intervento a domicilio e, se serve, nella centralina di strada.",
                 mot=True, lived=1.8, assumed=-1.2, effort=1.5, assumed_effort=2,
                 words=("relieved", "reassured", "happy"),
                 voices=[
                     (2, "Il tecnico è stato bravissimo: in venti minuti ha trovato il cavo "
                         "rovinato nella chiostrina."),
                     (2, "Mi ha spiegato cosa era successo e non ha dato la colpa a me. "
                         "Finalmente."),
                     (1, "Puntuale rispetto all'SMS, gentile, veloce."),
                     (2, "Mi ha pure sistemato il wifi in camera, non era tenuto a farlo."),
                     (1, "Mi ha lasciato il suo numero nel caso ricapitasse. Sono dettagli che "
                         "contano."),
                 ],
                 staff_voices=[
                     (-1, "Arrivano già arrabbiati dopo giorni senza linea e se la prendono col "
                          "tecnico."),
                     (-2, "Di solito il tecnico si prende tutta la rabbia accumulata."),
                 ]),
        StepSpec("ripristino", "intervento", "customer", "web",
                 "Verifica che la connessione sia tornata",
                 lived=2, assumed=2, effort=1, words=("relieved", "happy"),
                 voices=[
                     (2, "Quando ho visto la lucina verde ho quasi applaudito."),
                     (2, "Speedtest fatto subito: 900 mega, meglio di prima."),
                     (1, "Tornata la linea, tornata la pace in famiglia."),
                     (2, "Ho consegnato il lavoro giovedì sera. Per un pelo."),
                 ]),
        StepSpec("sondaggio", "chiusura", "frontstage", "sms",
                 "Riceve il sondaggio di soddisfazione via SMS",
                 lived=-0.8, assumed=0, effort=1.5,
                 voices=[
                     (-1, "Mi chiedevano 'quanto ci consiglieresti da 0 a 10' mezz'ora dopo. "
                          "Non era il momento."),
                     (0, "Ho risposto 7, per il tecnico."),
                     (-1, "Il sondaggio chiedeva solo del tecnico, non delle due telefonate."),
                     (-2, "Tre SMS di sondaggio in due giorni. Basta."),
                 ]),
        StepSpec("accredito", "chiusura", "backstage", "",
                 "Calcolo e accredito dell'indennizzo in fattura",
                 employee=-1.2, employee_by=("valentina",),
                 employee_voices=[
                     (-1, "L'indennizzo va inserito a mano, pratica per pratica. Se il ticket "
                          "non ha il codice giusto, salta."),
                 ]),
        StepSpec("indennizzo", "chiusura", "customer", "email",
                 "Trova l'indennizzo nella bolletta successiva",
                 mot=True, lived=-2.3, assumed=2, effort=4, assumed_effort=1,
                 words=("disappointed", "frustrated"),
                 voices=[
                     (-2, "In bolletta nessuno sconto. Mi avevano detto che era automatico."),
                     (-3, "Ho dovuto chiamare una terza volta per avere l'indennizzo. Una terza "
                          "volta!"),
                     (-2, "Sei euro dopo quattro giorni senza linea, e pure da chiedere."),
                     (-2, "Dovevo mandare un modulo via PEC. Seriamente?"),
                     (-1, "Alla fine l'hanno accreditato, ma due bollette dopo."),
                     (-3, "È la cosa che mi ha fatto arrabbiare di più, più del guasto."),
                 ],
                 staff_voices=[
                     (2, "L'indennizzo automatico è una bella sorpresa per il cliente."),
                     (2, "Chiudiamo con uno sconto in bolletta: il cliente è soddisfatto."),
                 ]),
    ]
    return Spec(
        slug="guasto-internet-casa", seed=1101,
        title="Guasto della fibra di casa risolto con l'assistenza",
        persona="Sara, 38 anni, grafica freelance che lavora da casa",
        goal="Riavere internet a casa prima della consegna di venerdì",
        language="it", owner="Marco Bellini (Customer Care)", status="current",
        evidence="researched",
        stages=[("scoperta", "Scoperta del guasto"), ("verifica", "Verifica autonoma"),
                ("contatto", "Contatto con l'assistenza"), ("intervento", "Intervento tecnico"),
                ("chiusura", "Chiusura e follow-up")],
        steps=steps,
        transitions=[
            ("nota", "app", ""),
            ("app", "stato_rete", ""),
            ("stato_rete", "chiama", "se l'app non segnala guasti"),
            ("chiama", "ivr", ""),
            ("ivr", "operatore", ""),
            ("operatore", "riavvio", "prima diagnosi: riavviare il router"),
            ("operatore", "ticket", "se il guasto in linea è confermato"),
            ("riavvio", "richiama", "se la linea non torna"),
            ("riavvio", "sondaggio", "se il riavvio risolve"),
            ("richiama", "ivr", "si ricomincia dal menu vocale"),
            ("ticket", "pianifica", ""),
            ("pianifica", "appuntamento", ""),
            ("appuntamento", "attesa_tecnico", ""),
            ("attesa_tecnico", "visita", ""),
            ("visita", "ripristino", ""),
            ("ripristino", "sondaggio", ""),
            ("sondaggio", "accredito", ""),
            ("accredito", "indennizzo", ""),
        ],
        facilitator=("elena", "Elena Russo (facilitatrice)"),
        staff=[("giulia", "Giulia Ferri (assistenza telefonica)"),
               ("roberto", "Roberto Sala (tecnico sul campo)"),
               ("valentina", "Valentina Neri (fatturazione)"),
               ("stefano", "Stefano Riva (app e sito)")],
        customers=[("lucia", "Lucia M.", False), ("davide", "Davide C.", False),
                   ("francesca", "Francesca G.", False), ("paolo", "Paolo E.", False),
                   ("chiara", "Chiara R.", False), ("giorgio", "Giorgio F.", False),
                   ("anna", "Anna C.", False), ("matteo", "Matteo G.", False),
                   ("anon1", "", True), ("anon2", "Cliente", True)],
        skips=[("giorgio", "app"), ("anon1", "sondaggio"), ("paolo", "sondaggio")],
        genders={"lucia": "f", "davide": "m", "francesca": "f", "paolo": "m", "chiara": "f",
                 "giorgio": "m", "anna": "f", "matteo": "m"},
        story=Story(blind_spots=("ivr", "operatore", "indennizzo"), peak="richiama",
                    ending="negative", pessimistic="visita"),
        pain_points=[
            ("pp1", "lucia", "ivr", 3, "time_and_effort", 7,
             "Il menu vocale è un labirinto: dodici minuti prima di parlare con una persona."),
            ("pp2", "francesca", "operatore", 3, "resolution", 8,
             "Mi hanno fatto riavviare il router anche se l'avevo già fatto tre volte."),
            ("pp3", "chiara", "richiama", 3, "personalisation", 8,
             "Alla seconda chiamata non sapevano nulla della prima: ho rispiegato tutto da capo."),
            ("pp4", "davide", "indennizzo", 2, "integrity", 6,
             "Lo sconto in bolletta doveva essere automatico, invece ho dovuto chiederlo io."),
            ("pp5", "anna", "appuntamento", 2, "time_and_effort", 3,
             "Fascia di cinque ore per il tecnico e nessun avviso quando sta arrivando."),
            ("pp6", "paolo", "app", 1, "expectations", 2,
             "L'app diceva che in zona non c'erano guasti: mi sono sentito preso in giro."),
            ("pp7", "giulia", "operatore", 2, "resolution", 2,
             "Il cliente potrebbe essere seccato se gli chiediamo di riavviare il router."),
            ("pp8", "stefano", "ivr", 1, "time_and_effort", 1,
             "Nelle ore di punta l'attesa al menu vocale può allungarsi un po'."),
            ("pp9", "roberto", "visita", 2, "empathy", 0,
             "Il cliente arriva arrabbiato e se la prende con il tecnico."),
            ("pp10", "giulia", "ticket", 3, "personalisation", 5,
             "Il gestionale dei ticket non mostra lo storico delle chiamate: ogni cliente per "
             "me è nuovo.", "employee"),
            ("pp11", "valentina", "accredito", 2, "integrity", 4,
             "Gli indennizzi si inseriscono a mano: se il ticket non ha il codice giusto, non "
             "partono.", "employee"),
            ("pp12", "roberto", "pianifica", 2, "resolution", 2,
             "Pianifichiamo i giri senza sapere il tipo di guasto: spesso manca il ricambio.",
             "employee"),
        ],
        highlights=[
            ("matteo", "visita", "Il tecnico mi ha spiegato tutto e in venti minuti aveva "
                                 "risolto."),
            ("lucia", "ripristino", "Dopo l'intervento la linea va più veloce di prima."),
            ("anon1", "appuntamento", "L'SMS con data e numero pratica è arrivato subito."),
            ("giorgio", "visita", "Mi ha sistemato anche il wifi in camera, senza che chiedessi."),
            ("roberto", "visita", "Quando troviamo il guasto al primo colpo il cliente ci "
                                  "ringrazia."),
            ("roberto", "pianifica", "Con il tablet chiudo l'intervento e la linea riparte in "
                                     "tempo reale.", "employee"),
        ],
        proposals=[
            ("giorgio", "verifica", "app", "Ricevere un SMS quando c'è un guasto nella mia zona",
             "Così non devo chiamare per sapere se il problema è mio o vostro."),
            ("matteo", "contatto", "riavvio", "Prenotare il tecnico in chat senza richiamare",
             "Se il riavvio non funziona dovrei poter chiedere il tecnico subito, senza rifare "
             "il menu vocale."),
        ],
        opportunities=[
            ("Mostrare all'operatore lo storico delle chiamate e saltare il riavvio se già fatto",
             "Giulia Ferri", "2027-03-31", "in_progress", ["pp2", "pp3", "pp10"]),
            ("Accredito automatico dell'indennizzo alla chiusura del ticket",
             "Valentina Neri", "2027-05-15", "open", ["pp4", "pp11"]),
            ("Menu vocale più corto, con richiamata al posto dell'attesa in linea",
             "Stefano Riva", "2027-06-30", "open", ["pp1"]),
        ],
    )


def bank_account() -> Spec:
    """English: opening a current account online, with an ID check that often fails.

    Blind spots: the in-app ID photo and selfie, and the wait for the card.  Peak: the
    "we couldn't verify your identity" email.  Staff feared the branch visit; customers loved
    it.  The ending (first salary, first card payment) is clearly positive.
    """
    all_but = lambda *out: tuple(c for c in (  # noqa: E731
        "tom", "aisha", "marek", "chloe", "jamal", "rosie", "ben", "ling", "anon1", "anon2")
        if c not in out)
    to_branch = ("aisha", "marek", "jamal", "ling")
    steps = [
        StepSpec("compare", "choose", "customer", "web", "Compare current accounts on the website",
                 lived=0.6, assumed=1, effort=2, words=("curious", "confused"),
                 voices=[
                     (1, "The comparison table was actually useful. Fee-free spending abroad "
                         "sold it for me."),
                     (0, "Lots of small print about overdrafts I didn't need."),
                     (1, "Did it on my phone on the bus, no problem."),
                     (-1, "Couldn't tell which account I'd be eligible for without a UK credit "
                          "history."),
                 ]),
        StepSpec("form", "apply", "customer", "web", "Fill in the online application",
                 lived=1, assumed=0.3, effort=2.5,
                 voices=[
                     (1, "About ten minutes. It saved my progress when the page timed out, "
                         "which I appreciated."),
                     (2, "Easier than my phone contract, honestly."),
                     (0, "It wanted three years of addresses. I've lived in four countries."),
                     (1, "Clear questions, no jargon."),
                 ],
                 staff_voices=[(0, "It's a long form, I'd guess some people give up half way.")]),
        StepSpec("credit_check", "apply", "backstage", "", "Automated credit and fraud checks",
                 employee=-1, employee_by=("oliver",),
                 employee_voices=[
                     (-1, "The fraud rules flag anyone with a short UK address history, so new "
                          "arrivals land in manual review by default."),
                 ]),
        StepSpec("upload", "verify", "customer", "app",
                 "Photograph your ID and take a selfie in the app",
                 mot=True, lived=-1.6, assumed=1.2, effort=3.5, assumed_effort=1.5,
                 words=("confused", "frustrated", "anxious"),
                 voices=[
                     (-2, "The app kept saying 'too much glare'. I tried every room in my flat."),
                     (-1, "Selfie was fine, but I couldn't get the passport page into the frame."),
                     (-2, "It never said what was wrong, just a spinning wheel and 'try again'."),
                     (-1, "Had to take my glasses off for the selfie. Nobody tells you that."),
                     (0, "Took three goes but it worked."),
                     (-2, "My residence permit isn't on their list of documents, so I guessed."),
                 ],
                 staff_voices=[
                     (2, "Most people do it in under two minutes. It's the bit we're proudest of."),
                     (1, "Customers are used to selfies, this should feel natural."),
                 ]),
        StepSpec("id_check", "verify", "backstage", "", "Automatic ID document and face match",
                 employee=-0.8, employee_by=("grace", "oliver"),
                 employee_voices=[
                     (-1, "The vendor sends us pass or fail, no reason code, so we can't tell "
                          "customers what to fix."),
                 ]),
        StepSpec("rejected", "verify", "frontstage", "email",
                 "Email: \"we couldn't verify your identity\"",
                 lived=-2.9, assumed=-1, effort=4, taken_by=all_but("tom", "anon2"),
                 words=("anxious", "furious", "frustrated"),
                 voices=[
                     (-3, "\"We couldn't verify your identity.\" No reason, no number to call. I "
                          "thought I'd been flagged as a fraudster."),
                     (-3, "My salary was due in two weeks and suddenly I had no account. Panic."),
                     (-3, "It came at 11pm. I didn't sleep."),
                     (-3, "Nothing about what to do next except 'try again'. I'd already tried "
                          "four times."),
                     (-3, "I felt like a criminal for having a foreign passport."),
                     (-2, "At least it said my application was saved."),
                 ],
                 staff_voices=[
                     (-1, "Disappointing, but the email explains they can retry."),
                     (-1, "Nobody likes a rejection, though most people just retake the photo."),
                 ]),
        StepSpec("book_branch", "verify", "customer", "phone",
                 "Book an appointment at a branch", lived=-1.4, assumed=-0.5, effort=3.5,
                 taken_by=to_branch,
                 voices=[
                     (-2, "First slot was nine days away. My nearest branch opens three days a "
                          "week."),
                     (-1, "There was no 'ID check' option, so the man on the phone told me to "
                          "pick 'mortgage advice'."),
                     (-1, "Forty minutes on hold to book an appointment."),
                 ]),
        StepSpec("branch_visit", "verify", "frontstage", "store",
                 "Show your ID in person at a branch",
                 mot=True, lived=1.75, assumed=-1.5, effort=2, assumed_effort=3,
                 taken_by=to_branch, words=("relieved", "reassured", "happy"),
                 voices=[
                     (2, "Kemi at the branch sorted it in ten minutes and apologised for the "
                         "app. Best part of the whole thing."),
                     (2, "A real person looked at my passport and said 'that's fine'. Huge "
                         "relief."),
                     (1, "Quick, friendly, and she set up the app with me there and then."),
                     (2, "I expected a lecture and got a cup of tea."),
                 ],
                 staff_voices=[
                     (-2, "By the time they come in they've been rejected online, they're "
                          "usually fuming."),
                     (-1, "Having to come into a branch these days? They won't be happy."),
                 ]),
        StepSpec("kyc_review", "verify", "backstage", "",
                 "Onboarding team approves documents checked in branch",
                 employee=-2, employee_by=("oliver", "sanjay"),
                 employee_voices=[
                     (-2, "Branch scans land in a shared inbox. Three hundred in the queue on a "
                          "Monday and no note from the app about why they failed."),
                     (-2, "I ring onboarding to chase approval for the customer sitting in front "
                          "of me. There's no other way."),
                 ]),
        StepSpec("welcome", "setup", "frontstage", "email",
                 "Welcome email with account number and sort code",
                 mot=True, lived=2, assumed=1.5, effort=1, words=("relieved", "happy"),
                 voices=[
                     (2, "Sort code and account number straight away, so I could give them to "
                         "payroll the same day."),
                     (2, "Finally. Screenshot sent to HR."),
                     (1, "Plain and clear. Good."),
                     (3, "Honestly did a little dance."),
                 ]),
        StepSpec("card_produce", "setup", "support", "post",
                 "Card printing and posting by the card supplier",
                 employee=-1, employee_by=("hannah",),
                 employee_voices=[
                     (-1, "We can't see where a card is. When customers ring, all I can say is "
                          "'allow ten working days'."),
                 ]),
        StepSpec("card_wait", "setup", "customer", "post", "Wait for the debit card to arrive",
                 lived=-2, assumed=0.7, effort=3, assumed_effort=1.5,
                 words=("anxious", "frustrated", "bored"),
                 voices=[
                     (-2, "The app said three to five working days. It took eleven."),
                     (-2, "No tracking, no update. I checked the post every morning."),
                     (-3, "Had to borrow money from my flatmate for the Tube because I had no "
                          "card."),
                     (-1, "Arrived in a week, which was okay, but I needed it sooner."),
                     (-2, "Couldn't add it to Apple Pay until the plastic card came. Why?"),
                     (-2, "Rang to ask where it was and they just said wait."),
                 ],
                 staff_voices=[
                     (1, "Cards go out within a week, that's standard."),
                     (0, "A bit of a wait, but they know it's coming."),
                 ]),
        StepSpec("pin", "setup", "customer", "post", "Receive the PIN by separate letter",
                 lived=-0.6, assumed=0.4, effort=2,
                 voices=[
                     (-1, "PIN came two days after the card. Two letters, two waits."),
                     (0, "Fine, it came."),
                     (-1, "Why can't I just see the PIN in the app?"),
                     (1, "Came the same day as the card, happy."),
                 ]),
        StepSpec("first_login", "use", "customer", "app", "Log in to the app for the first time",
                 lived=1.8, assumed=1, effort=1.5, words=("happy", "confident", "satisfied"),
                 voices=[
                     (2, "The app itself is lovely. Face ID, done."),
                     (2, "Set up savings pots in two minutes."),
                     (1, "Had to re-enter things from the application, but then fine."),
                     (2, "Clean, fast, no adverts for loans. Good."),
                 ]),
        StepSpec("first_payment", "use", "customer", "store",
                 "See the first salary land and pay by card",
                 lived=2.4, assumed=1.3, effort=1, words=("happy", "delighted", "confident"),
                 voices=[
                     (2, "Salary landed on the Friday. Paid for dinner with the new card. That "
                         "felt like arriving."),
                     (3, "The spending notification popped up with the restaurant's logo. Small "
                         "thing, I loved it."),
                     (2, "Everything just worked from then on."),
                     (2, "I recommend it to friends now. I just warn them about the photo bit."),
                     (1, "Fine once it was going."),
                 ]),
    ]
    return Spec(
        slug="bank-current-account", seed=2202,
        title="Opening a current account online",
        persona="Priya, 29, just moved to Leeds for a new job",
        goal="Open a current account in time for her first salary at the end of the month",
        language="en", owner="Daniel Price (Head of Onboarding)", status="current",
        evidence="partly_researched",
        stages=[("choose", "Choose"), ("apply", "Apply"), ("verify", "Verify identity"),
                ("setup", "Get set up"), ("use", "First use")],
        steps=steps,
        transitions=[
            ("compare", "form", ""),
            ("form", "credit_check", ""),
            ("credit_check", "upload", ""),
            ("upload", "id_check", ""),
            ("id_check", "welcome", "if the ID photo is accepted"),
            ("id_check", "rejected", "if the ID photo is rejected"),
            ("rejected", "upload", "retake the photos in the app"),
            ("rejected", "book_branch", "after a second rejection"),
            ("book_branch", "branch_visit", ""),
            ("branch_visit", "kyc_review", ""),
            ("kyc_review", "welcome", ""),
            ("welcome", "card_produce", ""),
            ("card_produce", "card_wait", ""),
            ("card_wait", "pin", ""),
            ("pin", "first_login", ""),
            ("first_login", "first_payment", ""),
        ],
        facilitator=("megan", "Megan Doyle (CX lead)"),
        staff=[("hannah", "Hannah Wright (contact centre)"),
               ("oliver", "Oliver Bennett (onboarding operations)"),
               ("grace", "Grace Liu (mobile app)"),
               ("sanjay", "Sanjay Patel (branch adviser)")],
        customers=[("tom", "Tom H.", False), ("aisha", "Aisha K.", False),
                   ("marek", "Marek N.", False), ("chloe", "Chloe E.", False),
                   ("jamal", "Jamal O.", False), ("rosie", "Rosie C.", False),
                   ("ben", "Ben C.", False), ("ling", "Ling Z.", False),
                   ("anon1", "", True), ("anon2", "Workshop guest", True)],
        skips=[("rosie", "compare"), ("anon2", "compare")],
        story=Story(blind_spots=("upload", "card_wait"), peak="rejected", ending="positive",
                    pessimistic="branch_visit"),
        pain_points=[
            ("pp1", "jamal", "rejected", 3, "empathy", 8,
             "The rejection email gave no reason and no way to talk to a person. I felt accused."),
            ("pp2", "marek", "upload", 3, "time_and_effort", 6,
             "The ID photo step never says what's wrong (glare, framing, document type), so you "
             "just keep guessing."),
            ("pp3", "ling", "upload", 2, "expectations", 4,
             "My residence permit isn't on the list of accepted documents, and nothing tells you "
             "that before you start."),
            ("pp4", "tom", "card_wait", 2, "expectations", 6,
             "Card promised in 3 to 5 working days, took 11, with no tracking."),
            ("pp5", "aisha", "book_branch", 2, "time_and_effort", 3,
             "Nine days for a branch appointment just to show my passport."),
            ("pp6", "chloe", "pin", 1, "time_and_effort", 1,
             "PIN and card came in separate letters on different days."),
            ("pp7", "grace", "upload", 1, "time_and_effort", 1,
             "Some customers may need a second try at the photo if the lighting is bad."),
            ("pp8", "hannah", "rejected", 2, "empathy", 2,
             "A rejection can feel impersonal; the email could be warmer."),
            ("pp9", "sanjay", "branch_visit", 2, "time_and_effort", 0,
             "Customers resent having to come into a branch."),
            ("pp10", "oliver", "kyc_review", 3, "resolution", 5,
             "Branch scans land in a shared inbox without the reason the check failed, so every "
             "case starts from zero.", "employee"),
            ("pp11", "hannah", "card_produce", 2, "integrity", 4,
             "We can't see where a card is; all we can tell customers is 'allow ten working "
             "days'.", "employee"),
            ("pp12", "grace", "id_check", 2, "resolution", 3,
             "The ID vendor gives us pass or fail with no reason code, so the app can't tell "
             "people what to fix.", "employee"),
        ],
        highlights=[
            ("marek", "branch_visit", "Kemi at the branch sorted it in ten minutes."),
            ("tom", "welcome", "Account number straight away, so I could give it to payroll the "
                               "same day."),
            ("anon1", "first_login", "The app is genuinely nice to use."),
            ("rosie", "first_payment", "Spending notifications with the shop's logo."),
            ("sanjay", "branch_visit", "When customers come in we fix it on the spot and set up "
                                       "the app with them."),
            ("oliver", "credit_check", "The automated checks clear most UK applicants in seconds.",
             "employee"),
        ],
        proposals=[
            ("ling", "apply", "form", "Tell me which ID documents work before I start",
             "A checklist on the first page: which passports and permits the app accepts."),
            ("jamal", "setup", "card_produce", "Card tracking in the app",
             "Even just 'printed' and 'posted' would stop me checking the letterbox."),
        ],
        opportunities=[
            ("Give the rejection email a reason, a next step and a phone number",
             "Oliver Bennett", "2027-02-26", "in_progress", ["pp1", "pp12"]),
            ("Live glare and framing hints in the app, and the list of accepted documents up front",
             "Grace Liu", "2027-04-30", "open", ["pp2", "pp3"]),
            ("Card tracking and a virtual card on day one",
             "Hannah Wright", "2027-06-30", "open", ["pp4", "pp11"]),
        ],
    )


def online_return() -> Spec:
    """English: returning an online order (walking boots a size too small).

    Blind spots: the silent wait for the refund and the refund email that reveals a return
    fee.  Peak: the live-chat agent who can only say "another five working days".  Staff
    feared the returns form; customers found it easy.  The ending (a refund with a deduction
    nobody mentioned) is clearly negative.
    """
    chased = ("sarah", "eleanor", "callum", "yusuf", "mike", "zoe", "anon1", "anon2")
    printed = ("sarah", "eleanor", "mike", "zoe", "anon1")
    steps = [
        StepSpec("try_on", "decide", "customer", "", "Try the item on and decide to send it back",
                 lived=-0.8, assumed=-1, effort=1.5, words=("disappointed",),
                 voices=[
                     (-1, "Half a size too small. Gutted, I'd waited a week for them."),
                     (0, "These things happen with shoes."),
                     (-1, "Annoyed at myself for not checking the size guide."),
                     (-2, "Blisters after one walk round the house."),
                 ]),
        StepSpec("find_policy", "decide", "customer", "web", "Look up the returns policy",
                 lived=-0.6, assumed=0.5, effort=2.5, words=("confused",),
                 voices=[
                     (-1, "The returns page is three clicks deep in the FAQ."),
                     (0, "30 days, fine. Didn't notice anything about a fee."),
                     (-1, "It says 'free returns' on the banner and 'a return fee may apply' in "
                          "the small print."),
                     (1, "Clear enough once I found it."),
                 ]),
        StepSpec("return_form", "request", "customer", "web",
                 "Request a return in \"My orders\"",
                 lived=1.8, assumed=-1, effort=1.5, assumed_effort=3,
                 words=("relieved", "satisfied", "happy"),
                 voices=[
                     (2, "Two minutes. Pick the item, pick a reason, done."),
                     (2, "Genuinely easy. I was braced for a fight."),
                     (1, "Liked that I could choose 'too small' without writing an essay."),
                     (2, "Did it on my phone while the kettle boiled."),
                 ],
                 staff_voices=[
                     (-1, "The returns form is clunky, we've had complaints about it for years."),
                     (-2, "I'd expect people to struggle with the reason codes."),
                 ]),
        StepSpec("rma", "request", "backstage", "",
                 "System creates the return authorisation and the label",
                 employee=-0.8, employee_by=("tom",),
                 employee_voices=[
                     (-1, "The label service times out a few times a week, and then nobody gets "
                          "an email until someone restarts it."),
                 ]),
        StepSpec("label", "request", "frontstage", "email",
                 "Email with the return label and QR code",
                 lived=0.8, assumed=1.2, effort=1.5,
                 voices=[
                     (1, "Came instantly with a QR code, nice."),
                     (0, "The label was a PDF that wouldn't open properly on my phone."),
                     (1, "Clear instructions, two options."),
                     (-1, "Went to spam, found it a day later."),
                 ]),
        StepSpec("print_pack", "send", "customer", "", "Print the label and repack the parcel",
                 lived=-0.6, assumed=0, effort=3, taken_by=printed,
                 voices=[
                     (-1, "I don't own a printer. Went to the library, 20p a page."),
                     (0, "Reused the original box, easy."),
                     (-1, "Took three tries to tape the label on without covering the barcode."),
                 ]),
        StepSpec("drop_off", "send", "customer", "store",
                 "Drop the parcel at a post office or locker",
                 lived=0.7, assumed=0.5, effort=2,
                 voices=[
                     (1, "Locker at the supermarket: scanned the QR and it popped open. "
                         "Brilliant."),
                     (0, "Short queue at the post office."),
                     (1, "Got a receipt with a tracking number, which turned out to be useful."),
                     (-1, "The locker was full, had to try another one across town."),
                 ]),
        StepSpec("carrier", "send", "support", "post",
                 "Carrier takes the parcel to the returns warehouse",
                 employee=-0.8, employee_by=("fatima", "kieran"),
                 employee_voices=[
                     (-1, "Carrier scans reach us a day late, so we can't tell customers when "
                          "their parcel arrived."),
                 ]),
        StepSpec("warehouse", "wait", "backstage", "", "Warehouse receives and inspects the return",
                 employee=-2, employee_by=("fatima",),
                 employee_voices=[
                     (-2, "Returns pile up over the weekend. On a Monday we're five days behind "
                          "before we start."),
                 ]),
        StepSpec("refund_wait", "wait", "customer", "email", "Wait for the refund",
                 lived=-2.2, assumed=0.3, effort=3, assumed_effort=1.5,
                 words=("anxious", "frustrated", "bored"),
                 voices=[
                     (-2, "Twelve days of silence. Not one email."),
                     (-2, "Tracking said 'delivered to retailer' on the 3rd. Then nothing."),
                     (-3, "I'd paid by credit card and the bill was due. I was £89 out of "
                          "pocket."),
                     (-1, "It says 'up to 14 days' so I waited, grumbling."),
                     (-2, "Refreshed 'My orders' every day. Still 'return in progress'."),
                     (-2, "They took my money in seconds and took two weeks to give it back."),
                 ],
                 staff_voices=[
                     (1, "The policy says 14 days and most refunds go out within that."),
                     (0, "Customers know refunds take a little while."),
                 ]),
        StepSpec("chase", "wait", "customer", "chat", "Chase the refund in live chat",
                 lived=-1.8, assumed=-0.5, effort=4, taken_by=chased,
                 words=("frustrated", "bored"),
                 voices=[
                     (-2, "The chatbot sent me to the FAQ three times before it offered a human."),
                     (-2, "You have to type 'agent' in exactly the right way."),
                     (-1, "Waited 25 minutes in the chat queue with the tab open at work."),
                     (-2, "I'd already emailed twice. No reply."),
                 ]),
        StepSpec("chat_agent", "wait", "frontstage", "chat",
                 "Chat agent checks the return status",
                 mot=True, lived=-2.9, assumed=0.8, effort=4, assumed_effort=2, taken_by=chased,
                 words=("furious", "frustrated"),
                 employee=-2, employee_by=("kieran",),
                 voices=[
                     (-3, "He said 'please allow a further 5 working days'. A FURTHER five?"),
                     (-3, "Copy-pasted answers. When I asked a real question the chat 'ended due "
                          "to inactivity'."),
                     (-3, "Told me the warehouse had no record of my parcel. I sent the tracking "
                          "screenshot and they still said wait."),
                     (-3, "I asked for a manager and got a link to a survey."),
                     (-3, "By then I just wanted to dispute it with my bank."),
                     (-2, "She was polite and clearly as stuck as I was."),
                 ],
                 staff_voices=[
                     (1, "Our agents resolve most refund chats in one contact."),
                     (0, "It's a routine query, we can reassure them quickly."),
                 ],
                 employee_voices=[
                     (-2, "I can't see the warehouse queue, so all I can offer is 'another five "
                          "working days'. I hate saying it."),
                 ]),
        StepSpec("finance", "close", "backstage", "",
                 "Finance releases refunds in the twice-weekly batch",
                 employee=-1, employee_by=("nadia",),
                 employee_voices=[
                     (-1, "Refunds go out in a batch on Tuesdays and Fridays. Miss Friday and it's "
                          "Tuesday."),
                 ]),
        StepSpec("refund_email", "close", "frontstage", "email", "Refund confirmation email",
                 "The refund is sent to the original card; the email lists the amount.",
                 mot=True, lived=-2.2, assumed=2, effort=2, assumed_effort=1,
                 words=("disappointed", "frustrated"),
                 voices=[
                     (-2, "£84.05 refunded. The boots were £89. Turns out the 'free' returns cost "
                          "£4.95."),
                     (-3, "The fee wasn't mentioned anywhere I looked. That's what I'll remember."),
                     (-2, "Relieved to get the money, but the fee felt sneaky."),
                     (-1, "At least it came. Won't order shoes from them again though."),
                     (-2, "Nineteen days and a deduction. Not a great ending."),
                     (-3, "Charged me for a return caused by their own wrong size chart."),
                 ],
                 staff_voices=[
                     (2, "Money back, job done: that's the happy bit."),
                     (2, "The confirmation email is clear and friendly."),
                 ]),
    ]
    return Spec(
        slug="online-order-return", seed=3303,
        title="Returning an online order",
        persona="Jo, 41, ordered walking boots that turned out a size too small",
        goal="Send the boots back and get the money refunded before the credit card bill is due",
        language="en", owner="Laura Mills (Head of Customer Service)", status="current",
        evidence="researched",
        stages=[("decide", "Decide to return"), ("request", "Request the return"),
                ("send", "Send it back"), ("wait", "Wait for the refund"),
                ("close", "Refund")],
        steps=steps,
        transitions=[
            ("try_on", "find_policy", ""),
            ("find_policy", "return_form", ""),
            ("return_form", "rma", ""),
            ("rma", "label", ""),
            ("label", "print_pack", "if printing the label at home"),
            ("label", "drop_off", "if using the QR code at a drop-off point"),
            ("print_pack", "drop_off", ""),
            ("drop_off", "carrier", ""),
            ("carrier", "warehouse", ""),
            ("warehouse", "refund_wait", ""),
            ("refund_wait", "chase", "if nothing after 10 days"),
            ("refund_wait", "finance", "once the return is inspected"),
            ("chase", "chat_agent", ""),
            ("chat_agent", "refund_wait", "told to wait 5 more working days"),
            ("finance", "refund_email", ""),
        ],
        facilitator=("chris", "Chris Lowe (service designer)"),
        staff=[("kieran", "Kieran Walsh (live chat)"),
               ("fatima", "Fatima Begum (returns warehouse)"),
               ("tom", "Tom Archer (web team)"),
               ("nadia", "Nadia Rossi (finance)")],
        customers=[("sarah", "Sarah M.", False), ("dev", "Dev S.", False),
                   ("eleanor", "Eleanor P.", False), ("callum", "Callum R.", False),
                   ("yusuf", "Yusuf A.", False), ("priti", "Priti D.", False),
                   ("mike", "Mike O.", False), ("zoe", "Zoe T.", False),
                   ("anon1", "", True), ("anon2", "Guest 9", True)],
        skips=[("dev", "find_policy"), ("anon2", "try_on")],
        story=Story(blind_spots=("refund_wait", "chat_agent", "refund_email"),
                    peak="chat_agent", ending="negative", pessimistic="return_form"),
        pain_points=[
            ("pp1", "yusuf", "chat_agent", 3, "resolution", 8,
             "The chat agent could only tell me to wait another five days. Nobody could "
             "actually find my parcel."),
            ("pp2", "sarah", "refund_wait", 3, "expectations", 7,
             "Twelve days of silence after the parcel was delivered to you. Not one email."),
            ("pp3", "eleanor", "refund_email", 2, "integrity", 7,
             "'Free returns' on the banner, £4.95 taken off the refund."),
            ("pp4", "callum", "chase", 2, "time_and_effort", 4,
             "The chatbot sends you round the FAQ before you can reach a person."),
            ("pp5", "zoe", "print_pack", 1, "time_and_effort", 2,
             "You need a printer for the label unless you spot the QR option."),
            ("pp6", "kieran", "refund_wait", 2, "expectations", 2,
             "Some customers might get impatient towards the end of the 14 days."),
            ("pp7", "tom", "return_form", 2, "time_and_effort", 1,
             "The returns form is clunky and the reason codes are confusing."),
            ("pp8", "nadia", "refund_email", 1, "integrity", 1,
             "A few customers query the return fee."),
            ("pp9", "kieran", "chat_agent", 3, "resolution", 6,
             "I can't see the warehouse queue, so all I can offer is 'another five working "
             "days'.", "employee"),
            ("pp10", "fatima", "warehouse", 3, "time_and_effort", 5,
             "After every weekend we start five days behind, and there's no extra staff on "
             "Mondays.", "employee"),
            ("pp11", "nadia", "finance", 2, "time_and_effort", 3,
             "Refunds only go out in the Tuesday and Friday batches.", "employee"),
        ],
        highlights=[
            ("dev", "return_form", "Two minutes to request the return on my phone."),
            ("mike", "drop_off", "The supermarket locker with the QR code was brilliant."),
            ("anon2", "label", "The label arrived instantly, with a QR code."),
            ("priti", "drop_off", "The drop-off receipt had a tracking number I could show them."),
            ("tom", "label", "The QR code option means nobody needs a printer."),
            ("fatima", "carrier", "Since the lockers came in, parcels arrive better packed.",
             "employee"),
        ],
        proposals=[
            ("priti", "wait", "warehouse", "Email me when the warehouse receives my parcel",
             "One email would have saved me two chats."),
            ("callum", "decide", "find_policy", "Show the return fee before I buy",
             "Put it next to the price, not in the FAQ."),
        ],
        opportunities=[
            ("\"We've got your parcel\" email at the warehouse scan, with the refund date",
             "Fatima Begum", "2027-01-29", "in_progress", ["pp2", "pp10"]),
            ("Show chat agents the warehouse queue and let them refund on the carrier scan",
             "Kieran Walsh", "2027-03-31", "open", ["pp1", "pp9", "pp4"]),
            ("State the return fee on the product page; waive it when the size chart was wrong",
             "Laura Mills", "2027-02-28", "open", ["pp3", "pp8"]),
        ],
    )


def clinic_checkup() -> Spec:
    """Italian: booking and attending a yearly check-up at a private clinic.

    Blind spots: the front desk (the same data and privacy forms all over again) and the
    waiting room.  Peak: the waiting room, fasting, an hour past the appointment.  Staff feared
    the phone booking; customers liked it.  The ending (the doctor phones to explain the
    results) is clearly positive and rescues the memory.
    """
    steps = [
        StepSpec("cerca", "prenotazione", "customer", "web",
                 "Cerca la clinica e il pacchetto check-up sul sito",
                 lived=0.5, assumed=1, effort=2, words=("curious", "confused"),
                 voices=[
                     (1, "Il pacchetto check-up con i prezzi chiari, cosa rara."),
                     (0, "Tanti pacchetti, non capivo la differenza tra 'base' e 'completo'."),
                     (1, "Mi hanno convinto le recensioni."),
                     (-1, "Prenotazione online niente, solo un numero di telefono."),
                 ]),
        StepSpec("prenota_tel", "prenotazione", "frontstage", "phone",
                 "Prenota al telefono con il centro prenotazioni",
                 lived=1.4, assumed=-1.2, effort=2, assumed_effort=3.5,
                 words=("reassured", "satisfied", "happy"),
                 voices=[
                     (2, "La signora al telefono mi ha trovato un posto il sabato mattina. "
                         "Gentilissima."),
                     (1, "Un po' di attesa, ma poi in tre minuti era fatto."),
                     (2, "Mi ha spiegato già al telefono il digiuno e cosa portare. Precisa."),
                     (1, "Mi ha chiamato per nome e si ricordava della visita dell'anno scorso."),
                     (0, "Dieci minuti di centralino, poi però tutto bene."),
                 ],
                 staff_voices=[
                     (-1, "Con dieci minuti di attesa al centralino arrivano già irritati."),
                     (-2, "Al telefono si lamentano sempre che non rispondiamo."),
                 ]),
        StepSpec("agenda", "prenotazione", "backstage", "",
                 "Gestione dell'agenda di medici e ambulatori",
                 employee=-1.5, employee_by=("silvia", "federica"),
                 employee_voices=[
                     (-2, "L'agenda è in overbooking per coprire chi non si presenta: se vengono "
                          "tutti, il ritardo è garantito."),
                     (-1, "Ogni medico ha la sua agenda su un foglio diverso, le allineiamo a "
                          "mano."),
                 ]),
        StepSpec("conferma", "preparazione", "frontstage", "email",
                 "Email di conferma con le istruzioni per il digiuno",
                 lived=0.6, assumed=1, effort=1.5,
                 voices=[
                     (1, "Istruzioni chiare, con l'elenco dei documenti da portare."),
                     (0, "Lunga, ma c'era tutto."),
                     (-1, "Diceva 'portare gli esami precedenti'. Quali? Di quanti anni?"),
                     (1, "C'erano indirizzo e parcheggio convenzionato. Utile."),
                 ]),
        StepSpec("promemoria", "preparazione", "frontstage", "sms",
                 "SMS di promemoria il giorno prima",
                 lived=1, assumed=1, effort=1,
                 voices=[
                     (1, "Utile, me n'ero quasi dimenticato.", "m"),
                     (1, "Breve e chiaro."),
                     (0, "Ok."),
                 ]),
        StepSpec("digiuno", "preparazione", "customer", "",
                 "Si presenta a digiuno con documenti ed esami precedenti",
                 lived=-0.6, assumed=-0.5, effort=2.5,
                 voices=[
                     (-1, "Senza caffè alle sette di mattina non sono una persona."),
                     (0, "Niente di che, lo sapevo."),
                     (-1, "Ho dovuto cercare in cantina gli esami di tre anni fa."),
                 ]),
        StepSpec("arrivo", "accettazione", "customer", "in person",
                 "Arriva e prende il numero per l'accettazione",
                 lived=-0.9, assumed=0, effort=2.5, words=("confused",),
                 voices=[
                     (-1, "Il parcheggio convenzionato era pieno."),
                     (-1, "Numero 47, sul display c'era il 31."),
                     (0, "Ingresso pulito e accogliente."),
                     (-2, "Tre code diverse, nessun cartello e nessuno a dirti dove andare."),
                 ]),
        StepSpec("accettazione", "accettazione", "frontstage", "in person",
                 "Accettazione allo sportello: documenti, privacy e pagamento",
                 mot=True, lived=-2, assumed=1, effort=3.5, assumed_effort=1.5,
                 words=("frustrated", "bored", "disappointed"),
                 employee=-1.5, employee_by=("silvia",),
                 voices=[
                     (-2, "Sei fogli di privacy da firmare, gli stessi dell'anno scorso."),
                     (-2, "Il codice fiscale me l'hanno chiesto tre volte: al telefono, "
                          "nell'email e allo sportello."),
                     (-3, "Il POS non funzionava e sono dovuta uscire a prelevare. A digiuno.",
                      "f"),
                     (-1, "La ragazza era gentile, ma il sistema lentissimo."),
                     (-2, "Dieci minuti allo sportello per dati che avevano già."),
                     (-2, "Mi hanno fatto pagare prima ancora di sapere quando sarei entrato.",
                      "m"),
                 ],
                 staff_voices=[
                     (1, "Allo sportello siamo veloci, i pazienti sono già registrati."),
                     (2, "L'accettazione è la parte più semplice: due firme e si paga."),
                 ],
                 employee_voices=[
                     (-2, "Il gestionale non importa i dati della prenotazione, li ridigitiamo "
                          "tutti. E il POS si blocca due volte a settimana."),
                 ]),
        StepSpec("sala_attesa", "accettazione", "customer", "in person",
                 "Attende in sala d'attesa",
                 lived=-2.85, assumed=-0.3, effort=3.5, assumed_effort=2,
                 words=("anxious", "bored", "furious", "frustrated"),
                 voices=[
                     (-3, "Cinquanta minuti oltre l'orario, a digiuno, e nessuno che dicesse "
                          "niente."),
                     (-3, "Convocato alle 8:00, entrato alle 9:10. Nel frattempo ho perso una "
                          "riunione.", "m"),
                     (-3, "Sala piena, una sedia libera in corridoio. E avevo preso un giorno di "
                          "ferie apposta."),
                     (-3, "Ho chiesto due volte quanto mancava. 'Poco'. Poco quanto?"),
                     (-3, "Digiuno dalla sera prima, mi girava la testa."),
                     (1, "Sono entrata quasi puntuale, sarò stata fortunata.", "f"),
                 ],
                 staff_voices=[
                     (0, "Qualche minuto di ritardo lo mettono in conto."),
                     (-1, "Un po' di attesa c'è, ma la sala è comoda e c'è il wifi."),
                 ]),
        StepSpec("prelievo", "visita", "frontstage", "in person",
                 "Prelievo del sangue e parametri vitali",
                 lived=1, assumed=0.5, effort=1.5, words=("reassured", "relieved"),
                 voices=[
                     (2, "L'infermiera bravissima, non ho sentito niente."),
                     (1, "Veloce, e subito dopo un cornetto e un caffè."),
                     (0, "Normale amministrazione."),
                     (1, "Mi hanno tranquillizzata, ho paura degli aghi.", "f"),
                 ]),
        StepSpec("visita_med", "visita", "frontstage", "in person", "Visita con il medico",
                 mot=True, lived=2, assumed=1.3, effort=1.5,
                 words=("reassured", "confident", "happy"),
                 voices=[
                     (2, "Il dottore mi ha ascoltato senza guardare l'orologio. Con tutto il "
                         "ritardo, non me l'aspettavo."),
                     (2, "Mi ha spiegato ogni cosa con calma, anche il perché degli esami."),
                     (1, "Bravo, un po' frettoloso alla fine."),
                     (2, "Si è scusato per l'attesa e mi ha dedicato tutto il tempo che serviva."),
                     (2, "Finalmente un medico che ti guarda in faccia."),
                 ]),
        StepSpec("eco", "visita", "frontstage", "in person",
                 "Ecografia aggiuntiva nella stessa mattina",
                 lived=1, assumed=0, effort=2,
                 taken_by=("franco", "enrico", "patrizia", "carlo"),
                 voices=[
                     (1, "Me l'hanno fatta subito, senza un'altra prenotazione. Comodo."),
                     (2, "Altrove avrei aspettato un mese."),
                     (-1, "Altri venti minuti di attesa e un supplemento che nessuno mi aveva "
                          "detto."),
                 ]),
        StepSpec("laboratorio", "visita", "support", "",
                 "Analisi nel laboratorio esterno convenzionato",
                 employee=-1, employee_by=("andrea",),
                 employee_voices=[
                     (-1, "I campioni partono per il laboratorio solo alle 11: chi fa il prelievo "
                          "alle 8 aspetta un giorno in più."),
                 ]),
        StepSpec("firma", "referto", "backstage", "", "Il medico firma e pubblica il referto",
                 employee=-1.5, employee_by=("andrea", "luca"),
                 employee_voices=[
                     (-2, "Firmo quaranta referti a fine giornata, e la firma digitale va rifatta "
                          "ogni dieci."),
                     (-1, "Il portale pubblica i referti solo di notte: se il medico firma alle "
                          "20, escono il giorno dopo."),
                 ]),
        StepSpec("portale", "referto", "customer", "web", "Scarica il referto dal portale",
                 lived=0.2, assumed=1.3, effort=2.5,
                 voices=[
                     (1, "Referto online dopo tre giorni, password via SMS. Comodo."),
                     (-1, "Il portale voleva una password diversa da quella della prenotazione."),
                     (0, "Un PDF di dieci pagine pieno di sigle."),
                     (1, "L'ho scaricato dal telefono in un minuto."),
                 ]),
        StepSpec("segreteria", "referto", "customer", "phone",
                 "Chiama la segreteria perché il referto non è online",
                 lived=-1.5, assumed=-0.5, effort=3.5,
                 taken_by=("maria", "simona", "gianni", "anon1"),
                 voices=[
                     (-2, "Dopo una settimana ancora niente online. Al telefono: 'Deve firmare "
                          "il dottore'."),
                     (-1, "Mi hanno detto di riprovare il giorno dopo. C'era."),
                     (-2, "Nessuno sapeva dirmi dove fosse finito."),
                 ]),
        StepSpec("colloquio", "referto", "frontstage", "phone",
                 "Il medico richiama per spiegare i risultati",
                 mot=True, lived=2.5, assumed=1, effort=1,
                 words=("reassured", "relieved", "delighted", "happy"),
                 voices=[
                     (2, "Il dottore mi ha richiamato di persona per spiegarmi il colesterolo. "
                         "Non mi era mai successo."),
                     (3, "Dieci minuti al telefono e tutto chiaro. Mi ha tolto un peso."),
                     (2, "Mi ha detto cosa cambiare e quando rifare gli esami. Concreto."),
                     (2, "Ho chiuso pensando: l'anno prossimo torno, nonostante l'attesa."),
                     (2, "Una telefonata che vale più di tutto il resto."),
                 ],
                 staff_voices=[
                     (1, "La telefonata del medico la apprezzano, credo."),
                     (0, "Alcuni preferirebbero leggere solo il referto."),
                 ]),
    ]
    return Spec(
        slug="check-up-clinica-privata", seed=4404,
        title="Check-up annuale in una clinica privata",
        persona="Giovanni, 56 anni, dirigente con poco tempo e un po' d'ansia per gli esami",
        goal="Fare il check-up in una mattina sola e sapere presto se va tutto bene",
        language="it", owner="Laura Fontana (Direzione Sanitaria)", status="current",
        evidence="partly_researched",
        stages=[("prenotazione", "Prenotazione"), ("preparazione", "Preparazione"),
                ("accettazione", "Accettazione e attesa"), ("visita", "Visita ed esami"),
                ("referto", "Referto")],
        steps=steps,
        transitions=[
            ("cerca", "prenota_tel", ""),
            ("prenota_tel", "agenda", ""),
            ("agenda", "conferma", ""),
            ("conferma", "promemoria", ""),
            ("promemoria", "digiuno", ""),
            ("digiuno", "arrivo", ""),
            ("arrivo", "accettazione", ""),
            ("accettazione", "sala_attesa", ""),
            ("sala_attesa", "prelievo", ""),
            ("prelievo", "visita_med", ""),
            ("visita_med", "eco", "se il medico chiede un'ecografia"),
            ("visita_med", "laboratorio", "se non servono altri esami"),
            ("eco", "laboratorio", ""),
            ("laboratorio", "firma", ""),
            ("firma", "portale", ""),
            ("portale", "segreteria", "se il referto non è ancora online"),
            ("portale", "colloquio", "quando il referto è pronto"),
            ("segreteria", "portale", "riprova dopo qualche giorno"),
        ],
        facilitator=("chiara", "Chiara De Santis (facilitatrice)"),
        staff=[("silvia", "Silvia Moretti (accettazione)"),
               ("andrea", "Andrea Lombardi (medico internista)"),
               ("federica", "Federica Bruno (centro prenotazioni)"),
               ("luca", "Luca Marini (sistemi informativi)")],
        customers=[("maria", "Maria R.", False), ("franco", "Franco G.", False),
                   ("alessandra", "Alessandra R.", False), ("enrico", "Enrico L.", False),
                   ("simona", "Simona C.", False), ("carlo", "Carlo F.", False),
                   ("patrizia", "Patrizia M.", False), ("gianni", "Gianni V.", False),
                   ("anon1", "", True), ("anon2", "Paziente", True)],
        skips=[("enrico", "promemoria"), ("anon2", "cerca"), ("carlo", "portale")],
        genders={"maria": "f", "franco": "m", "alessandra": "f", "enrico": "m", "simona": "f",
                 "carlo": "m", "patrizia": "f", "gianni": "m"},
        story=Story(blind_spots=("accettazione", "sala_attesa"), peak="sala_attesa",
                    ending="positive", pessimistic="prenota_tel"),
        pain_points=[
            ("pp1", "franco", "sala_attesa", 3, "time_and_effort", 8,
             "Più di un'ora di ritardo sull'orario, a digiuno, senza che nessuno ci avvisasse."),
            ("pp2", "alessandra", "accettazione", 3, "personalisation", 6,
             "Allo sportello mi hanno chiesto di nuovo tutti i dati già dati al telefono, più sei "
             "fogli di privacy."),
            ("pp3", "patrizia", "accettazione", 2, "integrity", 3,
             "POS guasto: sono dovuta uscire a prelevare."),
            ("pp4", "simona", "segreteria", 2, "expectations", 4,
             "Referto promesso in tre giorni: dopo una settimana ancora niente, e nessuno sapeva "
             "perché."),
            ("pp5", "carlo", "eco", 1, "integrity", 2,
             "Il supplemento per l'ecografia nessuno me l'aveva detto prima."),
            ("pp6", "federica", "sala_attesa", 2, "time_and_effort", 3,
             "Nelle mattine piene i pazienti possono aspettare un po' più del previsto."),
            ("pp7", "federica", "prenota_tel", 2, "time_and_effort", 1,
             "L'attesa al centralino irrita i pazienti prima ancora di prenotare."),
            ("pp8", "silvia", "accettazione", 3, "time_and_effort", 5,
             "Il gestionale non importa i dati della prenotazione: li ridigitiamo tutti, con la "
             "coda davanti.", "employee"),
            ("pp9", "andrea", "firma", 2, "time_and_effort", 3,
             "La firma digitale va rifatta ogni dieci referti, e i referti escono solo il giorno "
             "dopo.", "employee"),
            ("pp10", "silvia", "agenda", 2, "expectations", 4,
             "L'overbooking per coprire le assenze rende i ritardi inevitabili quando vengono "
             "tutti.", "employee"),
        ],
        highlights=[
            ("maria", "visita_med", "Il medico mi ha ascoltato senza fretta, nonostante il "
                                    "ritardo."),
            ("gianni", "colloquio", "La telefonata del medico per spiegarmi gli esami."),
            ("anon2", "prelievo", "L'infermiera del prelievo, bravissima e gentile."),
            ("enrico", "eco", "Ecografia fatta la mattina stessa, senza un'altra prenotazione."),
            ("federica", "prenota_tel", "Al telefono riusciamo quasi sempre a trovare un posto "
                                        "in settimana."),
            ("andrea", "colloquio", "Richiamare i pazienti per spiegare i risultati è la parte "
                                    "del lavoro che preferisco.", "employee"),
        ],
        proposals=[
            ("franco", "accettazione", "sala_attesa", "Un SMS quando il medico è in ritardo",
             "Se il ritardo è di un'ora, avvisatemi: arrivo dopo o faccio colazione."),
            ("alessandra", "accettazione", "arrivo", "Accettazione online il giorno prima",
             "Documenti, privacy e pagamento da casa; allo sportello solo per il braccialetto."),
        ],
        opportunities=[
            ("SMS per i ritardi oltre i 20 minuti e niente overbooking nelle prime ore",
             "Federica Bruno", "2027-03-15", "open", ["pp1", "pp6", "pp10"]),
            ("Pre-accettazione online: dati e privacy compilati una volta sola",
             "Luca Marini", "2027-05-31", "in_progress", ["pp2", "pp8"]),
        ],
    )


if __name__ == "__main__":
    sys.exit(main())
