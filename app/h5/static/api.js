// Calls to /mp/v1: same origin, the buyer's bearer token, and the server's
// {"error": {code, message}} turned into an ApiError. showError() tells the
// buyer: a translated text for a code the app knows (errors.<code>, filled
// from the error's details), else the server's own message. A refused token signs the buyer out.
import { t, has } from "./i18n.js";

const TOKEN_KEY = "h5.token";
let onSignedOut = () => {};

export class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details || {};
  }
}

export const token = {
  get: () => localStorage.getItem(TOKEN_KEY) || "",
  set: (value) => localStorage.setItem(TOKEN_KEY, value),
  clear: () => localStorage.removeItem(TOKEN_KEY),
};

export function whenSignedOut(callback) { onSignedOut = callback; }

export async function request(method, path, body) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (token.get()) headers.Authorization = `Bearer ${token.get()}`;
  let response;
  try {
    response = await fetch(path, { method, headers, credentials: "omit",
                                   body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (err) {
    throw new ApiError(0, "network_error", t("errors.network_error"));
  }
  const data = response.status === 204 ? null : await response.json().catch(() => null);
  if (response.ok) return data;
  const error = (data && data.error) || {};
  const failure = new ApiError(response.status, error.code || `http_${response.status}`,
                               error.message || response.statusText, error.details);
  if (response.status === 401 && token.get()) {
    token.clear();
    onSignedOut();
  }
  throw failure;
}

export const api = {
  get: (path, query) => request("GET", query ? `${path}?${new URLSearchParams(query)}` : path),
  post: (path, body = {}) => request("POST", path, body),
  patch: (path, body = {}) => request("PATCH", path, body),
  del: (path) => request("DELETE", path),
};

export function errorText(err) {
  if (err && err.code && has(`errors.${err.code}`)) return t(`errors.${err.code}`, err.details);
  return (err && err.message) || t("errors.unknown");
}

export function showError(err) {
  vant.showToast({ message: errorText(err), wordBreak: "break-word" });
}
