// 商品详情: pictures, title, price, description, this product's running
// promotions (promotions.js), a favourite toggle, the reviews
// summary and the latest reviews, then add to cart or buy now through the
// SKU picker.
import { api, showError } from "../api.js";
import { price, dateTime } from "../format.js";
import { t } from "../i18n.js";
import { signedIn } from "../session.js";
import skuSheet from "./sku-sheet.js";
import promotions from "./promotions.js";
import productPromos from "./product-promos.js";

const { ref, computed, onMounted } = Vue;

export default {
  components: { skuSheet, promotions, productPromos },
  setup() {
    const route = VueRouter.useRoute();
    const router = VueRouter.useRouter();
    const id = route.params.id;
    const product = ref(null);
    const summary = ref(null);
    const reviews = ref([]);
    const favourite = ref(false);
    const sheet = ref({ show: false, action: "cart" });
    onMounted(async () => {
      try {
        const [p, s, r] = await Promise.all([
          api.get(`/mp/v1/products/${id}`),
          api.get(`/mp/v1/products/${id}/reviews/summary`),
          api.get(`/mp/v1/products/${id}/reviews`, { per_page: 3 })]);
        if (signedIn.value) {
          favourite.value = (await api.get(`/mp/v1/favourites/${id}`)).favourite;
        }
        product.value = p;
        summary.value = s;
        reviews.value = r.items;
      } catch (err) {
        showError(err);
      }
    });
    const prices = computed(() => (product.value ? product.value.skus.map((s) => s.price_fen) : []));
    const priceText = computed(() => {
      if (!prices.value.length) return "";
      const low = Math.min(...prices.value), high = Math.max(...prices.value);
      return low === high ? price(low) : `${price(low)} - ${price(high)}`;
    });
    function open(action) {
      if (!signedIn.value) {
        router.push({ path: "/signin", query: { next: route.fullPath } });
        return;
      }
      sheet.value = { show: true, action };
    }
    async function confirm({ sku, quantity }) {
      if (sheet.value.action === "buy") {
        router.push({ path: "/checkout", query: { sku: sku.id, qty: quantity } });
        return;
      }
      try {
        await api.post("/mp/v1/cart/lines", { sku_id: sku.id, quantity });
        sheet.value.show = false;
        vant.showToast({ type: "success", message: t("product.added") });
      } catch (err) {
        showError(err);
      }
    }
    async function toggleFavourite() {
      if (!signedIn.value) {
        router.push({ path: "/signin", query: { next: route.fullPath } });
        return;
      }
      try {
        const state = favourite.value ? (await api.del(`/mp/v1/favourites/${id}`), false)
          : (await api.post("/mp/v1/favourites", { product_id: Number(id) })).favourite;
        favourite.value = state;
        vant.showToast(t(state ? "favourites.added" : "favourites.removed"));
      } catch (err) {
        showError(err);
      }
    }
    return { product, summary, reviews, favourite, toggleFavourite, sheet, priceText, open,
             confirm, dateTime, price };
  },
  template: `
    <van-nav-bar :title="$t('product.title')" left-arrow @click-left="$router.back()" />
    <van-loading v-if="!product" class="page-loading" />
    <template v-else>
      <van-swipe v-if="product.images.length" class="gallery" indicator-color="white">
        <van-swipe-item v-for="img in product.images" :key="img.id">
          <van-image :src="img.url" fit="cover" class="gallery-image" />
        </van-swipe-item>
      </van-swipe>
      <div v-else class="gallery gallery-empty"><van-icon name="photo-o" size="64" /></div>
      <div class="panel">
        <div class="price price-large" data-testid="product-price">{{ priceText }}</div>
        <h1 class="product-title" data-testid="product-title">{{ product.title }}</h1>
        <p class="muted" v-if="product.description">{{ product.description }}</p>
      </div>
      <promotions :product-id="product.id" />
      <product-promos :product-id="product.id" />
      <van-cell-group class="panel" v-if="summary" data-testid="reviews">
        <van-cell :title="$t('product.reviews', { n: summary.count })"
                  :value="summary.count ? $t('product.good_rate', { rate: summary.good_rate_bps / 100 }) : ''" />
        <div v-if="!summary.count" class="empty-line muted">{{ $t('product.no_reviews') }}</div>
        <div v-for="r in reviews" :key="r.id" class="review">
          <div class="review-head">
            <span>{{ r.nickname }}</span>
            <van-rate :model-value="r.rating" readonly size="12" />
          </div>
          <div class="muted review-spec">{{ r.spec }} · {{ dateTime(r.created_at) }}</div>
          <p class="review-text">{{ r.content }}</p>
        </div>
      </van-cell-group>
      <div class="action-bar-space"></div>
      <van-action-bar>
        <van-action-bar-icon icon="shopping-cart-o" :text="$t('tabs.cart')" to="/cart" />
        <van-action-bar-icon :icon="favourite ? 'star' : 'star-o'" :color="favourite ? '#ff976a' : ''"
                             :text="$t(favourite ? 'favourites.kept' : 'favourites.keep')"
                             data-testid="favourite" @click="toggleFavourite" />
        <van-action-bar-button type="warning" :text="$t('product.add_to_cart')"
                               data-testid="add-to-cart" @click="open('cart')" />
        <van-action-bar-button type="danger" :text="$t('product.buy_now')"
                               data-testid="buy-now" @click="open('buy')" />
      </van-action-bar>
      <sku-sheet v-model:show="sheet.show" :product="product" :action="sheet.action"
                 @confirm="confirm" />
    </template>`,
};
