// Who is signed in: the server's GET /api/v1/console/session, kept in one
// reactive object, and the merchant the pages work on (remembered).
import { api, setCsrfToken, showError } from "./api.js";

const { reactive, computed } = Vue;
const MERCHANT_KEY = "console.merchant";

export const session = reactive({
  loaded: false,
  user: null,
  roles: [],
  merchants: [],
  permissions: [],
  merchantId: null,
});

export const signedIn = computed(() => session.user !== null);
export const merchant = computed(() =>
  session.merchants.find((m) => m.id === session.merchantId) || null);

export function can(permission) {
  return !permission || session.permissions.includes(permission);
}

export function accept(body) {
  session.user = body.user;
  session.roles = body.roles || [];
  session.merchants = body.merchants || [];
  session.permissions = body.permissions || [];
  setCsrfToken(body.csrf_token);
  const saved = Number(localStorage.getItem(MERCHANT_KEY));
  const ids = session.merchants.map((m) => m.id);
  session.merchantId = ids.includes(saved) ? saved : (ids[0] ?? null);
  session.loaded = true;
}

export function forget() {
  Object.assign(session, { user: null, roles: [], merchants: [], permissions: [],
                           merchantId: null, loaded: true });
  setCsrfToken("");
}

export function chooseMerchant(id) {
  session.merchantId = id;
  localStorage.setItem(MERCHANT_KEY, String(id));
}

// the session from the server (after sign-in it carries roles and permissions too)
export async function load() {
  try {
    accept(await api.get("/api/v1/console/session"));
  } catch (err) {
    forget();
    if (err.status !== 401) showError(err);
  }
  return signedIn.value;
}

export async function signOut(everywhere = false) {
  if (everywhere) await api.post("/api/v1/console/session/revoke-all");
  else await api.del("/api/v1/console/session");
  forget();
}
