// One way for the app's pages (the console and the buyer app) to call its
// JSON API: same origin, JSON in and out (a FormData body goes as multipart,
// the browser sets the boundary), the server's {"error": {code, message,
// details}} turned into an ApiError, a fetch that fails into network_error.
// Each app says only what it adds: its headers (a CSRF token, a bearer
// token), whether cookies go, what a refusal means to it (signed out), and
// its words.
export class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details || {};
  }
}

export function jsonClient({ headers = () => ({}), credentials = "same-origin",
                             refused = () => {}, words }) {
  async function request(method, path, body) {
    const form = body instanceof FormData;
    const sent = { Accept: "application/json", ...headers(method) };
    if (body !== undefined && !form) sent["Content-Type"] = "application/json";
    let response;
    try {
      response = await fetch(path, { method, headers: sent, credentials,
                                     body: body === undefined || form ? body : JSON.stringify(body) });
    } catch (err) {
      throw new ApiError(0, "network_error", words.t("errors.network_error"));
    }
    const data = response.status === 204 ? null : await response.json().catch(() => null);
    if (response.ok) return data;
    const error = (data && data.error) || {};
    const failure = new ApiError(response.status, error.code || `http_${response.status}`,
                                 error.message || response.statusText, error.details);
    refused(failure, path);
    throw failure;
  }

  const api = {
    get: (path, query) => request("GET", query ? `${path}?${new URLSearchParams(query)}` : path),
    post: (path, body = {}) => request("POST", path, body),
    put: (path, body = {}) => request("PUT", path, body),
    patch: (path, body = {}) => request("PATCH", path, body),
    del: (path) => request("DELETE", path),
  };

  // a translated text for a code the app knows (errors.<code>, filled from
  // the error's details), else the server's own message
  function errorText(err) {
    if (err && err.code && words.has(`errors.${err.code}`)) {
      return words.t(`errors.${err.code}`, err.details);
    }
    return (err && err.message) || words.t("errors.unknown");
  }

  return { request, api, errorText };
}
