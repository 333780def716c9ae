// China's provinces and their cities for the console's region pickers, from
// the vendored @vant/area-data file the server validates against (the same
// 6-digit codes), fetched once. A city's province is its code's first two
// digits and "0000" (GB/T 2260).
const AREA_DATA = "/static/vendor/vant-area-data-2.1.0/area-data.json";
let loading = null;

async function fetchTree() {
  const response = await fetch(AREA_DATA, { credentials: "same-origin" });
  const data = await response.json();
  const names = { ...data.province_list, ...data.city_list };
  const provinces = Object.entries(data.province_list).map(([code, name]) => ({
    value: code, label: name, children: [] }));
  const byCode = Object.fromEntries(provinces.map((p) => [p.value, p]));
  for (const [code, name] of Object.entries(data.city_list)) {
    const province = byCode[`${code.slice(0, 2)}0000`];
    if (province) province.children.push({ value: code, label: name });
  }
  return { tree: provinces, names };
}

// {tree: [{value, label, children}], names: {code: name}}
export function regions() {
  if (!loading) loading = fetchTree().catch((err) => { loading = null; throw err; });
  return loading;
}

export function regionNames(codes, names) {
  return codes.map((code) => names[code] || code).join("、");
}
