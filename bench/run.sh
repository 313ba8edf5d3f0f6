#!/usr/bin/env bash
# bench/run.sh: labelgen vs glabels-3-batch vs ReportLab on the same Pre-ID labels.
#
# For each N: synthesize N students, run `labelgen run` end to end (events in; GIS, label
# sheets, manifest out) under /usr/bin/time -v, export the labels it printed as a merge CSV,
# draw the same labels with glabels-3-batch (1,500-record chunks joined with qpdf) and with
# ReportLab, then print one table and a decode check. See bench/README.md.
#
# Usage: bench/run.sh [--n "10000 100000"] [--quick] [options]   (--help for all)
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")

N_LIST="10000 100000"
SEED=1
ADMIN=2024-25
THROUGH=2024-12-31
PRINTER=office-laser-letter
GL_MAX=1500        # glabels: labels measured per N (0: all)
GL_CHUNK=1500
RL_MAX=5000        # ReportLab: labels measured per N (0: all)
PEERS=1
VARIANTS=1
DECODE=1
INSTALL=1
KEEP=0
LABELGEN=${LABELGEN:-$ROOT/build/bin/labelgen}
SYNTH=${LABELGEN_SYNTH:-$ROOT/build/bin/labelgen-synth}
PY3=/usr/bin/python3   # Debian's: python3-reportlab and python3-zxing-cpp live there

usage() {
  cat <<EOF
usage: bench/run.sh [options]

  --n "N1 N2 ..."      students to synthesize per round (default: "$N_LIST")
  --quick              smoke run: --n 2000, glabels on 300 labels, ReportLab on 1000
  --seed S             labelgen-synth seed (default $SEED)
  --glabels-max K      glabels: measure the first K labels of each round and extrapolate
                       (default $GL_MAX; 0 = all labels; ~30 labels/s with the DataMatrix)
  --reportlab-max K    ReportLab: likewise (default $RL_MAX; 0 = all; ~200 labels/s)
  --labelgen-only      no peers (labelgen rows only), e.g. --n 1000000 --labelgen-only
  --no-variants        skip the extra rows (labelgen --threads 1, peers without DataMatrix)
  --no-decode          skip the decode check
  --no-install         never apt-get install missing tools (writers without them are skipped)
  --labelgen PATH      labelgen binary (default build/bin/labelgen; env LABELGEN)
  --synth PATH         labelgen-synth binary (default build/bin/labelgen-synth)
  --keep               keep the work folder (printed at the end) instead of deleting it
EOF
}

while [ $# -gt 0 ]; do
  case "$1" in
    --n) N_LIST=$2; shift 2 ;;
    --quick) N_LIST=2000; GL_MAX=300; RL_MAX=1000; shift ;;
    --seed) SEED=$2; shift 2 ;;
    --glabels-max) GL_MAX=$2; shift 2 ;;
    --reportlab-max) RL_MAX=$2; shift 2 ;;
    --labelgen-only) PEERS=0; shift ;;
    --no-variants) VARIANTS=0; shift ;;
    --no-decode) DECODE=0; shift ;;
    --no-install) INSTALL=0; shift ;;
    --labelgen) LABELGEN=$2; shift 2 ;;
    --synth) SYNTH=$2; shift 2 ;;
    --keep) KEEP=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# ---- tools -------------------------------------------------------------------------------
# package:command-or-file; installed only when missing (idempotent), only as root.
NEEDED="python3:/usr/bin/python3 time:/usr/bin/time qpdf:qpdf poppler-utils:pdftoppm zbar-tools:zbarimg
fonts-liberation2:/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf"
if [ "$PEERS" = 1 ]; then
  NEEDED="$NEEDED glabels:glabels-3-batch python3-reportlab:/usr/lib/python3/dist-packages/reportlab"
fi
if [ "$DECODE" = 1 ]; then
  NEEDED="$NEEDED python3-zxing-cpp:/usr/lib/python3/dist-packages/zxingcpp.cpython-311-x86_64-linux-gnu.so python3-pil:/usr/lib/python3/dist-packages/PIL"
fi
have() { case "$1" in /*) [ -e "$1" ] ;; *) command -v "$1" >/dev/null 2>&1 ;; esac; }
missing=()
for item in $NEEDED; do
  pkg=${item%%:*}; what=${item#*:}
  if [ "$pkg" = python3-zxing-cpp ]; then
    [ -x "$PY3" ] && "$PY3" -c 'import zxingcpp' 2>/dev/null && continue
  elif have "$what"; then continue; fi
  missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$INSTALL" = 1 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    log "missing packages (not installing): ${missing[*]}; those writers/checks are skipped"
  fi
fi
[ -x /usr/bin/time ] || { echo "run.sh: /usr/bin/time is required (apt-get install time)" >&2; exit 1; }
[ -x "$PY3" ] || { echo "run.sh: $PY3 is required" >&2; exit 1; }
HAVE_GLABELS=0; command -v glabels-3-batch >/dev/null && HAVE_GLABELS=1
HAVE_RL=0; "$PY3" -c 'import reportlab' 2>/dev/null && HAVE_RL=1
HAVE_ZBAR=0; command -v zbarimg >/dev/null && command -v pdftoppm >/dev/null && HAVE_ZBAR=1

if [ ! -x "$LABELGEN" ] || [ ! -x "$SYNTH" ]; then
  if [ -e "$ROOT/build/CMakeCache.txt" ]; then
    # An existing build folder without the binaries: most likely a build is under way. Do
    # not run a second make in it.
    echo "run.sh: $LABELGEN or $SYNTH is missing; build them (make -C build labelgen labelgen-synth)" \
         "or pass --labelgen PATH --synth PATH" >&2
    exit 1
  fi
  log "building labelgen and labelgen-synth in $ROOT/build"
  cmake -S "$ROOT" -B "$ROOT/build" >/dev/null
  make -C "$ROOT/build" -j"$(nproc)" labelgen labelgen-synth >/dev/null
fi

# ---- work folder ---------------------------------------------------------------------------
WORK=$(mktemp -d "${TMPDIR:-/tmp}/labelgen-bench.XXXXXX")
cleanup() { if [ "$KEEP" = 1 ]; then log "work folder kept: $WORK"; else rm -rf "$WORK"; fi; }
trap cleanup EXIT
trap 'exit 130' INT TERM
# Private copies: others may rebuild build/bin while this runs. labelgen finds its data
# (templates, printers, fonts.toml) through the source path compiled into it.
mkdir -p "$WORK/bin"
cp "$LABELGEN" "$WORK/bin/labelgen"; cp "$SYNTH" "$WORK/bin/labelgen-synth"
LG=$WORK/bin/labelgen; SY=$WORK/bin/labelgen-synth
GLFILE=$BENCH_DIR/preid-avery-5160.glabels
grep -v 'backend="libiec16022"' "$GLFILE" > "$WORK/nodm.glabels"

ROWS=$WORK/rows.tsv; : > "$ROWS"
DECODES=$WORK/decode.tsv; : > "$DECODES"
NOTES=$WORK/notes.txt; : > "$NOTES"

# ---- helpers -------------------------------------------------------------------------------
jget() { "$PY3" -c 'import json,sys; d=json.load(open(sys.argv[1]))
for k in sys.argv[2].split("."): d=d[k]
print(d)' "$1" "$2"; }
# /usr/bin/time -v: wall seconds and peak RSS (KB)
tv_wall() { awk -F': ' '/Elapsed \(wall clock\)/ { n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s }' "$1"; }
tv_rss() { awk -F': ' '/Maximum resident set size/ { print $2 }' "$1"; }
now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"%s\", $1 }"; }
slug() { echo "$1" | tr 'A-Z' 'a-z' | tr -c 'a-z0-9\n' '-' | tr -s '-'; }
bytes_of() { du -sb "$@" | awk '{ s += $1 } END { print s+0 }'; }

# row WRITER N LABELS SECONDS PAGES RSS_KB BYTES [NOTE]
row() { printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" "$6" "$7" "${8:-}" >> "$ROWS"; }
fail_row() { printf '%s\t%s\tFAILED\t\t\t\t\t%s\n' "$1" "$2" "$3" >> "$ROWS"; }

decode() { # WRITER N PDF PAGE GEOMETRY CSV LABELS-ON-PAGE
  [ "$DECODE" = 1 ] && [ "$HAVE_ZBAR" = 1 ] || return 0
  local out
  out=$("$PY3" "$BENCH_DIR/decode_check.py" --pdf "$3" --page "$4" --geometry "$5" --csv "$6" 2>/dev/null) \
    || out='{"error": true}'
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$(basename "$3")" "$4" "$7" "$out" >> "$DECODES"
}

# Before each timed writer: flush what earlier steps wrote (the synthesized CSV, the previous
# writer's files), so that no writer pays for another's writeback.
settle() { sync; }

run_labelgen() { # N DIR THREADS(empty=default) WRITER-NAME -> sets LG_BATCH
  local n=$1 d=$2 threads=$3 name=$4 out=$2/lg${3:+-t$3} extra=()
  [ -n "$threads" ] && extra=(--threads "$threads")
  log "N=$n: $name"
  local rc=0
  settle
  /usr/bin/time -v -o "$out.time" "$LG" run --admin "$ADMIN" --events "$d/events.csv" \
    --through "$THROUGH" --out "$out" --printer "$PRINTER" "${extra[@]}" > "$out.log" 2>&1 || rc=$?
  local summary; summary=$(ls "$out"/*/summary.json 2>/dev/null | head -1 || true)
  if [ $rc -ne 0 ] || [ -z "$summary" ]; then
    fail_row "$name" "$n" "exit $rc; see below"
    { echo "FAILED: $name, N=$n: $LG run --admin $ADMIN --events events.csv --through $THROUGH --out OUT --printer $PRINTER ${extra[*]} (exit $rc)";
      tail -n 15 "$out.log" | sed 's/^/    /'; grep -E 'Maximum resident|Elapsed|Exit status|signal' "$out.time" 2>/dev/null | sed 's/^/    /'; } >> "$NOTES"
    LG_BATCH=""
    return 1
  fi
  LG_BATCH=$(dirname "$summary")
  local labels pages wall rss bytes
  labels=$(jget "$summary" labels); pages=$(jget "$summary" pages)
  wall=$(tv_wall "$out.time"); rss=$(tv_rss "$out.time"); bytes=$(bytes_of "$LG_BATCH")
  row "$name" "$n" "$labels" "$wall" "$pages" "$rss" "$bytes" "threads=${threads:-0}"
}

run_glabels() { # N DIR CSV LABELS GLABELS-FILE NAME -> sets GL_PDF
  local n=$1 d=$2 csv=$3 total=$4 file=$5 name=$6
  local g=$total; [ "$GL_MAX" -gt 0 ] && [ "$GL_MAX" -lt "$total" ] && g=$GL_MAX
  local gd; gd=$d/$(slug "$name"); mkdir -p "$gd"
  log "N=$n: $name on $g of $total labels (chunks of $GL_CHUNK)"
  head -n $((g + 1)) "$csv" | tail -n +2 | split -l "$GL_CHUNK" -d -a 4 - "$gd/chunk_"
  local hdr; hdr=$(head -n 1 "$csv")
  for f in "$gd"/chunk_????; do { printf '%s\n' "$hdr"; cat "$f"; } > "$f.csv"; rm "$f"; done
  local t0 t1 rss=0 r rc=0 nchunks=0
  settle
  t0=$(now)
  for f in "$gd"/chunk_*.csv; do
    /usr/bin/time -f '%e %M' -o "${f%.csv}.time" glabels-3-batch -o "${f%.csv}.pdf" -i "$f" "$file" \
      > /dev/null 2>> "$gd/glabels.err" || rc=$?
    [ -s "${f%.csv}.pdf" ] || [ $rc -ne 0 ] || rc=1
    r=$(awk '{ print $2 }' "${f%.csv}.time"); [ "$r" -gt "$rss" ] && rss=$r
    nchunks=$((nchunks + 1))
    [ $rc -eq 0 ] || break
  done
  if [ $rc -eq 0 ]; then
    /usr/bin/time -f '%e %M' -o "$gd/join.time" qpdf --empty --pages "$gd"/chunk_*.pdf -- "$gd/labels.pdf" || rc=$?
    r=$(awk '{ print $2 }' "$gd/join.time"); [ "$r" -gt "$rss" ] && rss=$r
  fi
  t1=$(now)
  if [ $rc -ne 0 ] || [ ! -s "$gd/labels.pdf" ]; then
    fail_row "$name" "$n" "exit $rc"
    { echo "FAILED: $name, N=$n (exit $rc):"; tail -n 5 "$gd/glabels.err" | sed 's/^/    /'; } >> "$NOTES"
    GL_PDF=""; return 1
  fi
  rm -f "$gd"/chunk_*.pdf
  local pages; pages=$(qpdf --show-npages "$gd/labels.pdf")
  local secs; secs=$(calc "$t1 - $t0")
  local note="$nchunks chunk(s) of $GL_CHUNK + qpdf join"
  [ "$g" -lt "$total" ] && note="first $g of $total labels; all $total: ~$(calc "int($secs * $total / $g + 0.5)") s est.; $note"
  row "$name" "$n" "$g" "$secs" "$pages" "$rss" "$(bytes_of "$gd/labels.pdf")" "$note"
  GL_PDF=$gd/labels.pdf
  GL_ON_PAGE1=$(( g < 30 ? g : 30 ))
}

run_reportlab() { # N DIR CSV LABELS NAME EXTRA-ARG -> sets RL_DIR
  local n=$1 d=$2 csv=$3 total=$4 name=$5 extra=${6:-}
  local r=$total; [ "$RL_MAX" -gt 0 ] && [ "$RL_MAX" -lt "$total" ] && r=$RL_MAX
  local rd; rd=$d/$(slug "$name")
  log "N=$n: $name on $r of $total labels"
  local rc=0
  settle
  /usr/bin/time -v -o "$rd.time" "$PY3" "$BENCH_DIR/reportlab_labels.py" --csv "$csv" --out "$rd" \
    --limit "$r" $extra > "$rd.json" 2> "$rd.err" || rc=$?
  if [ $rc -ne 0 ]; then
    fail_row "$name" "$n" "exit $rc"
    { echo "FAILED: $name, N=$n (exit $rc):"; tail -n 8 "$rd.err" | sed 's/^/    /'; } >> "$NOTES"
    RL_DIR=""; return 1
  fi
  local wall; wall=$(tv_wall "$rd.time")
  local note; note="$(jget "$rd.json" files) files"
  [ "$r" -lt "$total" ] && note="first $r of $total labels; all $total: ~$(calc "int($wall * $total / $r + 0.5)") s est.; $note"
  local long; long=$(jget "$rd.json" datamatrix_too_long)
  [ "$long" != 0 ] && note="$note; $long DataMatrix without name (too long for 44x44)"
  row "$name" "$n" "$(jget "$rd.json" labels)" "$wall" "$(jget "$rd.json" pages)" "$(tv_rss "$rd.time")" \
    "$(bytes_of "$rd")" "$note"
  RL_DIR=$rd
}

# ---- rounds --------------------------------------------------------------------------------
T_START=$(now)
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
for N in $N_LIST; do
  D=$WORK/n$N; mkdir -p "$D"
  log "N=$N: labelgen-synth --count $N --seed $SEED --selected-share 1.0 --corrections 0"
  "$SY" --count "$N" --seed "$SEED" --selected-share 1.0 --corrections 0 --format csv --out "$D/events.csv"
  "$LG" plan --admin "$ADMIN" --events "$D/events.csv" --through "$THROUGH" --json > "$D/plan.json"
  PLANNED=$(jget "$D/plan.json" labelled)
  echo "N=$N: $N students -> labelgen plan: $PLANNED labelled, $(jget "$D/plan.json" skipped_total) skipped, $(jget "$D/plan.json" rejected_total) rejected" >> "$NOTES"

  if ! run_labelgen "$N" "$D" "" labelgen; then continue; fi
  BATCH=$LG_BATCH
  LABELS=$(jget "$BATCH/summary.json" labels)
  [ "$LABELS" = "$PLANNED" ] || echo "N=$N: plan says $PLANNED labelled but run printed $LABELS labels" >> "$NOTES"

  if [ "$PEERS" = 1 ] || [ "$DECODE" = 1 ]; then
    "$PY3" "$BENCH_DIR/peer_csv.py" --manifest "$BATCH/manifest.csv" --events "$D/events.csv" \
      --admin "$ADMIN" --batch "$(jget "$BATCH/summary.json" batch)" --out "$D/peers.csv" > /dev/null
    # labelgen's sample page: the first label page holding the most labels (30 if any)
    read -r LG_FILE LG_PAGE LG_ON_PAGE < <("$PY3" - "$BATCH/manifest.csv" <<'EOF'
import csv, sys, collections
c = collections.Counter()
for r in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")):
    c[(r["file"], int(r["page"]))] += 1
best = max(c.values())
print(*next(k for k, v in c.items() if v == best), best)
EOF
)
    decode labelgen "$N" "$BATCH/$LG_FILE" "$LG_PAGE" labelgen "$D/peers.csv" "$LG_ON_PAGE"
  fi

  if [ "$VARIANTS" = 1 ]; then
    run_labelgen "$N" "$D" 1 "labelgen --threads 1" && rm -rf "$D/lg-t1" || true
  fi

  if [ "$PEERS" = 1 ]; then
    if [ "$HAVE_GLABELS" = 1 ]; then
      if run_glabels "$N" "$D" "$D/peers.csv" "$LABELS" "$GLFILE" "glabels-3-batch"; then
        decode glabels-3-batch "$N" "$GL_PDF" 1 glabels "$D/peers.csv" "$GL_ON_PAGE1"
      fi
      [ "$VARIANTS" = 1 ] && { run_glabels "$N" "$D" "$D/peers.csv" "$LABELS" "$WORK/nodm.glabels" "glabels-3-batch, no DataMatrix" || true; }
    else
      fail_row glabels-3-batch "$N" "glabels-3-batch not installed"
    fi
    if [ "$HAVE_RL" = 1 ]; then
      if run_reportlab "$N" "$D" "$D/peers.csv" "$LABELS" "ReportLab"; then
        decode ReportLab "$N" "$RL_DIR/$(jget "$RL_DIR.json" largest_file)" 1 reportlab "$D/peers.csv" \
          "$(calc "($(jget "$RL_DIR.json" largest_file_labels) < 30) ? $(jget "$RL_DIR.json" largest_file_labels) : 30")"
      fi
      [ "$VARIANTS" = 1 ] && { run_reportlab "$N" "$D" "$D/peers.csv" "$LABELS" "ReportLab, no DataMatrix" --no-datamatrix || true; }
    else
      fail_row ReportLab "$N" "python3-reportlab not importable by $PY3"
    fi
  fi
  # keep disk use flat across rounds
  [ "$KEEP" = 1 ] || rm -rf "$D/lg" "$D"/glabels* "$D"/reportlab* "$D/events.csv"
done
T_END=$(now)
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- report --------------------------------------------------------------------------------
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo "?")
DIRTY=$(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null | grep -q . && echo " (work tree modified)" || true)
CPU=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
ver() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || echo "-"; }
echo
echo "labelgen bench, $(date '+%Y-%m-%d %H:%M %Z'), $(nproc) cores ($CPU), $(awk '/MemTotal/ { printf "%.0f GB", $2/1048576 }' /proc/meminfo) RAM"
echo "labelgen $COMMIT$DIRTY; run --admin $ADMIN --through $THROUGH --printer $PRINTER; synth seed $SEED, selected-share 1.0, corrections 0"
echo "labelgen binary: $LABELGEN (sha256 $(sha256sum "$LG" | cut -c1-12)); load average at start $LOAD_START, at end $LOAD_END"
echo "glabels $(ver glabels), python3-reportlab $(ver python3-reportlab), qpdf $(ver qpdf), zbar-tools $(ver zbar-tools)"
echo
"$PY3" - "$ROWS" <<'EOF'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
ref = {}
for w, n, labels, secs, pages, rss, nbytes, note in rows:
    if w == "labelgen" and labels != "FAILED":
        ref[n] = int(labels) / float(secs) if float(secs) > 0 else None
hdr = ["writer", "N", "labels", "seconds", "labels/s", "pages/s", "peak RSS MB", "MB written", "ratio vs labelgen"]
out = []
notes, sampled = [], []
for w, n, labels, secs, pages, rss, nbytes, note in rows:
    if labels == "FAILED":
        out.append([w, f"{int(n):,}", "FAILED", "", "", "", "", "", ""])
        notes.append(f"{w}, N={int(n):,}: {note}")
        continue
    s = float(secs)
    lps = int(labels) / s if s > 0 else float("inf")
    pps = int(pages) / s if s > 0 else float("inf")
    r = ref.get(n)
    ratio = f"{r / lps:.2f}x" if r else "-"
    mark = "*" if note.startswith("first ") else ""
    out.append([w, f"{int(n):,}", f"{int(labels):,}{mark}", f"{s:.2f}", f"{lps:,.0f}", f"{pps:,.1f}",
                f"{int(rss) / 1024:.0f}", f"{int(nbytes) / 1048576:.1f}", ratio])
    if mark:
        sampled.append(f"{w}, N={int(n):,}: {note}")
    elif note and not note.startswith("threads="):
        notes.append(f"{w}, N={int(n):,}: {note}")
wid = [max(len(h), *(len(r[i]) for r in out)) if out else len(h) for i, h in enumerate(hdr)]
def line(cells):
    return "| " + " | ".join(c.ljust(wid[i]) if i == 0 else c.rjust(wid[i]) for i, c in enumerate(cells)) + " |"
print(line(hdr))
print("|" + "|".join("-" * (w + 2) for w in wid) + "|")
for r in out:
    print(line(r))
print()
print("ratio vs labelgen = labelgen's labels/s / this writer's labels/s at the same N (above 1: labelgen is faster).")
print("labelgen's pages include the Group Identification Sheets; the peers print label sheets only.")
if sampled:
    print("* measured on the first labels only; labels/s is assumed to hold for the rest:")
    for n in sampled:
        print("  - " + n)
if notes:
    print("notes:")
    for n in notes:
        print("  - " + n)
EOF
if [ -s "$NOTES" ]; then echo; cat "$NOTES"; fi
if [ -s "$DECODES" ]; then
  echo
  echo "Decode check: one page per writer; Code 128 by zbarimg --nodbus at 300 dpi, DataMatrix by ZXing"
  echo "(python3-zxing-cpp 1.4, per-cell crops) at 300 and 600 dpi (the printer profile's dpi)."
  "$PY3" - "$DECODES" <<'EOF'
import sys, json
hdr = ["writer", "N", "file, page", "labels on page", "Code 128 decoded", "DataMatrix 300 dpi", "DataMatrix 600 dpi", "fonts embedded", "qpdf --check"]
out = []
for l in open(sys.argv[1], encoding="utf-8"):
    w, n, f, p, k, js = l.rstrip("\n").split("\t", 5)
    d = json.loads(js)
    if d.get("error"):
        out.append([w, f"{int(n):,}", f"{f} p{p}", k, "error", "", "", "", ""]); continue
    def dm(k):
        v = d.get(k)
        return "n/a" if v is None else f"{v[0]} ({v[1]} match)"
    out.append([w, f"{int(n):,}", f"{f} p{p}", k, f"{d['code128']} ({d['code128_match']} match)",
                dm("datamatrix_300"), dm("datamatrix_600"),
                "yes" if d["fonts_embedded"] else "NO", "ok" if d["qpdf_check"] else "FAIL"])
wid = [max(len(h), *(len(r[i]) for r in out)) for i, h in enumerate(hdr)]
print("| " + " | ".join(h.ljust(wid[i]) for i, h in enumerate(hdr)) + " |")
print("|" + "|".join("-" * (w + 2) for w in wid) + "|")
for r in out:
    print("| " + " | ".join(c.ljust(wid[i]) for i, c in enumerate(r)) + " |")
print("\"match\": the symbol carries the <ssid><serial> (Code 128) or an SSID (DataMatrix) of a printed label.")
EOF
fi
echo
echo "total bench time: $(calc "int($T_END - $T_START + 0.5)") s"
