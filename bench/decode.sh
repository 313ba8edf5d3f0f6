#!/bin/sh
# Decoding scans: labelgen's decoder (lg::decode, through labelgen-decode-scan) against
# `zbarimg --nodbus` on the same N damaged 300-dpi letter pages of full 30-up label sheets.
# zbar reads Code 128 only: it has no DataMatrix reader (and none for PDF417 in Debian's
# build), so its rate is the Code 128 rate; labelgen's is shown for both symbols.
#
# usage: sh bench/decode.sh [BUILD_DIR] [N]     (defaults: build, 4 pages)
# Pages: moderate damage (turned 3°, blur σ 0.8 px, noise σ 6, JPEG quality 80), as
# samples/scans/make-scans.sh. Prints only counts and times (no names, no SSIDs).
set -eu

repo=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-"$repo/build"}
n=${2:-4}
for tool in labelgen labelgen-damage labelgen-decode-scan; do
  [ -x "$build/bin/$tool" ] || { echo "bench/decode.sh: $build/bin/$tool missing (cmake --build $build --target $tool)" >&2; exit 2; }
done
for tool in pdftoppm zbarimg; do
  command -v $tool >/dev/null 2>&1 || { echo "bench/decode.sh: $tool not found (poppler-utils, zbar-tools)" >&2; exit 2; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
umask 077

# 30 × N students at one school: N full sheets after the GIS pages.
awk -v n="$n" 'BEGIN {
  print "event_id,ssr_generated_at,ssid,last_name,first_name,middle_name,birth_date,grade,lea_cds,lea_name,school_cds,school_name,charter_number,form,test_completed_on,mode,answer_book,parent_notified_on"
  split("Nguyen Garcia Smith Obrien Kim Le Johnson Martinez Tran Muller", last, " ")
  split("Ana Bao Carlos Dana Emile Fatima", first, " ")
  for (i = 1; i <= 30 * n; i++)
    printf "SSR-BENCH%06d,2024-08-22,40%08d,%s,%s,,2018-10-28,KN,37683380000000,San Diego Unified,37683386112536,Rosa Parks Elementary,,1,2024-08-05,in_person,complete,2024-08-28\n", i, i * 7919, last[(i % 10) + 1], first[(i % 6) + 1]
}' > "$work/events.csv"
"$build/bin/labelgen" run --admin 2024-25 --events "$work/events.csv" --through 2024-12-31 --out "$work/run" \
  >/dev/null 2>"$work/run.log" || { cat "$work/run.log" >&2; exit 1; }
batch_dir=$(ls -d "$work/run"/*/ | head -n 1)
manifest="$batch_dir/manifest.csv"
pdf="$batch_dir/$(awk -F, 'NR == 2 { print $(NF-3) }' "$manifest")"
# What was printed: SSID + serial (the Code 128's first 17 digits) per label.
awk -F, 'NR > 1 { print $2 $1 }' "$manifest" | sort > "$work/expected"
labels=$(wc -l < "$work/expected")

i=0
for page in $(awk -F, 'NR > 1 { print $(NF-2) }' "$manifest" | sort -un | head -n "$n"); do
  i=$((i + 1))
  pdftoppm -png -gray -singlefile -r 300 -f "$page" -l "$page" "$pdf" "$work/clean$i" 2>/dev/null
  "$build/bin/labelgen-damage" "$work/clean$i.png" "$work/page$i.png" --rotate 3 --blur 0.8 --noise 6 --jpeg 80 --seed "$i"
done
pages=$i
printed=$((pages * 30))

now() { date +%s.%N; }
t0=$(now)
"$build/bin/labelgen-decode-scan" --texts "$work"/page*.png > "$work/labelgen.out"
t1=$(now)
zbarimg --nodbus -q "$work"/page*.png > "$work/zbar.out" 2>/dev/null || true
t2=$(now)

# Right reads: the first 17 digits are a printed label's SSID and serial.
right_code128() { grep -o '[0-9]\{18\}' "$1" | cut -c1-17 | sort -u | comm -12 - "$work/expected" | wc -l; }
lg_code=$(awk -F'\t' '$3 == "Code128"' "$work/labelgen.out" | right_code128 /dev/stdin)
lg_dm=$(awk -F'\t' '$3 == "DataMatrix" && $4 ~ /^P1\|/ { split($4, f, "|"); print f[7] f[8] }' "$work/labelgen.out" | sort -u | comm -12 - "$work/expected" | wc -l)
zb_code=$(grep '^CODE-128:' "$work/zbar.out" | right_code128 /dev/stdin)
lg_time=$(echo "$t0 $t1 $pages" | awk '{ printf "%.2f", ($2 - $1) / $3 }')
zb_time=$(echo "$t1 $t2 $pages" | awk '{ printf "%.2f", ($2 - $1) / $3 }')
lg_page=$(awk -F'\t' '$5 ~ /^seconds/ { split($5, s, " "); t += s[2]; n++ } END { printf "%.2f", t / n }' "$work/labelgen.out")

echo "decode bench: $pages damaged 300-dpi letter pages, $printed labels (of $labels printed), moderate damage"
printf '%-28s %12s %14s %14s\n' "decoder" "s/page" "Code 128" "DataMatrix"
printf '%-28s %12s %8s/%-5s %8s/%-5s\n' "labelgen (lg::decode)" "$lg_time" "$lg_code" "$printed" "$lg_dm" "$printed"
printf '%-28s %12s %8s/%-5s %14s\n' "zbarimg --nodbus (zbar 0.23)" "$zb_time" "$zb_code" "$printed" "no reader"
echo "labelgen s/page is wall time per page including loading; decode alone: $lg_page s/page"
