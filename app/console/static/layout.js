// The frame of every signed-in page: the sidebar menu (only what the
// session may see), the top bar (merchant switcher, language, user menu)
// and the page itself.
import { MENU } from "./menu.js";
import { session, merchant, can, chooseMerchant, signOut } from "./session.js";
import { LANGUAGES, locale, setLocale, t } from "./i18n.js";
import { showError } from "./api.js";

const { computed } = Vue;
const { useRouter, useRoute } = VueRouter;

export default {
  setup() {
    const router = useRouter();
    const route = useRoute();
    const groups = computed(() => MENU
      .map((g) => ({ ...g, items: g.items.filter((i) => can(i.permission)) }))
      .filter((g) => g.items.length > 0));
    const language = computed(() => LANGUAGES.find((l) => l.code === locale.value).label);
    const title = computed(() => (route.meta.title ? t(route.meta.title) : ""));

    async function onUserCommand(command) {
      try {
        await signOut(command === "everywhere");
      } catch (err) {
        showError(err);
        return;
      }
      router.push("/signin");
    }

    return { session, merchant, groups, route, title, language, LANGUAGES, setLocale,
             chooseMerchant, onUserCommand };
  },
  template: `
  <el-container class="shell">
    <el-aside width="208px" class="sidebar">
      <div class="brand">{{ $t('layout.brand') }}</div>
      <el-scrollbar>
        <el-menu router :default-active="route.path" :default-openeds="groups.map(g => g.group)"
                 class="menu" data-testid="menu">
          <el-sub-menu v-for="g in groups" :key="g.group" :index="g.group" :data-group="g.group">
            <template #title>
              <el-icon><component :is="g.icon" /></el-icon><span>{{ $t('menu.groups.' + g.group) }}</span>
            </template>
            <el-menu-item v-for="item in g.items" :key="item.path" :index="item.path"
                          :data-path="item.path">{{ $t(item.title) }}</el-menu-item>
          </el-sub-menu>
        </el-menu>
      </el-scrollbar>
    </el-aside>
    <el-container>
      <el-header class="topbar">
        <div class="page-title" data-testid="page-title">{{ title }}</div>
        <div class="topbar-tools">
          <el-select v-if="session.merchants.length" :model-value="session.merchantId"
                     @update:model-value="chooseMerchant" class="merchant-switch"
                     data-testid="merchant-switch" :placeholder="$t('layout.merchant')">
            <template #prefix><el-icon><Shop /></el-icon></template>
            <el-option v-for="m in session.merchants" :key="m.id" :value="m.id" :label="m.name">
              <span>{{ m.name }}</span>
              <el-tag v-if="m.status && m.status !== 'active'" size="small" type="warning"
                      class="option-tag">{{ $t('status.' + m.status) }}</el-tag>
            </el-option>
          </el-select>
          <el-dropdown @command="setLocale" data-testid="language">
            <el-button text><el-icon><ChatDotRound /></el-icon>{{ language }}</el-button>
            <template #dropdown>
              <el-dropdown-menu>
                <el-dropdown-item v-for="l in LANGUAGES" :key="l.code" :command="l.code"
                                  :data-lang="l.code">{{ l.label }}</el-dropdown-item>
              </el-dropdown-menu>
            </template>
          </el-dropdown>
          <el-dropdown @command="onUserCommand" data-testid="user-menu">
            <el-button text><el-icon><UserFilled /></el-icon>{{ session.user && session.user.nickname }}</el-button>
            <template #dropdown>
              <el-dropdown-menu>
                <el-dropdown-item command="signout" data-command="signout">{{ $t('layout.sign_out') }}</el-dropdown-item>
                <el-dropdown-item command="everywhere" data-command="everywhere">{{ $t('layout.sign_out_everywhere') }}</el-dropdown-item>
              </el-dropdown-menu>
            </template>
          </el-dropdown>
        </div>
      </el-header>
      <el-main class="content">
        <router-view :key="route.path + ':' + session.merchantId" />
      </el-main>
    </el-container>
  </el-container>`,
};
