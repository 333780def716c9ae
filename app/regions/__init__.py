"""China's administrative divisions (province, city, district; 6-digit GB/T
2260 codes) from the vendored @vant/area-data dataset: looked up, validated
and listed for pickers. The data is read once per process and never typed
by hand (scripts/vendor_area_data.sh refreshes it)."""
