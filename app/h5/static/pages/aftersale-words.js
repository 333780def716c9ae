// An after-sale error in words: the server's code translated (aftersale.errors.<code>,
// money details shown as yuan), else the app's usual wording (api.js).
import { errorText } from "../api.js";
import { has, t } from "../i18n.js";
import { price } from "../format.js";

export function saleError(err) {
  const key = `aftersale.errors.${err && err.code}`;
  if (!has(key)) return errorText(err);
  const details = { ...(err.details || {}) };
  for (const [name, value] of Object.entries(details)) {
    if (name.endsWith("_fen") && typeof value === "number") details[name] = price(value);
  }
  return t(key, details);
}
