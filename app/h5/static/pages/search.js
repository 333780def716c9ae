// 搜索: a query box, the server's results (GET /mp/v1/search), an empty
// state, and my recent queries kept in this browser (newest first, at most
// ten, clearable). The query is in the address (#/search?q=...).
import { api, showError } from "../api.js";
import productCards from "./product-cards.js";

const { ref, watch, onMounted } = Vue;
const RECENT_KEY = "h5.recent_searches";
const RECENT_MAX = 10;

function recentRead() {
  try {
    const saved = JSON.parse(localStorage.getItem(RECENT_KEY) || "[]");
    return Array.isArray(saved) ? saved.filter((q) => typeof q === "string") : [];
  } catch (err) {
    return [];
  }
}

function recentKeep(query) {
  const list = [query, ...recentRead().filter((q) => q !== query)].slice(0, RECENT_MAX);
  localStorage.setItem(RECENT_KEY, JSON.stringify(list));
  return list;
}

export default {
  components: { productCards },
  setup() {
    const route = VueRouter.useRoute();
    const router = VueRouter.useRouter();
    const query = ref(String(route.query.q || ""));
    const results = ref(null);
    const total = ref(0);
    const recent = ref(recentRead());
    async function run(q) {
      try {
        const page = await api.get("/mp/v1/search", { q, per_page: 50 });
        results.value = page.items;
        total.value = page.meta.total;
      } catch (err) {
        showError(err);
      }
    }
    function submit(text) {
      const q = String(text ?? query.value).trim();
      if (!q) return;
      recent.value = recentKeep(q);
      router.replace({ path: "/search", query: { q } });
    }
    function clearRecent() {
      localStorage.removeItem(RECENT_KEY);
      recent.value = [];
    }
    // the query lives in the address: a new one (submitted, or back and forth) runs again
    function follow() {
      const q = String(route.query.q || "").trim();
      query.value = q;
      if (q) run(q);
      else results.value = null;
    }
    onMounted(follow);
    watch(() => route.query.q, follow);
    return { query, results, total, recent, submit, clearRecent };
  },
  template: `
    <van-nav-bar :title="$t('search.submit')" left-arrow @click-left="$router.push('/')" />
    <form action="/" @submit.prevent="submit()" data-testid="search-input">
      <van-search v-model="query" :placeholder="$t('search.placeholder')" show-action autofocus
                  @search="submit()">
        <template #action>
          <span data-testid="search-submit" @click="submit()">{{ $t('search.submit') }}</span>
        </template>
      </van-search>
    </form>
    <template v-if="results === null">
      <section v-if="recent.length" class="panel recent" data-testid="recent-searches">
        <div class="recent-head">
          <span>{{ $t('search.recent') }}</span>
          <van-icon name="delete-o" data-testid="recent-clear" @click="clearRecent" />
        </div>
        <van-tag v-for="q in recent" :key="q" round size="large" class="recent-tag"
                 @click="submit(q)">{{ q }}</van-tag>
      </section>
    </template>
    <van-empty v-else-if="!results.length" image="search" data-testid="search-empty"
               :description="$t('search.none', { q: $route.query.q })" />
    <template v-else>
      <div class="muted list-count" data-testid="search-count">{{ $t('search.count', { n: total }) }}</div>
      <product-cards :items="results" testid="result" data-testid="search-results" />
    </template>`,
};
