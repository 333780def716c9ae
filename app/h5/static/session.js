// Who is signed in: a bearer token from POST /mp/v1/auth/login, kept in
// localStorage, and the buyer it speaks for (GET /mp/v1/me).
//
// In development the server's resolver maps a login code "name:anything" to
// the same person every time (a code is good once, so each sign-in sends a
// fresh suffix); in production the code is WeChat's and the server
// exchanges it (code2session). The page decides nothing about either.
import { api, token } from "./api.js";

const { reactive, computed } = Vue;

export const session = reactive({ loaded: false, user: null });
export const signedIn = computed(() => session.user !== null);

export async function load() {
  if (!session.loaded) {
    session.user = token.get() ? await api.get("/mp/v1/me").catch(() => null) : null;
    session.loaded = true;
  }
  return signedIn.value;
}

export async function signIn(name) {
  const nonce = Math.random().toString(36).slice(2, 10);
  const body = await api.post("/mp/v1/auth/login", { code: `${name}:${nonce}` });
  token.set(body.token);
  session.user = body.user;
  session.loaded = true;
}

export function forget() {
  token.clear();
  session.user = null;
  session.loaded = true;
}
