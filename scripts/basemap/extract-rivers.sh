#!/bin/sh
# Extract GSHHG/WDBII river lines for the basemap bbox into committed text, so a fresh
# machine builds the basemap without GMT. Needs Debian `gmt` + `gmt-gshhg-high`.
# Usage: sh scripts/basemap/extract-rivers.sh   (from the repository root)
set -eu
cd "$(dirname "$0")/../.."
REGION=97/110.5/26/34.5
OUT=data/raw/wdbii-rivers.txt
GMT_VERSION=$(gmt --version)
GSHHG_VERSION=$(dpkg-query -W -f '${Version}' gmt-gshhg-high 2>/dev/null || echo unknown)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
TMP=$WORK/rivers.txt

# One run with all four levels: GMT writes "Level N" in each segment header, so the rank is kept.
# Run inside the temp dir: GMT leaves a gmt.history file in its working directory.
(cd "$WORK" && gmt coast -R$REGION -Dh -I1 -I2 -I3 -I4 -M > "$TMP")

{
  echo "# GSHHG/WDBII river lines (rank 1-4 = WDBII river level), bbox lon 97..110.5, lat 26..34.5, WGS84."
  echo "# Made by scripts/basemap/extract-rivers.sh: gmt coast -R$REGION -Dh -I1 -I2 -I3 -I4 -M"
  echo "# GMT $GMT_VERSION, gmt-gshhg-high $GSHHG_VERSION (high resolution, ~1:1-3M)."
  echo "# Licence: LGPL-3+ (GSHHG, Wessel & Smith; rivers from CIA World Data Bank II)."
  echo "# GMT cuts lines at its 2-degree storage bins and does not clip to the region: pieces wholly"
  echo "# outside the bbox are dropped here; clipping and joining happen in scripts/basemap/rivers.ts."
  echo "# Coordinates rounded to 5 decimals, consecutive duplicates removed."
  echo "# Format: '> <rank>' starts a line, then one 'lon lat' per row."
  awk -v W=97 -v E=110.5 -v S=26 -v N=34.5 '
    function fmt(v,   s) { s = sprintf("%.5f", v); sub(/0+$/, "", s); sub(/\.$/, "", s); return s }
    function flush(   i) {
      if (n >= 2 && maxx >= W && minx <= E && maxy >= S && miny <= N) {
        print "> " level
        for (i = 1; i <= n; i++) print pts[i]
      }
      n = 0
    }
    /^>/ { flush(); level = $NF; minx = miny = 1e9; maxx = maxy = -1e9; next }
    {
      p = fmt($1) " " fmt($2)
      if (n > 0 && pts[n] == p) next
      pts[++n] = p
      if ($1 < minx) minx = $1; if ($1 > maxx) maxx = $1
      if ($2 < miny) miny = $2; if ($2 > maxy) maxy = $2
    }
    END { flush() }
  ' "$TMP"
} > "$OUT"
echo "wrote $OUT: $(grep -c '^>' "$OUT") lines, $(grep -vc '^[>#]' "$OUT") points"
