// Calls to the app's JSON API: same origin, the console's cookie, the CSRF
// header on unsafe methods, and the server's {"error": {code, message}}
// turned into an ApiError. showError() tells the user: a translated text
// for a code the console knows (locales: errors.<code>), else the server's message.
import { t, has } from "./i18n.js";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);
let csrfToken = "";
let onSignedOut = () => {};

export class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details || {};
  }
}

export function setCsrfToken(token) { csrfToken = token || ""; }
export function whenSignedOut(callback) { onSignedOut = callback; }

export async function request(method, path, body) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (!SAFE.has(method) && csrfToken) headers["X-CSRF-Token"] = csrfToken;
  let response;
  try {
    response = await fetch(path, { method, headers, credentials: "same-origin",
                                   body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (err) {
    throw new ApiError(0, "network_error", t("errors.network_error"));
  }
  const data = response.status === 204 ? null : await response.json().catch(() => null);
  if (response.ok) return data;
  const error = (data && data.error) || {};
  const failure = new ApiError(response.status, error.code || `http_${response.status}`,
                               error.message || response.statusText, error.details);
  if (failure.code === "not_signed_in" && !path.startsWith("/api/v1/console/session")) {
    onSignedOut();
  }
  throw failure;
}

export const api = {
  get: (path, query) => request("GET", query ? `${path}?${new URLSearchParams(query)}` : path),
  post: (path, body = {}) => request("POST", path, body),
  put: (path, body = {}) => request("PUT", path, body),
  patch: (path, body = {}) => request("PATCH", path, body),
  del: (path) => request("DELETE", path),
};

export function errorText(err) {
  if (err && err.code && has(`errors.${err.code}`)) return t(`errors.${err.code}`);
  return (err && err.message) || t("errors.unknown");
}

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

// a file sent as multipart form data (the browser sets the boundary), with
// the CSRF header; answers and errors as request() gives them
export async function upload(path, form) {
  let response;
  try {
    response = await fetch(path, { method: "POST", credentials: "same-origin", body: form,
                                   headers: { Accept: "application/json",
                                              "X-CSRF-Token": csrfToken } });
  } catch (err) {
    throw new ApiError(0, "network_error", t("errors.network_error"));
  }
  const data = await response.json().catch(() => null);
  if (response.ok) return data;
  const error = (data && data.error) || {};
  throw new ApiError(response.status, error.code || `http_${response.status}`,
                     error.message || response.statusText, error.details);
}
