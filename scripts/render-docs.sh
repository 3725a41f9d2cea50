#!/usr/bin/env bash
# Regenerates docs/renders/: a Norwood V design on Fitzpatrick II and V, session 1 fresh, session 3 healed and five
# years on, front, three-quarter and top, and a close-up 2 cm behind the hairline; every image carries the "Simulated" mark.
# Run on purpose after a change to the look: bash scripts/render-docs.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=docs/renders
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
stipple() { node packages/cli/bin/stipple.js "$@"; }

rm -f "$out"/*.png
mkdir -p "$out"
for fitz in 2 5; do
  design="$work/norwood-5-fitz$fitz.json"
  stipple design --preset norwood-5 --seed 7 -o "$work/base.json" >/dev/null
  # the preset's skin, set to the Fitzpatrick type shown
  node -e '
    const fs = require("node:fs")
    const [src, dst, fitz] = process.argv.slice(1)
    const d = JSON.parse(fs.readFileSync(src, "utf8"))
    d.skin.fitzpatrick = Number(fitz)
    fs.writeFileSync(dst, JSON.stringify(d, null, 2))
  ' "$work/base.json" "$design" "$fitz"
  for view in front three-quarter-left top; do
    stipple render "$design" -o "$out/norwood-5-fitz$fitz-$view-session1-fresh.png" --view "$view" --session 1 --stage fresh --width 1000
    stipple render "$design" -o "$out/norwood-5-fitz$fitz-$view-session3-healed.png" --view "$view" --session 3 --stage healed --width 1000
    stipple render "$design" -o "$out/norwood-5-fitz$fitz-$view-year5.png" --view "$view" --session 3 --years 5 --width 1000
  done
  stipple render "$design" -o "$out/norwood-5-fitz$fitz-closeup-healed.png" --closeup 0,65 --session 3 --stage healed --width 800
done
ls -1 "$out"
