"""The browser tests' small journey, in English or Italian from one source: a broadband fault
in two stages and five steps (three the customer rates, one frontstage, one backstage)."""

from __future__ import annotations

from journeymap.domain.model import Journey, Stage, Step

#: language -> (title, goal, stage names, step titles s1..s5)
WORDS = {
    "en": ("Broadband repair", "Back online", ("Notice", "Get help"),
           ("Connection drops", "Check the status page", "Call support",
            "Agent runs a line test", "Ticket routed to the field team")),
    "it": ("Guasto internet", "Tornare online", ("Accorgersi", "Chiedere aiuto"),
           ("La connessione cade", "Controlla la pagina di stato", "Chiama l'assistenza",
            "L'operatore fa un test di linea", "Ticket al tecnico")),
}
STEPS = (("s1", "notice", "customer"), ("s2", "notice", "customer"), ("s3", "help", "customer"),
         ("s4", "help", "frontstage"), ("s5", "help", "backstage"))


def broadband(language: str = "en") -> Journey:
    title, goal, (notice, help_), titles = WORDS[language]
    j = Journey(title=title, persona="Sam", goal=goal, language=language)
    j.add_stage(Stage("notice", notice))
    j.add_stage(Stage("help", help_))
    for (key, stage, lane), step_title in zip(STEPS, titles):
        j.add_step(Step(key=key, stage=stage, title=step_title, lane=lane))
    return j


def customer_steps(*titles: str) -> Journey:
    """The English broadband journey with only customer steps titled ``titles`` (keys s1,
    s2, …; the first two under Notice, the rest under Get help): a sheet every step of which
    a customer rates."""
    j = Journey(title="Broadband repair", persona="Sam", goal="Back online", language="en")
    j.add_stage(Stage("notice", "Notice"))
    j.add_stage(Stage("help", "Get help"))
    for i, step_title in enumerate(titles):
        j.add_step(Step(key=f"s{i + 1}", stage="notice" if i < 2 else "help",
                        title=step_title, lane="customer"))
    return j
