// Hash routes (#/product/7): the server serves one page at /h5/. Pages
// marked `private` need a signed-in buyer: others go to #/signin and come
// back after. Pages with a `tab` show the tab bar.
import { load, signedIn } from "./session.js";
import home from "./pages/home.js";
import signin from "./pages/signin.js";
import product from "./pages/product.js";
import cart from "./pages/cart.js";
import checkout from "./pages/checkout.js";
import pay from "./pages/pay.js";
import orders from "./pages/orders.js";
import order from "./pages/order.js";
import me from "./pages/me.js";
// live rooms
import liveList from "./pages/live-list.js";
import liveRoom from "./pages/live-room.js";

const { createRouter, createWebHashHistory } = VueRouter;

export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: "/", component: home, meta: { tab: "home" } },
    { path: "/signin", component: signin },
    { path: "/product/:id(\\d+)", component: product },
    { path: "/cart", component: cart, meta: { tab: "cart", private: true } },
    { path: "/checkout", component: checkout, meta: { private: true } },
    { path: "/pay/:id(\\d+)", component: pay, meta: { private: true } },
    { path: "/orders", component: orders, meta: { private: true } },
    { path: "/orders/:id(\\d+)", component: order, meta: { private: true } },
    { path: "/me", component: me, meta: { tab: "me", private: true } },
    // live rooms
    { path: "/live", component: liveList },
    { path: "/live/:id(\\d+)", component: liveRoom, meta: { immersive: true } },
    { path: "/:rest(.*)*", redirect: "/" },
  ],
  scrollBehavior: () => ({ top: 0 }),
});

router.beforeEach(async (to) => {
  await load();
  if (to.meta.private && !signedIn.value) return { path: "/signin", query: { next: to.fullPath } };
  return true;
});
