#!/usr/bin/env bash
# Vendor the QR code drawer of the buyer web app (/h5/: pickup codes) from
# the npm registry, pinned exactly:
#
#   app/static/vendor/qrcode-generator-$VERSION/qrcode.mjs   the ES module (export `qrcode`)
#   app/static/vendor/qrcode-generator-$VERSION/LICENSE      its MIT licence
#
# The package ships no LICENSE file: its source states the licence in its
# header (MIT, Copyright (c) 2009 Kazuhiko Arase), which this script checks
# and writes out beside the module with the MIT licence's text.
#
# `npm pack` fetches the tarball (nothing is installed, no build step).
# To refresh: change the version below, run this script, set the same
# version in app/h5/assets.py, update app/static/vendor/VENDORED.md, remove
# the old folder, run tests/h5.
set -euo pipefail
VERSION=2.0.4
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/app/static/vendor/qrcode-generator-$VERSION"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

(cd "$WORK" && npm pack --silent "qrcode-generator@$VERSION" >/dev/null && tar xzf ./*.tgz)
SRC="$WORK/package/dist/qrcode.mjs"
grep -q "Copyright (c) 2009 Kazuhiko Arase" "$SRC"
grep -q "Licensed under the MIT license" "$SRC"
rm -rf "$OUT" && mkdir -p "$OUT"
cp "$SRC" "$OUT/qrcode.mjs"
cat > "$OUT/LICENSE" <<'TEXT'
The MIT License (MIT)

Copyright (c) 2009 Kazuhiko Arase

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in
all copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN
THE SOFTWARE.

The word "QR Code" is a registered trademark of DENSO WAVE INCORPORATED.
TEXT
echo "vendored qrcode-generator@$VERSION into $OUT"
