// The console's words: one dictionary per language (locales/*.js), Chinese
// by default, the choice remembered in localStorage. t("a.b", {n: 1})
// looks a key up and fills {n}; a missing key shows itself. A page keeps
// its own words beside it: extend({"zh-CN": {...}, en: {...}}) at the top
// of the page's module merges them in (errors.<code> included).
import zhCN from "./locales/zh-CN.js";
import en from "./locales/en.js";

const { ref, computed } = Vue;
const DICTIONARIES = { "zh-CN": zhCN, en };
const STORE_KEY = "console.locale";

export const LANGUAGES = [{ code: "zh-CN", label: "中文" }, { code: "en", label: "English" }];

function initial() {
  const saved = localStorage.getItem(STORE_KEY);
  return saved in DICTIONARIES ? saved : "zh-CN";
}

export const locale = ref(initial());

export function setLocale(code) {
  if (!(code in DICTIONARIES)) return;
  locale.value = code;
  localStorage.setItem(STORE_KEY, code);
  document.documentElement.lang = code;
}

function merge(into, from) {
  for (const [key, value] of Object.entries(from)) {
    if (value && typeof value === "object" && into[key] && typeof into[key] === "object") {
      merge(into[key], value);
    } else {
      into[key] = value;
    }
  }
}

export function extend(messages) {
  for (const [code, words] of Object.entries(messages)) {
    if (code in DICTIONARIES) merge(DICTIONARIES[code], words);
  }
}

export function has(key) {
  return lookup(DICTIONARIES[locale.value], key) !== undefined;
}

function lookup(dictionary, key) {
  return key.split(".").reduce((node, part) => (node == null ? undefined : node[part]),
                               dictionary);
}

export function t(key, params = {}) {
  const text = lookup(DICTIONARIES[locale.value], key) ?? lookup(zhCN, key) ?? key;
  return String(text).replace(/\{(\w+)\}/g, (all, name) => (name in params ? params[name] : all));
}

// Element Plus's own words (dates, pagination, empty tables) in the same language
export const elementLocale = computed(() =>
  locale.value === "en" ? window.ElementPlusLocaleEn : window.ElementPlusLocaleZhCn);

document.documentElement.lang = locale.value;
