#!/usr/bin/env bash
# Vendor the buyer app's live-room video players from the npm registry,
# pinned exactly, copying only the built file the app serves and the
# package's licence:
#
#   app/static/vendor/hls.js-$HLS/      hls.min.js (UMD, global `Hls`): HLS over MSE
#   app/static/vendor/mpegts.js-$MPEGTS/ mpegts.js (UMD, global `mpegts`): HTTP-FLV over MSE
#
# `npm pack` fetches the tarball (nothing is installed, no build step).
# To refresh: change a version below, run this script, set the same version
# in app/h5/assets.py, update app/static/vendor/VENDORED.md, remove the old
# folder, run tests/h5/test_live_browser.py.
set -euo pipefail
HLS=1.7.4
MPEGTS=1.8.2
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

vendor() {  # package version built-file licence-file
  local out="$ROOT/app/static/vendor/$1-$2"
  mkdir -p "$WORK/$1" && (cd "$WORK/$1" && npm pack --silent "$1@$2" >/dev/null && tar xzf ./*.tgz)
  rm -rf "$out" && mkdir -p "$out"
  cp "$WORK/$1/package/$3" "$out/$(basename "$3")"
  cp "$WORK/$1/package/$4" "$out/LICENSE"
  echo "vendored $1@$2 into $out"
}
vendor hls.js "$HLS" dist/hls.min.js LICENSE
vendor mpegts.js "$MPEGTS" dist/mpegts.js LICENSE
