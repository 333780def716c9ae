// Which shop the membership and distributor pages speak of: the one in the
// route (#/distributor/3) or, without one, the shop this app sells for (the
// merchant of the products the server lists; the demo has one). The page
// only picks an id: every figure shown comes from the server.
import { api } from "./api.js";

let cached = null;

export async function shopId(route) {
  const asked = Number(route.params.merchant || 0);
  if (asked) return asked;
  if (cached === null) {
    const page = await api.get("/mp/v1/products", { per_page: 1 });
    cached = page.items.length ? page.items[0].merchant_id : 0;
  }
  return cached;
}

// a module file the server names in the page (data-<name>), loaded once
const loaded = {};
export function loadScript(name) {
  const src = document.getElementById("app").dataset[name];
  loaded[name] = loaded[name] || new Promise((resolve, reject) => {
    const tag = document.createElement("script");
    tag.src = src;
    tag.onload = resolve;
    tag.onerror = () => reject(new Error(`${src} did not load`));
    document.head.appendChild(tag);
  });
  return loaded[name];
}
