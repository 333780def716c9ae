// 首页: a search bar; the flash sales on now and coming (with countdowns);
// the group-buys and bargains running now and the rooms live now, as the
// discovery lists give them; the categories; the products on sale.
// Everything shown is what /mp/v1 answers; the countdowns count to the times
// the server gave. A group-buy or bargain opens its product's page, where
// its promotion is offered; a room opens its live page.
import { api, showError } from "../api.js";
import { price, countdown } from "../format.js";
import { t } from "../i18n.js";

const { ref, onMounted } = Vue;
const ENTRIES = [{ key: "group_buys", icon: "friends-o" }, { key: "bargains", icon: "fire-o" },
                 { key: "live", icon: "video-o" }, { key: "categories", icon: "apps-o" }];

// the lowest SKU price, shown as "from"
function fromPrice(product) {
  const prices = product.skus.map((sku) => sku.price_fen);
  return prices.length ? Math.min(...prices) : null;
}

// time left until an ISO moment the server gave (0 once passed)
function until(iso) {
  return iso ? Math.max(0, new Date(iso).getTime() - Date.now()) : 0;
}

export default {
  setup() {
    const router = VueRouter.useRouter();
    const products = ref([]);
    const sales = ref([]);
    const groups = ref([]);
    const bargains = ref([]);
    const rooms = ref([]);
    const categories = ref([]);
    const loading = ref(true);
    onMounted(async () => {
      try {
        const [page, flash, g, b, r, c] = await Promise.all([
          api.get("/mp/v1/products", { per_page: 20 }),
          api.get("/mp/v1/flashsales", { per_page: 10 }),
          api.get("/mp/v1/group-activities", { phase: "running", per_page: 10 }),
          api.get("/mp/v1/bargain-activities", { phase: "running", per_page: 10 }),
          api.get("/mp/v1/live/rooms", { state: "live", per_page: 10 }),
          api.get("/mp/v1/categories")]);
        products.value = page.items;
        sales.value = flash.items.filter((sale) => ["open", "upcoming"].includes(sale.phase));
        groups.value = g.items;
        bargains.value = b.items;
        rooms.value = r.items;
        categories.value = c;
      } catch (err) {
        showError(err);
      } finally {
        loading.value = false;
      }
    });
    function entry(key) {
      if (key === "categories" || key === "live") {  // their own pages
        router.push(key === "categories" ? "/categories" : "/live");
        return;
      }
      const section = document.querySelector(`[data-testid="home-${key}"]`);
      if (section) section.scrollIntoView({ behavior: "smooth" });
      else vant.showToast(t("home.none_now"));
    }
    return { products, sales, groups, bargains, rooms, categories, loading, ENTRIES, entry,
             countdown, until, price, fromPrice };
  },
  template: `
    <van-nav-bar :title="$t('app.name')" />
    <div data-testid="home-search" @click="$router.push('/search')">
      <van-search shape="round" readonly :placeholder="$t('search.placeholder')" />
    </div>
    <van-grid :column-num="4" :border="false" class="entries" data-testid="entries">
      <van-grid-item v-for="e in ENTRIES" :key="e.key" :icon="e.icon"
                     :text="$t('home.' + e.key)" @click="entry(e.key)" />
    </van-grid>
    <section v-if="sales.length" class="flash" data-testid="flash-sales">
      <h2 class="section-title">{{ $t('home.flash_sales') }}</h2>
      <van-cell v-for="sale in sales" :key="sale.id" :title="sale.title" is-link
                :data-testid="'flash-' + sale.id"
                :to="'/product/' + sale.product_id">
        <template #label>
          <span class="price">{{ price(sale.price_fen) }}</span>
          <span v-if="sale.remaining !== null" class="flash-left">
            {{ $t('home.left', { n: sale.remaining }) }}</span>
          <span class="flash-when">
            {{ sale.phase === 'open' ? $t('home.ends_in') : $t('home.starts_in') }}
            <van-count-down :time="countdown(sale)" format="HH:mm:ss" class="flash-clock" />
          </span>
        </template>
      </van-cell>
    </section>
    <section v-if="groups.length" class="flash" data-testid="home-group_buys">
      <h2 class="section-title">{{ $t('home.group_buys') }}</h2>
      <van-cell v-for="a in groups" :key="a.id" :title="a.title" is-link
                :data-testid="'group-' + a.id" :to="'/product/' + a.product_id">
        <template #label>
          <span class="price">{{ price(a.group_price_fen) }}</span>
          <del class="muted was">{{ price(a.price_fen) }}</del>
          <span class="flash-left">{{ $t('home.group_size', { n: a.group_size }) }}</span>
          <span class="flash-when">{{ $t('home.ends_in') }}
            <van-count-down :time="until(a.ends_at)" format="DD:HH:mm:ss" class="flash-clock" /></span>
        </template>
      </van-cell>
    </section>
    <section v-if="bargains.length" class="flash" data-testid="home-bargains">
      <h2 class="section-title">{{ $t('home.bargains') }}</h2>
      <van-cell v-for="a in bargains" :key="a.id" :title="a.title" is-link
                :data-testid="'bargain-' + a.id" :to="'/product/' + a.product_id">
        <template #label>
          <span>{{ $t('home.bargain_to') }}</span>
          <span class="price">{{ price(a.floor_price_fen) }}</span>
          <del class="muted was">{{ price(a.start_price_fen) }}</del>
          <span class="flash-left">{{ $t('home.helpers', { n: a.helpers_needed }) }}</span>
        </template>
      </van-cell>
    </section>
    <section v-if="rooms.length" class="flash" data-testid="home-live">
      <h2 class="section-title">{{ $t('home.live_now') }}</h2>
      <van-cell v-for="r in rooms" :key="r.id" :title="r.title" is-link
                :data-testid="'room-' + r.id" :to="'/live/' + r.id">
        <template #label>
          <van-tag :type="r.state === 'live' ? 'danger' : 'default'">
            {{ $t('home.room_state.' + r.state) }}</van-tag>
        </template>
      </van-cell>
    </section>
    <section v-if="categories.length" class="flash" data-testid="home-categories">
      <h2 class="section-title">{{ $t('home.categories') }}</h2>
      <div class="category-tags">
        <van-tag v-for="c in categories" :key="c.name" round size="large" plain type="primary"
                 class="recent-tag" :data-testid="'home-category-' + c.name"
                 @click="$router.push({ path: '/categories', query: { name: c.name } })">
          {{ c.name }}</van-tag>
      </div>
    </section>
    <h2 class="section-title">{{ $t('home.products') }}</h2>
    <van-loading v-if="loading" class="page-loading" />
    <van-empty v-else-if="!products.length" :description="$t('home.no_products')" />
    <div v-else class="product-grid" data-testid="products">
      <router-link v-for="p in products" :key="p.id" :to="'/product/' + p.id"
                   class="product-card" :data-testid="'product-' + p.id">
        <van-image :src="p.cover ? p.cover.thumb_url : ''" fit="cover" class="product-cover">
          <template #error><van-icon name="photo-o" size="32" /></template>
        </van-image>
        <div class="product-card-title">{{ p.title }}</div>
        <div class="product-card-price">
          <span class="price" v-if="fromPrice(p) !== null">{{ price(fromPrice(p)) }}</span>
          <span class="muted" v-if="p.skus.length > 1">{{ $t('home.from') }}</span>
        </div>
      </router-link>
    </div>`,
};
