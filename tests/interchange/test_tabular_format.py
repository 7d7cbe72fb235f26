"""CSV and Excel: the workshop template in, JSON-free tables out."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from interchange_strategies import journeys, refused

from journeymap.domain.errors import ImportRefused
from journeymap.domain.graph import JourneyGraph
from journeymap.domain.model import (
    Journey,
    Lane,
    PainPoint,
    Participant,
    Rating,
    Role,
    Stage,
    Step,
)
from journeymap.i18n import t
from journeymap.interchange import tabular
from journeymap.interchange.native import MAX_FILE_BYTES


def zip_of(files: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, text in files.items():
            zf.writestr(name, text)
    return out.getvalue()


def tables_of(data: bytes) -> dict[str, str]:
    zf = zipfile.ZipFile(io.BytesIO(data))
    return {n: zf.read(n).decode("utf-8-sig") for n in zf.namelist()}


STAGES = "id,name\ndiscover,Discover\nfix,Get it fixed\n"
STEPS = ("id,stage,title,lane,channel,description,moment_of_truth\n"
         "s1,discover,Notice the outage,customer,,,\n"
         "s2,discover,Call the hotline,Customer action,Phone,\"Waits, then talks\",yes\n"
         "s3,fix,Technician visit,front office,store,,\n"
         "s4,fix,Order the part,Retroscena,,,no\n")
TRANSITIONS = "from,to,label\ns1,s2,\ns2,s3,if the line is dead\ns3,s3,comes back again\n"


def test_a_zip_of_csv_files_imports_as_the_map():
    notes: list[str] = []
    data = zip_of({"journey.csv": "title,persona,goal,language\nRouter,Sam,Online,en\n",
                   "stages.csv": STAGES, "steps.csv": STEPS, "transitions.csv": TRANSITIONS})
    j, notes = tabular.load(data, "router.zip")
    assert (j.title, j.persona, j.goal, j.language) == ("Router", "Sam", "Online", "en")
    assert [(s.key, s.name) for s in j.stages] == [("discover", "Discover"),
                                                   ("fix", "Get it fixed")]
    assert [(s.key, s.stage, s.lane, s.channel, s.moment_of_truth) for s in j.steps] == [
        ("s1", "discover", Lane.CUSTOMER, "", False),
        ("s2", "discover", Lane.CUSTOMER, "phone", True),
        ("s3", "fix", Lane.FRONTSTAGE, "store", False),
        ("s4", "fix", Lane.BACKSTAGE, "", False)]
    assert j.steps[1].description == "Waits, then talks"
    assert [(t.source, t.target, t.label) for t in j.transitions][1] == (
        "s2", "s3", "if the line is dead")
    assert j.source == {"format": "csv", "file": "router.zip"}


def test_italian_headers_and_table_names_are_read_too():
    data = zip_of({
        "percorso.csv": "titolo;persona;obiettivo;lingua\nGuasto;Sara;Linea;it\n",
        "fasi.csv": "codice;nome\nscoperta;Scoperta\n",
        "passi.csv": "codice;fase;titolo;corsia;canale;descrizione;momento della verità\n"
                     "p1;scoperta;Nota il guasto;Azione del cliente;;;sì\n"
                     "p2;Scoperta;Chiama;Front office;telefono;;\n",
        "transizioni.csv": "da;a;etichetta\np1;p2;\n"})
    j, _ = tabular.load(data, "guasto.zip")
    assert (j.title, j.language) == ("Guasto", "it")
    assert [(s.key, s.stage, s.lane, s.moment_of_truth) for s in j.steps] == [
        ("p1", "scoperta", Lane.CUSTOMER, True), ("p2", "scoperta", Lane.FRONTSTAGE, False)]


def test_a_single_steps_csv_derives_the_stages_from_its_stage_column():
    notes: list[str] = []
    csv = ("stage,title,lane\nScoperta,Vede la pubblicità,\nAcquisto,Paga,\n"
           "Scoperta,Chiede a un amico,\n")
    j, notes = tabular.load(csv.encode(), "steps.csv", language="it")
    assert [(s.key, s.name) for s in j.stages] == [("scoperta", "Scoperta"),
                                                   ("acquisto", "Acquisto")]
    assert [(s.key, s.stage) for s in j.steps] == [("s1", "scoperta"), ("s2", "acquisto"),
                                                   ("s3", "scoperta")]
    assert j.title == "steps" and j.language == "it"
    assert any("stages derived" in n for n in notes)


def test_errors_name_the_file_row_and_column():
    steps = STEPS + "s5,pay,Pay the bill,customer,,,\n"
    problems = refused(tabular.load, zip_of({"stages.csv": STAGES, "steps.csv": steps}),
                       "router.zip")
    assert problems == ["steps.csv row 6, column 'stage': no stage 'pay' in this journey"]


def test_every_problem_is_reported_at_once_with_its_place():
    steps = ("id,fase,title,lane,moment_of_truth\n"
             "s1,discover,Notice,customer,\n"
             "s1,discover,Twice,customer,\n"
             "s3,discover,,customer,\n"
             "s4,discover,Roof,attic,\n"
             "s5,discover,Maybe,customer,perhaps\n")
    problems = refused(tabular.load, zip_of({
        "stages.csv": STAGES, "steps.csv": steps,
        "transitions.csv": "from,to\ns1,s9\n,s1\n"}), "router.zip")
    assert problems == [
        "steps.csv row 3, column 'id': the step id 's1' is used twice",
        "steps.csv row 4, column 'title': title must not be empty",
        "steps.csv row 5, column 'lane': 'attic' is not a lane; use one of: customer "
        "(Customer action), frontstage (Frontstage), backstage (Backstage), support "
        "(Support process)",
        "steps.csv row 6, column 'moment_of_truth': 'perhaps' is not yes or no (leave it "
        "empty for no)",
        "transitions.csv row 2, column 'to': no step 's9' in this journey",
        "transitions.csv row 3, column 'from': missing (required)",
    ]


def test_missing_columns_and_tables_are_named():
    assert refused(tabular.load, zip_of({"steps.csv": "id,name\ns1,x\n"}), "a.zip") == [
        "steps.csv: no column 'stage' (expected columns: id, stage, title, lane, channel, "
        "description, moment of truth)",
        "steps.csv: no column 'title' (expected columns: id, stage, title, lane, channel, "
        "description, moment of truth)"]
    assert refused(tabular.load, zip_of({"stages.csv": STAGES}), "a.zip") == [
        "a.zip: no steps table (a sheet or file named steps, or passi)"]
    assert refused(tabular.load, zip_of({"readme.txt": "hi"}), "a.zip") == [
        "a.zip: the zip holds no CSV file (expected stages.csv, steps.csv, transitions.csv)"]


def test_a_workbook_names_the_sheet_row_and_column():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "stages"
    ws.append(["id", "name"])
    ws.append(["a", "Arrive"])
    ws2 = wb.create_sheet("steps")
    ws2.append(["id", "stage", "title"])
    ws2.append(["s1", "a", "Walk in"])
    ws2.append([None, None, None])
    ws2.append([2, "b", "Sit"])
    out = io.BytesIO()
    wb.save(out)
    assert refused(tabular.load, out.getvalue(), "map.xlsx") == [
        "sheet 'steps' row 4, column 'stage': no stage 'b' in this journey"]


def test_the_blank_templates_import_to_an_empty_map_error_and_fill_in_as_expected():
    for lang in ("en", "it"):
        data = tabular.template_xlsx(lang)
        wb = openpyxl.load_workbook(io.BytesIO(data))
        steps = wb[{"en": "steps", "it": "passi"}[lang]]
        assert [c.value for c in steps[1]][:3] == {
            "en": ["id", "stage", "title"], "it": ["codice", "fase", "titolo"]}[lang]
        assert steps.data_validations.dataValidation, "the lane column offers a list"
        stages = wb[{"en": "stages", "it": "fasi"}[lang]]
        stages.append(["d", "Discover"])
        steps.append(["s1", "d", "Look around", {"en": "Frontstage", "it": "Front office"}[lang]])
        out = io.BytesIO()
        wb.save(out)
        j, notes = tabular.load(out.getvalue(), f"template-{lang}.xlsx")
        assert [(s.key, s.lane) for s in j.steps] == [("s1", Lane.FRONTSTAGE)]
        assert j.language == lang
        assert refused(tabular.load, data, "blank.xlsx") == [
            f"sheet '{stages.title}': no stages (one row per stage: id, name)",
            f"sheet '{steps.title}': no steps (one row per step: id, stage, title, lane...)"]
    files = tables_of(tabular.template_csv("it"))
    assert files["passi.csv"].startswith("codice,fase,titolo,corsia,canale,descrizione,"
                                         "momento della verità")


def workshop() -> Journey:
    j = Journey(title="Conto", language="it", stages=[Stage("a", "Apertura")])
    j.add_step(Step("s1", "a", "=HYPERLINK(\"http://x\")", channel="web"))
    j.add_step(Step("s2", "a", "Firma", lane=Lane.BACKSTAGE, moment_of_truth=True))
    j.add_participant(Participant("c1", "Segreto", Role.CUSTOMER, anonymous=True))
    j.add_participant(Participant("c2", "Lia", Role.CUSTOMER))
    j.add_participant(Participant("x1", "Ugo", Role.STAFF))
    j.add_rating(Rating("c1", "s1", -2.5, effort=4, success="no", comment="-lento"))
    j.add_rating(Rating("c2", "s1", 1))
    j.add_rating(Rating("x1", "s1", 2))
    j.add_pain_point(PainPoint("c1", "s1", "Troppi campi", pillar="time_and_effort",
                               key="pp1"))
    return j


def test_export_writes_every_table_in_the_workshops_language_without_anonymous_names():
    files = tables_of(tabular.to_csv_zip(workshop()))
    assert {"percorso.csv", "fasi.csv", "passi.csv", "transizioni.csv", "partecipanti.csv",
            "valutazioni.csv", "punti_dolenti.csv", "opportunita.csv"} <= set(files)
    assert "Segreto" not in "".join(files.values())
    assert files["partecipanti.csv"].splitlines()[1] == "c1,,Cliente,Sì"
    assert files["valutazioni.csv"].splitlines()[1] == "c1,s1,Vissuto,-2.5,,4,No,'-lento"
    assert files["passi.csv"].splitlines()[1].startswith(
        's1,a,"\'=HYPERLINK(""http://x"")",Azione del cliente,web')
    assert "Tempo e fatica" in files["punti_dolenti.csv"]


def test_export_includes_the_comparison_table_from_the_analysis():
    files = tables_of(tabular.to_csv_zip(workshop()))
    assert "confronto.csv" in files
    header = files["confronto.csv"].splitlines()[0].split(",")
    assert header[0] == t("analysis.col.step", "it")
    assert "mean_lived" not in header and t("analysis.col.mean_lived", "it") in header


def test_an_analysis_that_fails_stops_the_export_instead_of_leaving_the_table_out(
        monkeypatch):
    import journeymap.analysis as analysis

    def broken(frames, name, *args, **kwargs):
        raise RuntimeError("the comparison broke")

    monkeypatch.setattr(analysis, "table", broken)
    with pytest.raises(RuntimeError, match="the comparison broke"):
        tabular.to_csv_zip(workshop())


def test_a_workbook_export_keeps_formula_like_text_as_text():
    wb = openpyxl.load_workbook(io.BytesIO(tabular.to_xlsx(workshop())))
    cell = wb["passi"]["C2"]
    assert cell.value == "=HYPERLINK(\"http://x\")" and cell.data_type == "s"


@given(journeys())
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_an_exported_map_imports_back_as_the_same_map(j):
    for data, name in ((tabular.to_csv_zip(j), "x.zip"), (tabular.to_xlsx(j), "x.xlsx")):
        back, _ = tabular.load(data, name)
        assert (back.title, back.persona, back.goal, back.language) == (
            j.title, j.persona, j.goal, j.language)
        assert [(s.key, s.name) for s in back.stages] == [(s.key, s.name) for s in j.stages]
        order = JourneyGraph.of(j).order()
        assert [s.key for s in back.steps] == order
        steps = {s.key: s for s in j.steps}
        assert [(s.stage, s.lane, s.channel, s.moment_of_truth) for s in back.steps] == [
            (steps[k].stage, steps[k].lane, steps[k].channel, steps[k].moment_of_truth)
            for k in order]
        assert [(s.title, s.description) for s in back.steps] == [
            (steps[k].title, steps[k].description) for k in order]
        assert [(t.source, t.target, t.label) for t in back.transitions] == [
            (t.source, t.target, t.label) for t in j.transitions]


def test_a_file_over_the_size_limit_is_refused():
    assert refused(tabular.load, b" " * (MAX_FILE_BYTES + 1), "steps.csv")[0].startswith(
        "the file is 64.0 MB")


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("steps.csv", b"\0" * (65 * 1024 * 1024))
    assert len(out.getvalue()) < 200_000
    for name in ("bomb.zip", "bomb.xlsx"):
        assert refused(tabular.load, out.getvalue(), name) == [
            "the archive unpacks to 65.0 MB; at most 64 MB"]


@pytest.mark.parametrize("data, name, problem", [
    (b"PK\x03\x04broken", "a.zip", "not a readable zip archive"),
    (b"PK\x03\x04broken", "a.xlsx", "not a readable zip archive"),
    (zip_of({"steps.csv": "stage,title\n"}).replace(b"steps.csv", b"steps.csv", 1)[:60],
     "t.zip", "not a readable zip archive"),
    (b"\xff\xfe,stage\n", "s.csv", "byte 0: not UTF-8 text"),
    (b"", "s.csv", "s.csv: the file is empty (a header row is expected)"),
    (b"id,name\nx,y\n", "stages.csv", "stages.csv: a single CSV file must be the steps table"),
    (b'stage,title\n"a,b\n', "s.csv", "s.csv row 2, column 'title': title must not be empty"),
], ids=["broken-zip", "broken-xlsx", "truncated-zip", "not-utf8", "empty", "not-steps",
        "open-quote"])
def test_broken_files_are_refused_with_a_reason(data, name, problem):
    problems = refused(tabular.load, data, name)
    assert any(problem in p for p in problems), problems


@given(st.binary(max_size=300) | st.lists(st.sampled_from([
    "id,stage,title,lane", "s1,a,Go,customer", ",,,", "s1,a,Go,roof", "x;y;z", '"', "stage",
    "a,,,", "\ufeffstage,title", "s2,b,Stop,backstage,web,desc,yes,extra"]), max_size=8)
    .map("\n".join).map(str.encode))
@settings(max_examples=300)
def test_arbitrary_csv_is_imported_or_refused_with_rows_and_columns(data):
    try:
        tabular.load(data, "steps.csv")
    except ImportRefused as e:
        assert all(p.startswith(("steps.csv", "byte ", "not a readable zip archive"))
                   for p in e.problems), e.problems


def test_characters_a_workbook_cannot_hold_are_left_out_not_breaking_the_file():
    j = workshop()
    j.steps[1].title = "Fir\ufffema\x07"
    back, _ = tabular.load(tabular.to_xlsx(j), "x.xlsx")
    assert back.steps[1].title == "Firma"
