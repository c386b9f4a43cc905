#!/bin/sh
# cli/screenshot.sh [REPORT...] — render `muling report … --format html` of
# the sample community with headless Chromium and save PNGs in build/,
# to look at the pages without a browser at hand.  Not part of `make test`.
#
#   sh cli/screenshot.sh                  every report in sql/reports
#   sh cli/screenshot.sh profile roster   those two
#
# Needs build/muling (make) and chromium or google-chrome; without them it
# says so and exits 0, as the screenshot is optional.
set -u
cd "$(dirname "$0")/.." || exit 3
MULING=${MULING:-build/muling}
BROWSER=""
for b in chromium chromium-browser google-chrome; do
  if command -v "$b" > /dev/null 2>&1; then BROWSER=$b; break; fi
done
if [ -z "$BROWSER" ]; then
  echo "screenshot: no chromium or google-chrome installed: skipped"
  exit 0
fi
[ -x "$MULING" ] || { echo "screenshot: $MULING missing: run make first"; exit 3; }
DB=build/screenshot.db
rm -f "$DB"
"$MULING" init "$DB" --sample tachenglu > /dev/null || exit 3
if [ $# -eq 0 ]; then
  set -- $(ls sql/reports/*.sql | sed 's|.*/||; s|\.sql$||')
fi
status=0
for name in "$@"; do
  html=build/report-$name.html
  png=build/report-$name.png
  "$MULING" report "$DB" "$name" --format html -o "$html" || { status=3; continue; }
  # A tall window: the page is captured as far as the window reaches.
  if "$BROWSER" --headless --disable-gpu --no-sandbox --hide-scrollbars \
       --window-size=1100,2400 --screenshot="$PWD/$png" "file://$PWD/$html" \
       > /dev/null 2>&1; then
    echo "screenshot: $png"
  else
    echo "screenshot: $BROWSER failed on $html"
    status=3
  fi
done
exit $status
