// Calls to /mp/v1 (the shared JSON client, /static/json-api.js) with the
// buyer's bearer token; a refused token signs the buyer out. showError()
// tells the buyer in a toast.
import { t, has } from "./i18n.js";
import { ApiError, jsonClient } from "/static/json-api.js";

export { ApiError };

const TOKEN_KEY = "h5.token";
let onSignedOut = () => {};

export const token = {
  get: () => localStorage.getItem(TOKEN_KEY) || "",
  set: (value) => localStorage.setItem(TOKEN_KEY, value),
  clear: () => localStorage.removeItem(TOKEN_KEY),
};

export function whenSignedOut(callback) { onSignedOut = callback; }

export const { request, api, errorText } = jsonClient({
  headers: () => (token.get() ? { Authorization: `Bearer ${token.get()}` } : {}),
  credentials: "omit",
  refused: (failure) => {
    if (failure.status === 401 && token.get()) {
      token.clear();
      onSignedOut();
    }
  },
  words: { t, has },
});

export function showError(err) {
  vant.showToast({ message: errorText(err), wordBreak: "break-word" });
}
