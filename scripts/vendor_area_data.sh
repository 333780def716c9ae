#!/usr/bin/env bash
# Vendor China's administrative divisions (province, city, district; 6-digit
# GB/T 2260 codes) from the npm package @vant/area-data, pinned exactly.
#
# The package ships its data as JavaScript only (`export const areaList`);
# this script takes the package with `npm pack` (nothing is installed),
# loads it with node and writes the same object as JSON, keys in code order:
#
#   app/static/vendor/vant-area-data-$VERSION/area-data.json   {province_list, city_list, county_list}
#   app/static/vendor/vant-area-data-$VERSION/LICENSE          the package's licence (MIT)
#
# The server (app/regions) and the buyer pages' Vant Area picker read this
# one file, so both know the same regions.
#
# To refresh: `npm view @vant/area-data version`, then
#   scripts/vendor_area_data.sh NEW_VERSION
# then set VERSION in app/regions/dataset.py, update app/static/vendor/VENDORED.md,
# remove the old folder, and run tests/addresses.
set -euo pipefail
VERSION="${1:?usage: scripts/vendor_area_data.sh VERSION (see npm view @vant/area-data version)}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/app/static/vendor/vant-area-data-$VERSION"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

(cd "$WORK" && npm pack --silent "@vant/area-data@$VERSION" >/dev/null && tar xzf ./*.tgz)
mkdir -p "$OUT"
cp "$WORK/package/LICENSE" "$OUT/LICENSE"
node --input-type=module -e '
const [dist, out, version] = process.argv.slice(1);
const { areaList } = await import(dist);
const sorted = (o) => Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
const data = { source: `@vant/area-data@${version}`,
               province_list: sorted(areaList.province_list),
               city_list: sorted(areaList.city_list),
               county_list: sorted(areaList.county_list) };
for (const level of ["province_list", "city_list", "county_list"])
  for (const code of Object.keys(data[level]))
    if (!/^[1-9][0-9]{5}$/.test(code)) throw new Error(`not a 6-digit code: ${code}`);
(await import("node:fs")).writeFileSync(out, JSON.stringify(data, null, 1) + "\n");
' "$WORK/package/dist/index.js" "$OUT/area-data.json" "$VERSION"
echo "wrote $OUT/area-data.json"
