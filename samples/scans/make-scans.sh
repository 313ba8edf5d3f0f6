#!/bin/sh
# Makes scan-like images of a labelgen label sheet for trying the verifier's decoder:
# runs `labelgen run` on samples/events.csv, rasterizes the label page that holds the most
# labels with pdftoppm, and damages it with labelgen-damage in five presets.
#
# usage: sh samples/scans/make-scans.sh [BUILD_DIR] [OUT_DIR]
#   BUILD_DIR  where labelgen and labelgen-damage were built (default: build), holding bin/
#   OUT_DIR    where the images go (default: out/scans in the repository, which git ignores)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
build=${1:-"$repo/build"}
out=${2:-"$repo/out/scans"}
labelgen="$build/bin/labelgen"
damage="$build/bin/labelgen-damage"
for tool in "$labelgen" "$damage"; do
  if [ ! -x "$tool" ]; then
    echo "make-scans: $tool not found; build it first: cmake --build $build --target labelgen labelgen-damage" >&2
    exit 2
  fi
done
command -v pdftoppm >/dev/null 2>&1 || { echo "make-scans: pdftoppm not found (apt-get install poppler-utils)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
umask 077  # the images show student names

"$labelgen" run --admin 2024-25 --events "$repo/samples/events.csv" --through 2024-12-31 \
  --out "$work/run" >/dev/null 2>"$work/run.log" || { cat "$work/run.log" >&2; exit 1; }
batch_dir=$(ls -d "$work/run"/*/ | head -n 1)

# The label page with the most labels: manifest columns file,page are the 4th and 3rd from the
# end (names are quoted and may hold commas, so count from the right).
pick=$(awk -F, 'NR > 1 { print $(NF-3) " " $(NF-2) }' "$batch_dir/manifest.csv" | sort | uniq -c |
  sort -k1,1nr -k2,2 -k3,3n | head -n 1)
count=$(echo "$pick" | awk '{ print $1 }')
file=$(echo "$pick" | awk '{ print $2 }')
page=$(echo "$pick" | awk '{ print $3 }')
echo "label page: $file page $page ($count labels)"

mkdir -p "$out"
pdftoppm -png -gray -singlefile -r 300 -f "$page" -l "$page" "$batch_dir/$file" "$work/page300"
pdftoppm -png -gray -singlefile -r 150 -f "$page" -l "$page" "$batch_dir/$file" "$work/page150"
# The GIS page in front of the labels (one page earlier than the first label page of the file).
gis_page=$((page - 1))
[ "$gis_page" -ge 1 ] && pdftoppm -png -gray -singlefile -r 300 -f "$gis_page" -l "$gis_page" "$batch_dir/$file" "$work/gis300"

cp "$work/page300.png" "$out/clean-300dpi.png"
"$damage" "$work/page300.png" "$out/moderate-300dpi.jpg" --rotate 3 --blur 0.8 --noise 6 --jpeg 80 --seed 1
"$damage" "$work/page300.png" "$out/heavy-300dpi.jpg" --rotate -8 --blur 1.2 --noise 12 --jpeg 55 --seed 2
# 150 dpi as a scanner samples it (area average of the 300-dpi raster), with a 1° skew.
"$damage" "$work/page300.png" "$out/scan-150dpi.png" --rotate 1 --scale 300:150 --blur 0.4 --noise 4 --seed 3
# pdftoppm's own 150-dpi raster, for comparison: abutting modules leave light seams there.
cp "$work/page150.png" "$out/pdftoppm-150dpi.png"
"$damage" "$work/page300.png" "$out/phone.jpg" --perspective 0.05 --rotate 7 --blur 0.7 --noise 5 --jpeg 70 --seed 4
[ -f "$work/gis300.png" ] && "$damage" "$work/gis300.png" "$out/gis-moderate-300dpi.jpg" --rotate -2 --blur 0.8 --noise 6 --jpeg 80 --seed 5

ls -l "$out"
