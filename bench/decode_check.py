#!/usr/bin/python3
"""Decode check for bench/run.sh: are the writers' outputs comparable?

Rasterizes one page of a PDF with `pdftoppm -r DPI -gray`, then
  - Code 128: runs `zbarimg --nodbus` on the whole page and counts the symbols, and how
    many carry the <ssid><serial> of a label in --csv (labelgen adds an 18th check digit;
    only the first 17 digits are compared);
  - DataMatrix (zbarimg cannot read it): if Debian's python3-zxing-cpp is importable,
    crops the top-right corner of each of the 30 Avery 5160 cells (the symbol and its quiet
    zone only: ZXing 1.4 misses a DataMatrix with label text in the crop) and reads
    DataMatrix there; counts the symbols and those whose payload names an SSID in --csv.
Also reports whether every font on that page's document is embedded (pdffonts) and whether
`qpdf --check` passes.

Prints one line of JSON.
"""
import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile

# Avery 5160 cell origins (inches) per writer: left margin, pitch x; top margin 0.5, pitch 1.
GEOMETRY = {
    "labelgen": (0.1875, 2.75),   # templates/stocks/avery-5160.toml
    "reportlab": (0.1875, 2.75),  # bench/reportlab_labels.py uses the same
    "glabels": (0.15625, 2.78125),  # glabels' own Avery 5160 template
}


def read_datamatrix(img, d, geometry, ssids):
    """Symbols decoded in the 30 cells' top-right corners, and how many name a known SSID;
    None when python3-zxing-cpp is missing."""
    try:
        import zxingcpp
        from PIL import Image
    except ImportError:
        return None
    im = Image.open(img)
    left0, pitch = GEOMETRY[geometry]
    n = m = 0
    for row in range(10):
        for col in range(3):
            lx, ty = left0 + col * pitch, 0.5 + row * 1.0
            found = None
            for x0, x1, y0, y1 in ((1.88, 2.625, 0.0, 0.72), (1.92, 2.62, 0.02, 0.7)):
                crop = im.crop((int((lx + x0) * d), int((ty + y0) * d),
                                int((lx + x1) * d), int((ty + y1) * d)))
                res = zxingcpp.read_barcodes(crop, formats=zxingcpp.BarcodeFormat.DataMatrix)
                if res:
                    found = res[0].text
                    break
            if found is not None:
                n += 1
                parts = found.split("|")
                if len(parts) > 6 and parts[6] in ssids:
                    m += 1
    return [n, m]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pdf", required=True)
    ap.add_argument("--page", type=int, default=1)
    ap.add_argument("--dpi", type=int, default=300, help="for Code 128 (zbarimg)")
    ap.add_argument("--dm-dpi", type=int, nargs="+", default=[300, 600],
                    help="for DataMatrix (ZXing); 600 = the office-laser-letter profile")
    ap.add_argument("--geometry", choices=sorted(GEOMETRY), required=True)
    ap.add_argument("--csv", required=True, help="peer CSV (bench/peer_csv.py)")
    a = ap.parse_args()

    codes, ssids = set(), set()
    with open(a.csv, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            codes.add(r["code"])
            ssids.add(r["ssid"])

    out = {"page": a.page}
    with tempfile.TemporaryDirectory() as tmp:
        for dpi in sorted({a.dpi, *a.dm_dpi}):
            base = os.path.join(tmp, f"p{dpi}")
            subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-f", str(a.page), "-l",
                            str(a.page), a.pdf, base], check=True, stderr=subprocess.DEVNULL)
            img = [os.path.join(tmp, n) for n in os.listdir(tmp)
                   if n.startswith(f"p{dpi}") and n.endswith(".pgm")][0]
            if dpi == a.dpi:
                z = subprocess.run(["zbarimg", "--nodbus", "-q", img], capture_output=True, text=True)
                got = [l.split(":", 1)[1] for l in z.stdout.splitlines() if l.startswith("CODE-128:")]
                out["code128"] = len(got)
                out["code128_match"] = sum(1 for g in got if g[:17] in codes)
            if dpi in a.dm_dpi:
                out[f"datamatrix_{dpi}"] = read_datamatrix(img, dpi, a.geometry, ssids)

    f = subprocess.run(["pdffonts", "-f", str(a.page), "-l", str(a.page), a.pdf],
                       capture_output=True, text=True)
    rows = f.stdout.splitlines()[2:]
    out["fonts"] = len(rows)
    out["fonts_embedded"] = all(r.split()[-5] == "yes" for r in rows) if rows else False
    q = subprocess.run(["qpdf", "--check", a.pdf], capture_output=True, text=True)
    out["qpdf_check"] = q.returncode == 0
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
