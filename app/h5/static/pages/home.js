// 首页: the flash sales on now and coming (with countdowns), the entries the
// discovery lists will fill, and the products on sale. Everything shown is
// what /mp/v1 answers; the countdowns count to the times the server gave.
import { api, showError } from "../api.js";
import { price, countdown } from "../format.js";
import { t } from "../i18n.js";

const { ref, onMounted } = Vue;
const COMING = ["group_buys", "bargains", "live", "categories"];
const ICONS = { group_buys: "friends-o", bargains: "fire-o", live: "video-o",
                categories: "apps-o" };

// the lowest SKU price, shown as "from"
function fromPrice(product) {
  const prices = product.skus.map((sku) => sku.price_fen);
  return prices.length ? Math.min(...prices) : null;
}

export default {
  setup() {
    const products = ref([]);
    const sales = ref([]);
    const loading = ref(true);
    onMounted(async () => {
      try {
        const [page, flash] = await Promise.all([
          api.get("/mp/v1/products", { per_page: 20 }),
          api.get("/mp/v1/flashsales", { per_page: 10 })]);
        products.value = page.items;
        sales.value = flash.items.filter((sale) => ["open", "upcoming"].includes(sale.phase));
      } catch (err) {
        showError(err);
      } finally {
        loading.value = false;
      }
    });
    const comingSoon = () => vant.showToast(t("home.coming_soon"));
    return { products, sales, loading, COMING, ICONS, comingSoon, countdown, price, fromPrice };
  },
  template: `
    <van-nav-bar :title="$t('app.name')" />
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
    <van-grid :column-num="4" :border="false" class="entries" data-testid="entries">
      <van-grid-item v-for="key in COMING" :key="key" :icon="ICONS[key]"
                     :text="$t('home.' + key)" @click="key === 'live' ? $router.push('/live') : comingSoon()" />
    </van-grid>
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
