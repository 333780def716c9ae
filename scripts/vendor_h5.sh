#!/usr/bin/env bash
# Vendor the buyer web app's (/h5/) component library from the npm registry,
# pinned exactly, copying only the built files the app serves and the
# package's licence (Vue itself is the console's vendored copy):
#
#   app/static/vendor/vant-$VANT/   vant.min.js (UMD, global `vant`), index.css,
#                                   vant-icon.woff2, locale/en-US.js (ES module: Vant's
#                                   own English words)
#
# The one change to a file: index.css embeds its icon font as a data: URL
# with a CDN fallback; the font is written out as vant-icon.woff2 and the
# CSS points at it alone, so the page's CSP (font-src 'self') holds and no
# request leaves the app.
#
# `npm pack` fetches the tarball (nothing is installed, no build step).
# To refresh: `npm view vant version`, change the version below, run this
# script, set the same version in app/h5/assets.py, update
# app/static/vendor/VENDORED.md, remove the old folder, run tests/h5.
set -euo pipefail
VANT=4.10.2
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/app/static/vendor/vant-$VANT"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

(cd "$WORK" && npm pack --silent "vant@$VANT" >/dev/null && tar xzf ./*.tgz)
rm -rf "$OUT" && mkdir -p "$OUT/locale"
cp "$WORK/package/lib/vant.min.js" "$OUT/vant.min.js"
python3 - "$WORK/package/lib/index.css" "$OUT" <<'PY'
import base64, re, sys
css, out = open(sys.argv[1], encoding="utf-8").read(), sys.argv[2]
face = re.compile(r'src:url\(data:font/woff2;charset=utf-8;base64,([A-Za-z0-9+/=]+)\) '
                  r'format\("woff2"\),url\([^)]*\) format\("woff"\)')
found = face.findall(css)
assert len(found) == 1, "the icon font's src is not where it was"
open(f"{out}/vant-icon.woff2", "wb").write(base64.b64decode(found[0]))
css = face.sub('src:url(vant-icon.woff2) format("woff2")', css)
assert "url(//" not in css and "http" not in css.replace("http://www.w3.org", "")
open(f"{out}/index.css", "w", encoding="utf-8").write(css)
PY
cp "$WORK/package/es/locale/lang/en-US.mjs" "$OUT/locale/en-US.js"
cp "$WORK/package/LICENSE" "$OUT/LICENSE"
echo "vendored vant@$VANT into $OUT"
