// Hash routes (#/dashboard): the server serves one page at /console/.
// Signed-out visitors go to #/signin (and come back after); a page the
// session may not see sends them to the first one it may.
import { ITEMS, firstAllowed } from "./menu.js";
import { session, signedIn, can, load } from "./session.js";
import layout from "./layout.js";
import signin from "./pages/signin.js";
import invite from "./pages/invite.js";

const { createRouter, createWebHashHistory } = VueRouter;

const welcome = { template: `<el-empty :description="$t('layout.nothing_to_show')" />` };

export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: "/signin", component: signin, meta: { public: true } },
    { path: "/invite/:token", component: invite, meta: { public: true } },
    { path: "/", component: layout, children: [
      { path: "welcome", component: welcome },
      ...ITEMS.map((item) => ({ path: item.path.slice(1), component: item.page,
                                meta: { title: item.title, permission: item.permission } })),
    ] },
    { path: "/:rest(.*)*", redirect: "/" },
  ],
});

router.beforeEach(async (to) => {
  if (!session.loaded) await load();
  if (to.meta.public) return true;
  if (!signedIn.value) {
    return to.path === "/" ? "/signin" : { path: "/signin", query: { next: to.fullPath } };
  }
  if (to.path === "/" || !can(to.meta.permission)) return firstAllowed();
  return true;
});
