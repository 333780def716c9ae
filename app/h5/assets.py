"""The vendored browser libraries the buyer app loads, in load order
(app/static/vendor: Vue is the console's copy, scripts/vendor_console.sh;
Vant comes from scripts/vendor_h5.sh: keep the versions here and there the
same)."""

VUE = "vue-3.5.47"
VUE_ROUTER = "vue-router-4.6.5"
VANT = "vant-4.10.2"
AREA_DATA = "vant-area-data-2.1.0"

STYLES = (f"vendor/{VANT}/index.css",)
SCRIPTS = (
    f"vendor/{VUE}/vue.global.prod.js",
    f"vendor/{VUE_ROUTER}/vue-router.global.prod.js",
    f"vendor/{VANT}/vant.min.js",
)
# read by the page's modules (Vant's English words, the regions for the Area picker)
VANT_ENGLISH = f"vendor/{VANT}/locale/en-US.js"
REGIONS = f"vendor/{AREA_DATA}/area-data.json"
# loaded by the pages that need them, when they need them (the distributor
# centre's chart is the console's ECharts; pickup codes are drawn as QR codes)
ECHARTS = "vendor/echarts-6.1.0/echarts.min.js"
QRCODE = "vendor/qrcode-generator-2.0.4/qrcode.mjs"
# the live room's players, loaded by its page only (scripts/vendor_live_players.sh),
# and the Socket.IO client the live package serves
HLS = "vendor/hls.js-1.7.4/hls.min.js"
MPEGTS = "vendor/mpegts.js-1.8.2/mpegts.js"
SOCKET_IO = "/static/live/socket.io.min.js"
