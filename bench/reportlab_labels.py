#!/usr/bin/python3
"""ReportLab peer of `labelgen run` for bench/run.sh: Pre-ID labels on Avery 5160 sheets.

Run it with Debian's /usr/bin/python3 (python3-reportlab is importable only there).
Input: the merge CSV written by bench/peer_csv.py (one row per label, in print order).
Output: one PDF per LEA, split into parts of at most --per-file labels (5,000, like
labelgen), 30 labels per US-letter page, packed in order.

Each label, laid out like templates/labels/preid-avery-5160.toml:
  - the name, Liberation Sans Bold 8.5 pt (shrunk to fit 1.85 in, down to 6 pt)
  - three 6 pt lines (SSID/DOB/grade/form, school, LEA + school CDS) in Liberation Sans
  - Code 128 of the 17-digit code, 0.01 in modules, 0.27 in tall, no extra quiet zone
    (ReportLab's default quiet zone is at least 0.25 in each side; the label's own 0.1 in
    margin is the quiet zone, as in labelgen)
  - the digits under it in Liberation Mono 6 pt, the serial/batch line at 5.5 pt
  - ECC200 DataMatrix of the payload, 0.01 in modules, top-right. ReportLab 3.6's
    ECC200DataMatrix only makes one size, 44 x 44 with C40 encoding (144 data codewords).
All fonts are TrueType files registered with ReportLab, so they are embedded (subset); the
canvas is created with initialFontName set so no unembedded Helvetica is referenced.

Prints one line of JSON: labels, pages, files, bytes, datamatrix_too_long, and the largest
file with its label count.
"""
import argparse
import csv
import json
import os
import re
import sys

from reportlab.graphics.barcode.code128 import Code128
from reportlab.graphics.barcode.ecc200datamatrix import ECC200DataMatrix
from reportlab.lib.pagesizes import letter
from reportlab.lib.units import inch
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT_DIR = "/usr/share/fonts/truetype/liberation2"

# Avery 5160 as in templates/stocks/avery-5160.toml
PAGE_W, PAGE_H = letter
MARGIN_LEFT, MARGIN_TOP = 0.1875 * inch, 0.5 * inch
PITCH_X, PITCH_Y = 2.75 * inch, 1.0 * inch
COLS, ROWS = 3, 10
PER_PAGE = COLS * ROWS


def register_fonts(font_dir):
    for name, file in (("LS", "LiberationSans-Regular.ttf"),
                       ("LS-Bold", "LiberationSans-Bold.ttf"),
                       ("LM", "LiberationMono-Regular.ttf")):
        pdfmetrics.registerFont(TTFont(name, os.path.join(font_dir, file)))


def fit(text, font, size, min_size, width):
    w = pdfmetrics.stringWidth(text, font, size)
    if w <= width:
        return size
    return max(min_size, size * width / w)


def c40_fits(dm):
    try:
        return len(dm._encode_c40(dm.validated)) <= dm.cw_data
    except Exception:
        return False


def draw_label(c, r, left, top, stats, datamatrix=True):
    """left/top: the label's top-left corner in PDF points (y up)."""
    x = left + 0.09 * inch
    name = r["name"]
    size = fit(name, "LS-Bold", 8.5, 6, 1.85 * inch)
    c.setFont("LS-Bold", size)
    c.drawString(x, top - 0.16 * inch, name)
    for text, baseline in ((r["line1"], 0.265), (r["school_line"], 0.355), (r["lea_line"], 0.445)):
        c.setFont("LS", fit(text, "LS", 6, 5, 1.85 * inch))
        c.drawString(x, top - baseline * inch, text)

    bc = Code128(r["code"], barWidth=0.01 * inch, barHeight=0.27 * inch,
                 quiet=0, humanReadable=0)
    bc.drawOn(c, left + 0.1 * inch, top - 0.5 * inch - 0.27 * inch)
    c.setFont("LM", 6)
    c.drawString(left + 0.1 * inch, top - 0.86 * inch, r["human"])
    c.setFont("LS", fit(r["serial_line"], "LS", 5.5, 4.5, 1.2 * inch))
    c.drawRightString(left + 2.57 * inch, top - 0.86 * inch, r["serial_line"])

    if not datamatrix:
        return
    payload = r["payload"]
    dm = ECC200DataMatrix(payload, barWidth=0.01 * inch)
    dm.validate()
    if not c40_fits(dm):
        # Longer than ReportLab's one symbol size holds: drop the name part.
        stats["datamatrix_too_long"] += 1
        dm = ECC200DataMatrix(payload.rsplit("|", 1)[0], barWidth=0.01 * inch)
        dm.validate()
    dm.encode()
    dm.x = dm.y = 0  # ECC200DataMatrix.draw() offsets by x/y (set by its widget wrapper)
    side = 44 * 0.01 * inch
    dm.drawOn(c, left + 2.56 * inch - side, top - 0.07 * inch - side)


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--csv", required=True)
    ap.add_argument("--out", required=True, help="output folder")
    ap.add_argument("--per-file", type=int, default=5000)
    ap.add_argument("--limit", type=int, default=0, help="first N labels only (0: all)")
    ap.add_argument("--font-dir", default=FONT_DIR)
    ap.add_argument("--no-datamatrix", action="store_true",
                    help="leave the DataMatrix out (a Code-128-only variant)")
    a = ap.parse_args()

    register_fonts(a.font_dir)
    os.makedirs(a.out, exist_ok=True)
    stats = {"labels": 0, "pages": 0, "files": 0, "bytes": 0, "datamatrix_too_long": 0}
    per_file = {}

    # Group rows into (lea, part) documents, keeping print order.
    with open(a.csv, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        c = None
        key = None
        n_in_doc = 0
        path = None

        def finish():
            c.save()
            per_file[os.path.basename(path)] = n_in_doc
            stats["files"] += 1
            stats["bytes"] += os.path.getsize(path)

        for r in reader:
            if a.limit and stats["labels"] >= a.limit:
                break
            lea = r["lea_cds"]
            if c is None or lea != key or n_in_doc >= a.per_file:
                part = 1 if (c is None or lea != key) else part + 1
                if c is not None:
                    finish()
                key = lea
                n_in_doc = 0
                path = os.path.join(a.out, f"{lea}-part{part}.pdf")
                c = canvas.Canvas(path, pagesize=letter, initialFontName="LS",
                                  initialFontSize=6)
                c.setTitle(f"Pre-ID labels {lea} part {part}")
            pos = n_in_doc % PER_PAGE
            if pos == 0 and n_in_doc:
                c.showPage()
            if pos == 0:
                stats["pages"] += 1
            col, row = pos % COLS, pos // COLS
            left = MARGIN_LEFT + col * PITCH_X
            top = PAGE_H - MARGIN_TOP - row * PITCH_Y
            draw_label(c, r, left, top, stats, not a.no_datamatrix)
            n_in_doc += 1
            stats["labels"] += 1
        if c is not None:
            finish()

    # the document with the most labels, for bench/decode_check.py
    stats["largest_file"] = max(per_file, key=per_file.get) if per_file else ""
    stats["largest_file_labels"] = per_file.get(stats["largest_file"], 0)
    print(json.dumps(stats))
    return 0


if __name__ == "__main__":
    sys.exit(main())
