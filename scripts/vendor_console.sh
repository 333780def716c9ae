#!/usr/bin/env bash
# Vendor the merchant console's browser libraries from the npm registry,
# each pinned exactly, copying only the built files the console serves and
# each package's licence (and NOTICE, where the package has one):
#
#   app/static/vendor/vue-$VUE/                       vue.global.prod.js (with the template compiler)
#   app/static/vendor/vue-router-$ROUTER/             vue-router.global.prod.js
#   app/static/vendor/element-plus-$EP/               index.full.min.js, index.css, locale/zh-cn.min.js, locale/en.min.js
#   app/static/vendor/element-plus-icons-vue-$ICONS/  index.iife.min.js
#   app/static/vendor/echarts-$ECHARTS/               echarts.min.js
#
# `npm pack` fetches each tarball (nothing is installed, no build step).
# To refresh: `npm view PACKAGE version`, change the versions below, run
# this script, set the same versions in app/console/assets.py, update
# app/static/vendor/VENDORED.md, remove the old folders, run tests/console.
set -euo pipefail
VUE=3.5.47
ROUTER=4.6.5
EP=2.14.8
ICONS=2.3.2
ECHARTS=6.1.0
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
VENDOR="$ROOT/app/static/vendor"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# take PACKAGE VERSION FOLDER FILE...: unpack the tarball, copy FILEs (paths
# inside the package; a/b keeps its folder) and the licence into FOLDER.
take() {
  local package="$1" version="$2" folder="$3"; shift 3
  local dir="$WORK/$folder"
  mkdir -p "$dir" && (cd "$dir" && npm pack --silent "$package@$version" >/dev/null && tar xzf ./*.tgz)
  local out="$VENDOR/$folder"
  rm -rf "$out" && mkdir -p "$out"
  for file in "$@"; do
    mkdir -p "$out/$(dirname "${file#*:}")"
    cp "$dir/package/${file%%:*}" "$out/${file#*:}"
  done
  cp "$dir/package/LICENSE" "$out/LICENSE"
  if [ -f "$dir/package/NOTICE" ]; then cp "$dir/package/NOTICE" "$out/NOTICE"; fi
  echo "vendored $package@$version into $out"
}

take vue "$VUE" "vue-$VUE" dist/vue.global.prod.js:vue.global.prod.js
take vue-router "$ROUTER" "vue-router-$ROUTER" dist/vue-router.global.prod.js:vue-router.global.prod.js
take element-plus "$EP" "element-plus-$EP" dist/index.full.min.js:index.full.min.js \
  dist/index.css:index.css dist/locale/zh-cn.min.js:locale/zh-cn.min.js dist/locale/en.min.js:locale/en.min.js
take @element-plus/icons-vue "$ICONS" "element-plus-icons-vue-$ICONS" dist/index.iife.min.js:index.iife.min.js
take echarts "$ECHARTS" "echarts-$ECHARTS" dist/echarts.min.js:echarts.min.js
