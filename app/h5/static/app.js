// The buyer app's entry: Vue + Vant (in the chosen language) + the router,
// mounted on #app, with the tab bar (首页 / 购物车 / 我的) under tab pages.
import { router } from "./router.js";
import { t, startLocale } from "./i18n.js";
import { whenSignedOut } from "./api.js";
import { forget } from "./session.js";

const { createApp, computed } = Vue;

const root = {
  setup() {
    const route = VueRouter.useRoute();
    const tab = computed(() => route.meta.tab || "");
    return { tab };
  },
  template: `
    <router-view :key="$route.path" />
    <van-tabbar v-if="tab" :model-value="tab" route placeholder safe-area-inset-bottom
                data-testid="tabbar">
      <van-tabbar-item name="home" to="/" icon="home-o">{{ $t('tabs.home') }}</van-tabbar-item>
      <van-tabbar-item name="cart" to="/cart" icon="shopping-cart-o">{{ $t('tabs.cart') }}</van-tabbar-item>
      <van-tabbar-item name="me" to="/me" icon="user-o">{{ $t('tabs.me') }}</van-tabbar-item>
    </van-tabbar>`,
};

await startLocale();
const app = createApp(root);
app.config.globalProperties.$t = t;
app.use(vant);
app.use(router);
whenSignedOut(() => {
  forget();
  router.push({ path: "/signin", query: { next: router.currentRoute.value.fullPath } });
});
app.mount("#app");
