// The console's entry: Vue + Element Plus (in the chosen language) + the
// icons + the router, mounted on #app.
import { router } from "./router.js";
import { t, elementLocale } from "./i18n.js";
import { whenSignedOut } from "./api.js";
import { forget } from "./session.js";

const { createApp, h } = Vue;

const root = {
  setup() {
    return () => h(ElementPlus.ElConfigProvider, { locale: elementLocale.value },
                   () => h(VueRouter.RouterView));
  },
};

const app = createApp(root);
app.config.globalProperties.$t = t;
app.use(ElementPlus);
for (const [name, icon] of Object.entries(ElementPlusIconsVue)) app.component(name, icon);
app.use(router);
whenSignedOut(() => {
  forget();
  router.push({ path: "/signin", query: { next: router.currentRoute.value.fullPath } });
});
app.mount("#app");
