#!/usr/bin/env python3
"""Export the labels of one `labelgen run` as a merge CSV for the peer writers.

Reads the batch's manifest.csv (one row per printed label, in print order) and joins each
row by event_id with the SSR event it came from, for the fields the manifest does not carry
(birth date, school and LEA names). Writes the manifest's columns plus the text lines and
barcode contents that every writer in bench/ draws on a label:

  line1        "SSID <ssid>  DOB <birth_date>  Gr <grade>  Form <form>"
  school_line  the school name
  lea_line     "<lea_name>  CDS <school_cds>"
  code         Code 128 content: <ssid><serial>, 17 digits (labelgen's 18th digit, a Damm
               check digit, is not in the manifest, so the peers encode 17)
  human        the code as printed under the bars: "<ssid> <serial>"
  serial_line  "ELPAC <admin> #<serial>  Batch <batch>"
  payload      DataMatrix content in labelgen's version-1 layout:
               P1|<admin>|F<form>|<lea>|<school>|<grade>|<ssid>|<serial>|<batch>|<name>
               with the name's bytes >= 0x80, '%', '|' and controls percent-encoded

Standard library only; any Python 3 runs it.
"""
import argparse
import csv
import sys


def pct(name: str) -> str:
    out = []
    for b in name.encode("utf-8"):
        if b >= 0x80 or b < 0x20 or b in (0x25, 0x7C, 0x7F):
            out.append("%%%02X" % b)
        else:
            out.append(chr(b))
    return "".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--manifest", required=True)
    ap.add_argument("--events", required=True, nargs="+", help="the run's event CSV files")
    ap.add_argument("--admin", required=True)
    ap.add_argument("--batch", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()

    with open(a.manifest, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    wanted = {r["event_id"] for r in rows}

    events = {}
    for path in a.events:
        with open(path, newline="", encoding="utf-8-sig", errors="replace") as f:
            for e in csv.DictReader(f):
                eid = e.get("event_id")
                if eid in wanted and eid not in events:
                    events[eid] = (e["birth_date"], e["school_name"], e["lea_name"])

    cols = list(rows[0].keys()) if rows else []
    extra = ["line1", "school_line", "lea_line", "code", "human", "serial_line", "payload"]
    missing = 0
    with open(a.out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(cols + extra)
        for r in rows:
            birth, school, lea = events.get(r["event_id"], ("", "", ""))
            if not school:
                missing += 1
            serial = r["serial"].zfill(7)
            code = r["ssid"] + serial
            w.writerow([r[c] for c in cols] + [
                f"SSID {r['ssid']}  DOB {birth}  Gr {r['grade']}  Form {r['form']}",
                school,
                f"{lea}  CDS {r['school_cds']}",
                code,
                f"{r['ssid']} {serial}",
                f"ELPAC {a.admin} #{serial}  Batch {a.batch}",
                "|".join(["P1", a.admin, "F" + r["form"], r["lea_cds"], r["school_cds"],
                          r["grade"], r["ssid"], serial, a.batch, pct(r["name"])]),
            ])
    if missing:
        print(f"peer_csv: {missing} manifest rows had no matching event", file=sys.stderr)
    print(len(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
