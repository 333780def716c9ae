// The buyer app's words, as the console does it: one dictionary per
// language (locales/*.js), Chinese by default, the choice remembered in
// localStorage. t("a.b", {n: 1}) looks a key up and fills {n}; a missing
// key shows itself. Vant's own words (pickers, dialogs) follow the choice.
import zhCN from "./locales/zh-CN.js";
import en from "./locales/en.js";

const { ref } = Vue;
const DICTIONARIES = { "zh-CN": zhCN, en };
const STORE_KEY = "h5.locale";

export const LANGUAGES = [{ code: "zh-CN", label: "中文" }, { code: "en", label: "English" }];

function initial() {
  const saved = localStorage.getItem(STORE_KEY);
  return saved in DICTIONARIES ? saved : "zh-CN";
}

export const locale = ref(initial());

// Vant ships its Chinese words; its English ones are a vendored module read once
const vantChinese = { ...vant.Locale.messages() };
let vantEnglish = null;

async function applyVantWords(code) {
  if (code !== "en") {
    vant.Locale.use("zh-CN", vantChinese);
    return;
  }
  if (!vantEnglish) {
    vantEnglish = (await import(document.getElementById("app").dataset.vantEnglish)).default;
  }
  vant.Locale.use("en-US", vantEnglish);
}

export async function setLocale(code) {
  if (!(code in DICTIONARIES)) return;
  await applyVantWords(code);
  locale.value = code;
  localStorage.setItem(STORE_KEY, code);
  document.documentElement.lang = code;
}

export async function startLocale() {
  document.documentElement.lang = locale.value;
  await applyVantWords(locale.value);
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
