"""The vendored browser libraries the console page loads, in load order
(app/static/vendor, refreshed by scripts/vendor_console.sh: keep the
versions here and there the same)."""

VUE = "vue-3.5.47"
VUE_ROUTER = "vue-router-4.6.5"
ELEMENT_PLUS = "element-plus-2.14.8"
ICONS = "element-plus-icons-vue-2.3.2"
ECHARTS = "echarts-6.1.0"

STYLES = (f"vendor/{ELEMENT_PLUS}/index.css",)
SCRIPTS = (
    f"vendor/{VUE}/vue.global.prod.js",
    f"vendor/{VUE_ROUTER}/vue-router.global.prod.js",
    f"vendor/{ELEMENT_PLUS}/index.full.min.js",
    f"vendor/{ELEMENT_PLUS}/locale/zh-cn.min.js",
    f"vendor/{ELEMENT_PLUS}/locale/en.min.js",
    f"vendor/{ICONS}/index.iife.min.js",
    f"vendor/{ECHARTS}/echarts.min.js",
)
