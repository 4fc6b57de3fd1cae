#!/usr/bin/env bash
# Fresh screenshots for README, taken with headless Chromium into notebooks/img/:
#   report.png           top of the HTML review page (`claims report`)
#   report-document.png  one document of that page, highlighted, with its claims table
#   review.png           notebooks/review.ipynb, executed: the document view
#   overview.png         notebooks/overview.ipynb, executed: the METHOD x country heatmap
# Usage: scripts/screenshots.sh            (runs corpus/docs into a temporary folder)
#        TNR_RUN_DIR=outputs scripts/screenshots.sh   (uses an existing run)
# Needs: Chromium (Debian: apt-get install -y chromium), the project's venv with the
# review extra (pip install -e '.[review]', which brings nbconvert).
set -euo pipefail
cd "$(dirname "$0")/.."

PY="${PYTHON:-.venv/bin/python}"
IMG=notebooks/img
WIDTH=1280

CHROMIUM="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [ -z "$CHROMIUM" ]; then
    echo "error: chromium not found; install it (Debian: apt-get install -y chromium) and rerun" >&2
    exit 2
fi
if ! "$PY" -c "import tnr_claims, nbconvert, nbclient, ipykernel" 2>/dev/null; then
    echo "error: $PY lacks tnr_claims or nbconvert; run: make install && $PY -m pip install -e '.[review]'" >&2
    exit 2
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
RUN="${TNR_RUN_DIR:-$WORK/run}"
RUN="$(cd "$(dirname "$RUN")" && pwd)/$(basename "$RUN")"
if [ ! -f "$RUN/records.jsonl" ]; then
    echo "running the pipeline on corpus/docs into $RUN" >&2
    "$PY" -m tnr_claims.cli run corpus/docs -o "$RUN" -q || [ $? -eq 1 ]
fi

shot() {  # shot PAGE.html ELEMENT_ID OUT.png HEIGHT: the page from that element down
    # Everything laid out before the element is hidden with CSS (:has), so the element is
    # at the top of the shot; the report's Content-Security-Policy allows inline CSS.
    local focus="$WORK/focus-$2.html"
    "$PY" - "$1" "$2" "$focus" <<'PYEOF'
import sys
from pathlib import Path

page, element, out = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
html = page.read_text(encoding="utf-8")
if f'id="{element}"' not in html:
    sys.exit(f"error: {page.name} has no element id {element!r}; update scripts/screenshots.sh")
style = f"<style>*:has(~ #{element}), *:has(~ * #{element}) {{ display: none !important; }}</style>"
at = html.index("</head>") if element != "top" else None
out.write_text(html if at is None else html[:at] + style + html[at:], encoding="utf-8")
PYEOF
    "$CHROMIUM" --headless --no-sandbox --disable-gpu --hide-scrollbars \
        --no-first-run --disable-extensions --force-device-scale-factor=1 \
        --virtual-time-budget=5000 --window-size="$WIDTH,$4" \
        --screenshot="$3" "file://$focus" >/dev/null 2>&1
    [ -s "$3" ] || { echo "error: chromium wrote no screenshot of $1" >&2; exit 1; }
}

echo "HTML review page" >&2
"$PY" -m tnr_claims.cli report "$RUN" -o "$WORK/report.html" >/dev/null
shot "$WORK/report.html" top "$WORK/report.png" 1100
shot "$WORK/report.html" documents "$WORK/report-document.png" 1300

echo "notebooks (executed headless against the run)" >&2
for name in review overview; do
    TNR_RUN_DIR="$RUN" "$PY" -m jupyter nbconvert --to html --execute \
        --ExecutePreprocessor.timeout=300 --output-dir "$WORK" \
        "notebooks/$name.ipynb" >/dev/null 2>&1 \
        || { echo "error: notebooks/$name.ipynb failed to execute; run it in Jupyter to see why" >&2; exit 1; }
done
shot "$WORK/review.html" The-document-and-its-claims "$WORK/review.png" 1200
shot "$WORK/overview.html" Claims-by-METHOD-category-and-country "$WORK/overview.png" 1000

# Small PNGs: 256-colour palette, optimised; optipng squeezes further when installed.
"$PY" - "$WORK" "$IMG" <<'PYEOF'
import sys
from pathlib import Path

from PIL import Image

work, img = Path(sys.argv[1]), Path(sys.argv[2])
for name in ("report", "report-document", "review", "overview"):
    with Image.open(work / f"{name}.png") as shot:
        small = shot.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
        small.save(img / f"{name}.png", optimize=True)
    print(f"{img / name}.png: {(img / f'{name}.png').stat().st_size // 1024} KB", file=sys.stderr)
PYEOF
if command -v optipng >/dev/null; then optipng -quiet -o2 "$IMG"/*.png; fi
echo "wrote $IMG/report.png, report-document.png, review.png, overview.png" >&2
