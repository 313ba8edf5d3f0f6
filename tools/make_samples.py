#!/usr/bin/env python3
"""Regenerates samples/events.csv, samples/events.jsonl and samples/events-corrections.jsonl.

    cmake -S . -B build && make -C build labelgen-synth
    tools/make_samples.py                      # uses build/bin/labelgen-synth

1. labelgen-synth writes 400 synthetic events (seed 7, 5 % corrections) as CSV with a BOM,
   and the same 400 events as JSON Lines.
2. Hand-made rows are appended to each: one defect per row (see samples/README.md), plus a
   few valid rows that exercise parser corner cases. The CSV rows are written as bytes, so
   the Latin-1 byte and the quoted newline survive exactly.
3. events-corrections.jsonl holds later (and one earlier) SSRs for students of events.csv,
   picked by rule from the generated rows, so it follows the generator if it changes.

Prints the line number and expected outcome of every hand-made row.
"""
import argparse
import csv
import datetime as dt
import io
import json
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEED, COUNT, CORRECTIONS = 7, 400, 0.05
COLUMNS = ["event_id", "ssr_generated_at", "ssid", "last_name", "first_name", "middle_name",
           "birth_date", "grade", "lea_cds", "lea_name", "school_cds", "school_name",
           "charter_number", "form", "test_completed_on", "mode", "answer_book",
           "parent_notified_on"]

# A valid kindergartner at an RSVP district; every hand row changes one thing.
BASE = {
    "event_id": None, "ssr_generated_at": "2024-09-20T10:15:00-07:00", "ssid": None,
    "last_name": "Hernández", "first_name": "Ana Sofía", "middle_name": "",
    "birth_date": "2019-03-14", "grade": "KN", "lea_cds": "37683380000000",
    "lea_name": "San Diego Unified", "school_cds": "37683386037998",
    "school_name": "Balboa Elementary", "charter_number": "", "form": "1",
    "test_completed_on": "2024-09-16", "mode": "in_person", "answer_book": "complete",
    "parent_notified_on": "2024-09-23",
}

# (id, changes, expected outcome). Values may be bytes (written raw). "_columns" truncates.
CSV_HAND_ROWS = [
    ("ssid_9_digits", {"ssid": "091234567"}, "rejected: ssid must be exactly 10 digits"),
    ("ssid_letter", {"ssid": "09123A5602"}, "rejected: ssid must be exactly 10 digits (letter A)"),
    ("lea_cds_13_digits", {"lea_cds": "3768338000000"}, "rejected: lea_cds must be exactly 14 digits"),
    ("birth_date_impossible", {"birth_date": "2019-02-30"}, "rejected: birth_date is not a calendar date"),
    ("test_date_not_iso", {"test_completed_on": "09/16/2024"}, "rejected: test_completed_on is not an ISO date"),
    ("grade_13", {"grade": "13"}, "rejected: grade is not TK, KN or 01–12"),
    ("form_3", {"form": "3"}, "rejected: form is not 1 or 2"),
    ("mode_online", {"mode": "online"}, "rejected: mode is not in_person or remote"),
    ("answer_book_yes", {"answer_book": "yes"}, "rejected: answer_book is not complete, incomplete or none"),
    ("name_forbidden_char", {"last_name": "Ramírez & Ortiz"},
     "rejected: last_name character U+0026 '&' is not allowed"),
    ("name_forbidden_at", {"first_name": "Sofi@"},
     "rejected: first_name character U+0040 '@' is not allowed"),
    ("last_name_too_long", {"last_name": "Wolfeschlegelsteinhausenbergerdorff Hernández de la Cruz"},
     "rejected: last_name is 56 characters, more than the 50 allowed"),
    ("missing_fields", {"_columns": 16},
     "rejected: 16 fields where the header has 18 (the record is kept out, not padded)"),
    ("invalid_utf8", {"last_name": b"Mu\xf1oz"},
     "rejected: last_name is not valid UTF-8 (Latin-1 byte 0xF1 for ñ)"),
    ("quoted_newline_in_name", {"first_name": "Ana\nSofía"},
     "rejected: first_name character U+000A is not allowed; the record spans two lines "
     "but is ONE record, and the next record parses normally"),
    ("duplicate_event_id", {"event_id": "@first"},
     "rejected: event_id repeats the first data row's (line 2), which is kept"),
    ("ssr_before_test", {"ssr_generated_at": "2024-09-10T10:00:00-07:00"},
     "rejected: ssr_generated_at is earlier than test_completed_on"),
    ("school_other_district", {"school_cds": "19642126011975", "school_name": "Aloha Elementary"},
     "rejected: school_cds county+district 1964212 differ from lea_cds 3768338"),
    ("charter_school_not_lea", {"lea_cds": "19647330100743", "lea_name": "Accelerated Charter Elementary",
                                "school_cds": "19647336017016", "school_name": "Fenton Avenue Charter",
                                "charter_number": "0435"},
     "rejected: charter LEA (code not ending 0000000) whose school_cds differs from lea_cds"),
    ("parent_before_ssr", {"parent_notified_on": "2024-09-18"},
     "rejected: parent_notified_on is earlier than ssr_generated_at"),
    ("charter_number_malformed", {"lea_cds": "19647330100743", "lea_name": "Accelerated Charter Elementary",
                                  "school_cds": "19647330100743", "school_name": "Accelerated Charter Elementary",
                                  "charter_number": "43A"},
     "rejected: charter_number must be 4 digits"),
    ("empty_first_name", {"first_name": ""}, "rejected: first_name is empty (required)"),
    ("valid_quoting", {"_quote_all": True, "last_name": "O\u2019Connor-Nguyễn", "first_name": "Mary Kate",
                       "school_cds": "37683386039523", "school_name": 'Dr. Martin Luther King, Jr. "MLK" Elementary',
                       "ssr_generated_at": "2024-09-20 10:15:00.250-07:00"},
     "ACCEPTED: every field quoted, a doubled quote and a comma in school_name, a typographic "
     "apostrophe (stored as O'Connor-Nguyễn), a space-separated time with milliseconds"),
]

JSONL_HAND_LINES = [
    ("malformed_json", lambda rec: json.dumps(rec, ensure_ascii=False, separators=(",", ":"))[:-1].encode(),
     "rejected: the line is not a JSON object (closing brace missing)"),
    ("number_not_string", lambda rec: json.dumps({**rec, "form": 1}, ensure_ascii=False, separators=(",", ":")).encode(),
     "rejected: form is a number, values must be strings"),
    ("missing_key", lambda rec: json.dumps({k: v for k, v in rec.items() if k != "ssid"},
                                           ensure_ascii=False, separators=(",", ":")).encode(),
     "rejected: required key ssid is absent"),
    ("invalid_utf8", lambda rec: json.dumps({**rec, "last_name": "@@"}, ensure_ascii=False, separators=(",", ":"))
     .encode().replace(b"@@", b"Pe\xf1a"),
     "rejected: invalid UTF-8 (Latin-1 byte 0xF1)"),
    ("valid_escapes", lambda rec: json.dumps({**rec, "last_name": "Nu\u00f1ez", "first_name": "Jose\u0301",
                                              "middle_name": "Th\u1ecb"}, ensure_ascii=True,
                                             separators=(",", ":")).encode(),
     "ACCEPTED: \\u escapes decode to Nuñez / José (an NFD e + U+0301, normalised to NFC) / Thị; "
     "charter_number absent"),
]


def run_synth(synth, *args):
    subprocess.run([str(synth), "--count", str(COUNT), "--seed", str(SEED),
                    "--corrections", str(CORRECTIONS), *args], check=True)


def csv_field(value, quote_all):
    if isinstance(value, str):
        value = value.encode()
    if quote_all or any(c in value for c in b',"\r\n'):
        return b'"' + value.replace(b'"', b'""') + b'"'
    return value


def parse_ts(text):
    t = dt.datetime.fromisoformat(text.replace(" ", "T"))
    if t.tzinfo is None:
        t = t.replace(tzinfo=dt.timezone(dt.timedelta(hours=-7)))
    return t


def local_offset(day):
    # Pacific time: PDT until the first Sunday of November 2024 (Nov 3), PST after.
    return "-08:00" if day >= dt.date(2024, 11, 3) else "-07:00"


def main():
    ap = argparse.ArgumentParser(description="regenerate the sample event files")
    ap.add_argument("--synth", default=ROOT / "build" / "bin" / "labelgen-synth")
    ap.add_argument("--out-dir", default=ROOT / "samples")
    args = ap.parse_args()
    out = pathlib.Path(args.out_dir)
    csv_path, jsonl_path, corr_path = out / "events.csv", out / "events.jsonl", out / "events-corrections.jsonl"

    run_synth(args.synth, "--format", "csv", "--bom", "--out", str(csv_path))
    run_synth(args.synth, "--format", "jsonl", "--out", str(jsonl_path))

    data = csv_path.read_bytes()
    text = data[3:].decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(rows) == COUNT and list(rows[0].keys()) == COLUMNS
    line = 1 + COUNT + 1  # header + generated rows; next line number
    report = []
    with open(csv_path, "ab") as f:
        for n, (name, changes, outcome) in enumerate(CSV_HAND_ROWS, 1):
            rec = dict(BASE, event_id=f"HAND-{n:02d}", ssid=f"09000001{n:02d}")
            rec.update({k: v for k, v in changes.items() if not k.startswith("_")})
            if rec["event_id"] == "@first":
                rec["event_id"] = rows[0]["event_id"]
            cols = COLUMNS[: changes.get("_columns", len(COLUMNS))]
            record = b",".join(csv_field(rec[c], changes.get("_quote_all", False)) for c in cols) + b"\n"
            f.write(record)
            report.append(("events.csv", line, name, outcome))
            line += record.count(b"\n")

    with open(jsonl_path, "ab") as f:
        line = COUNT + 1
        for n, (name, build, outcome) in enumerate(JSONL_HAND_LINES, 1):
            rec = dict(BASE, event_id=f"HAND-J{n:02d}", ssid=f"09000002{n:02d}")
            for k in ("charter_number", "parent_notified_on"):
                if not rec[k]:
                    del rec[k]
            f.write(build(rec) + b"\n")
            report.append(("events.jsonl", line, name, outcome))
            line += 1

    corrections = build_corrections(rows, args.synth)
    with open(corr_path, "w", encoding="utf-8", newline="\n") as f:
        for n, (rec, what) in enumerate(corrections, 1):
            f.write(json.dumps(rec, ensure_ascii=False, separators=(",", ":")) + "\n")
            report.append(("events-corrections.jsonl", n, rec["ssid"], what))

    for file, ln, name, outcome in report:
        print(f"{file}:{ln}\t{name}\t{outcome}")
    return 0


def build_corrections(rows, synth):
    """Later SSRs for students of events.csv, one change each, picked by rule."""
    leas = list(csv.DictReader(io.StringIO(subprocess.run(
        [str(synth), "--list-leas"], check=True, capture_output=True, text=True).stdout)))
    program = {r["lea_cds"]: r["program"] for r in leas}
    schools = {}
    for r in leas:
        schools.setdefault(r["lea_cds"], []).append((r["school_cds"], r["school_name"]))

    by_ssid = {}
    for i, r in enumerate(rows):
        by_ssid.setdefault(r["ssid"], []).append((i, r))

    def latest(ssid):
        return max((r for _, r in by_ssid[ssid]), key=lambda r: parse_ts(r["ssr_generated_at"]))

    used = set()

    def pick(pred):
        for r in rows:
            if r["ssid"] in used or len(by_ssid[r["ssid"]]) != 1 or not pred(r):
                continue
            if parse_ts(r["ssr_generated_at"]).date() > dt.date(2024, 12, 20):
                continue
            used.add(r["ssid"])
            return r
        raise SystemExit("make_samples: no student fits a correction rule; change the rules")

    def in_scope(r, prog, grades):
        return (program.get(r["lea_cds"]) == prog and r["grade"] in grades and r["answer_book"] == "complete"
                and r["test_completed_on"] <= "2024-10-31")

    rsvp = lambda r: in_scope(r, "rsvp", {"KN", "TK", "01", "02"}) and r["form"] == "1"
    form2_kn = lambda r: in_scope(r, "form2-second-scoring", {"KN", "TK"}) and r["form"] == "2"
    out = []

    def correct(r, what, days=6, **changes):
        base = latest(r["ssid"])
        n = len(out) + 1
        day = parse_ts(base["ssr_generated_at"]).date() + dt.timedelta(days=days)
        t = dt.time(8 + n % 9, n * 13 % 60, n * 29 % 60)
        rec = {k: v for k, v in base.items() if not (k in ("charter_number", "parent_notified_on") and v == "")}
        rec.update(changes)
        rec["event_id"] = f"COR-{n:04d}"
        rec["ssr_generated_at"] = f"{day.isoformat()}T{t.strftime('%H:%M:%S')}{local_offset(day)}"
        rec["parent_notified_on"] = (day + dt.timedelta(days=3)).isoformat()
        out.append((rec, what))

    # 1. Accent restored in a given name that was entered without it.
    accent = {"Jose Miguel": "José Miguel", "Fatima": "Fátima", "Chloe": "Chloé", "Angelica": "Angélica",
              "Jerome": "Jérôme", "Martin": "Martín", "Ruben": "Rubén", "Zoe": "Zoë", "Joao": "João"}
    r = pick(lambda r: rsvp(r) and r["first_name"] in accent)
    correct(r, f"first_name spelling corrected: '{r['first_name']}' -> '{accent[r['first_name']]}'",
            first_name=accent[r["first_name"]])
    # 2. Vietnamese student: middle name added.
    vi = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ",
          "Ngô", "Dương", "Lý", "Trương")
    r = pick(lambda r: rsvp(r) and r["last_name"] in vi and not r["middle_name"])
    correct(r, "middle_name added: 'Thanh'", middle_name="Thanh")
    # 3. Second surname added (CALPADS legal name).
    r = pick(lambda r: rsvp(r) and r["last_name"] in ("García", "Hernández", "López", "Martínez", "González",
                                                        "Rodríguez", "Pérez", "Sánchez", "Ramírez", "Torres",
                                                        "Flores", "Rivera", "Gómez", "Díaz", "Cruz", "Morales"))
    correct(r, f"last_name corrected: '{r['last_name']}' -> '{r['last_name']} De la Cruz'",
            last_name=r["last_name"] + " De la Cruz")
    # 4. Grade KN -> 01 at a Form 2 second-scoring LEA: leaves the kindergarten-only scope.
    r = pick(lambda r: form2_kn(r) and r["grade"] == "KN")
    correct(r, "grade corrected KN -> 01 (Form 2 second scoring covers kindergarten only: no label)",
            grade="01")
    # 5. Grade TK -> KN at an RSVP LEA: TK tests as KN, still in scope.
    r = pick(lambda r: rsvp(r) and r["grade"] == "TK")
    correct(r, "grade corrected TK -> KN (still in scope; label shows KN)", grade="KN")
    # 6. Grade 02 -> 03 at an RSVP LEA: leaves K-2.
    r = pick(lambda r: rsvp(r) and r["grade"] == "02")
    correct(r, "grade corrected 02 -> 03 (RSVP covers K-2 only: no label)", grade="03")
    # 7. School changed within the same district.
    r = pick(lambda r: rsvp(r) and len(schools.get(r["lea_cds"], [])) > 1)
    other = next(s for s in schools[r["lea_cds"]] if s[0] != r["school_cds"])
    correct(r, f"school corrected: {r['school_cds']} {r['school_name']} -> {other[0]} {other[1]}",
            school_cds=other[0], school_name=other[1])
    # 8. Answer book was recorded incomplete; the corrected SSR says complete.
    r = pick(lambda r: program.get(r["lea_cds"]) == "rsvp" and r["grade"] in ("KN", "01", "02") and r["form"] == "1"
             and r["answer_book"] == "incomplete" and r["test_completed_on"] <= "2024-10-31")
    correct(r, "answer_book corrected incomplete -> complete", answer_book="complete")
    # 9. A stale SSR: generated BEFORE the one in events.csv, so it must lose.
    r = pick(lambda r: rsvp(r) and parse_ts(r["ssr_generated_at"]).date()
             >= dt.date.fromisoformat(r["test_completed_on"]) + dt.timedelta(days=4))
    correct(r, "OLDER than the events.csv SSR (first_name differs): ignored, events.csv version wins",
            days=-3, first_name=r["first_name"] + " Marie")
    # 10. Third version of a student already corrected inside events.csv.
    pairs = [s for s, v in by_ssid.items() if len(v) == 2 and rsvp(v[0][1]) and s not in used]
    if pairs:
        base = latest(pairs[0])
        used.add(pairs[0])
        middle = "Guadalupe" if base["middle_name"] != "Guadalupe" else "Rosa"
        correct(base, f"third SSR for a student corrected inside events.csv: middle_name -> '{middle}'",
                middle_name=middle)
    # 11. Moved to a district that is not selected: no label any more.
    r = pick(lambda r: rsvp(r))
    correct(r, "moved to Valle Lindo Unified (not selected): no label",
            lea_cds="19765010000000", lea_name="Valle Lindo Unified",
            school_cds="19765016999011", school_name="Valle Lindo Elementary")
    return out


if __name__ == "__main__":
    sys.exit(main())
