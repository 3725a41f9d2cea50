#!/usr/bin/env bash
# Regenerates the README's preview pictures (docs/renders/) from the Norwood V preset: Fitzpatrick II and V, session 1
# the day after, session 3 healed and five years on, from the front, three-quarter and top, and a close-up.
# Run on purpose when the look changes: bash scripts/render-docs.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=docs/renders
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
stipple() { node packages/cli/bin/stipple.js "$@"; }
stipple design --preset norwood-5 --seed 7 -o "$tmp/base.json" 2>/dev/null
rm -f "$out"/*.png
for fitz in 2 5; do
  node -e "const fs=require('fs');const d=JSON.parse(fs.readFileSync(process.argv[1]));d.skin.fitzpatrick=Number(process.argv[2]);fs.writeFileSync(process.argv[3],JSON.stringify(d))" \
    "$tmp/base.json" "$fitz" "$tmp/fitz$fitz.json"
  d="$tmp/fitz$fitz.json"
  for view in front three-quarter-left top; do
    stipple render "$d" -o "$out/norwood-5-fitz$fitz-$view-session1-fresh.png" --session 1 --stage fresh --view "$view" --width 640
    stipple render "$d" -o "$out/norwood-5-fitz$fitz-$view-session3-healed.png" --session 3 --stage healed --view "$view" --width 640
    stipple render "$d" -o "$out/norwood-5-fitz$fitz-$view-year5.png" --years 5 --view "$view" --width 640
  done
  # a 20 mm square at 40 px/mm just behind the hairline, where an artist judges single dots
  stipple render "$d" -o "$out/norwood-5-fitz$fitz-closeup-healed.png" --session 3 --stage healed --closeup 0,60
done
