// The carriers a package can name (GET /api/v1/carriers), fetched once, and
// a carrier's name in the console's language (a carrier of the list, or a
// package's carrier_name / carrier_name_en).
import { api } from "../api.js";
import { locale } from "../i18n.js";

let loading = null;

export function loadCarriers() {
  if (!loading) loading = api.get("/api/v1/carriers").catch((err) => { loading = null; throw err; });
  return loading;
}

export function carrierName(carrier) {
  if (locale.value === "en") return carrier.name_en || carrier.carrier_name_en;
  return carrier.name_zh || carrier.carrier_name;
}
