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
// distributor centre, membership, communities
import distributor from "./pages/distributor.js";
import membership from "./pages/membership.js";
import communities from "./pages/communities.js";
import community from "./pages/community.js";
import join from "./pages/join.js";
import pickup from "./pages/pickup.js";
// discovery and after-sales
import search from "./pages/search.js";
import categories from "./pages/categories.js";
import favourites from "./pages/favourites.js";
import history from "./pages/history.js";
import aftersaleNew from "./pages/aftersale-new.js";
import aftersales from "./pages/aftersales.js";
import aftersale from "./pages/aftersale.js";
// group-buy, bargain, reviews
import group from "./pages/group.js";
import bargain from "./pages/bargain.js";
import reviewsAwaiting from "./pages/reviews-awaiting.js";
import reviewWrite from "./pages/review-write.js";
import myPromos from "./pages/my-promos.js";
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
    // distributor centre, membership, communities
    { path: "/distributor/:merchant(\\d+)?", component: distributor, meta: { private: true } },
    { path: "/membership/:merchant(\\d+)?", component: membership, meta: { private: true } },
    { path: "/communities", component: communities, meta: { private: true } },
    { path: "/community/:id(\\d+)", component: community, meta: { private: true } },
    { path: "/join/:scene", component: join, meta: { private: true } },
    { path: "/pickup/:id(\\d+)", component: pickup, meta: { private: true } },
    // discovery and after-sales
    { path: "/search", component: search },
    { path: "/categories", component: categories },
    { path: "/favourites", component: favourites, meta: { private: true } },
    { path: "/history", component: history, meta: { private: true } },
    { path: "/orders/:id(\\d+)/after-sale", component: aftersaleNew, meta: { private: true } },
    { path: "/after-sales", component: aftersales, meta: { private: true } },
    { path: "/after-sales/:id(\\d+)", component: aftersale, meta: { private: true } },
    // group-buy, bargain, reviews
    { path: "/group/:id(\\d+)", component: group },
    { path: "/bargain/:id(\\d+)", component: bargain },
    { path: "/reviews/awaiting", component: reviewsAwaiting, meta: { private: true } },
    { path: "/review/:line(\\d+)", component: reviewWrite, meta: { private: true } },
    { path: "/my/:kind(groups|bargains)", component: myPromos, meta: { private: true } },
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
