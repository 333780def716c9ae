// Calls to the app's JSON API (the shared JSON client, /static/json-api.js)
// with the console's cookie and the CSRF header on unsafe methods; a lost
// session signs the staff member out. showError() tells the user in a message.
import { t, has } from "./i18n.js";
import { ApiError, jsonClient } from "/static/json-api.js";

export { ApiError };

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);
let csrfToken = "";
let onSignedOut = () => {};

export function setCsrfToken(token) { csrfToken = token || ""; }
export function whenSignedOut(callback) { onSignedOut = callback; }

export const { request, api, errorText } = jsonClient({
  headers: (method) => (!SAFE.has(method) && csrfToken ? { "X-CSRF-Token": csrfToken } : {}),
  refused: (failure, path) => {
    if (failure.code === "not_signed_in" && !path.startsWith("/api/v1/console/session")) {
      onSignedOut();
    }
  },
  words: { t, has },
});

export function showError(err) {
  ElementPlus.ElMessage.error({ message: errorText(err), grouping: true });
}

// the server names a link by its path; staff send the whole address
export function absolute(url) {
  return url.startsWith("/") ? window.location.origin + url : url;
}

export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    ElementPlus.ElMessage.success(t("common.copied"));
  } catch (err) {
    ElementPlus.ElMessage.warning(t("common.copy_by_hand"));
  }
}

// money in fen shown as yuan with two decimals and thousands separators
export function yuan(fen) {
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100).toLocaleString("en-US");
  return `${sign}${whole}.${String(abs % 100).padStart(2, "0")}`;
}

// a moment shown in China time (the merchants' day), "2026-12-05 10:00"
const CHINA_TIME = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit",
  hour: "2-digit", minute: "2-digit" });

export function dateTime(iso) {
  return iso ? CHINA_TIME.format(new Date(iso)) : "";
}

// a file sent as multipart form data, with the CSRF header; answers and
// errors as request() gives them
export function upload(path, form) {
  return request("POST", path, form);
}
