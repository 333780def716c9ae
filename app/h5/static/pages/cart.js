// 购物车: lines by shop as the server keeps them, each with its flags (off
// sale, sold out, short, price changed); select, change quantity, remove.
// The bar's sum is the server's checkout preview of the selected lines to
// the buyer's default address; without an address the server cannot price
// the postage, and the bar says so instead of a sum.
import { api, showError, errorText } from "../api.js";
import { price } from "../format.js";
import { t } from "../i18n.js";

const { ref, computed, onMounted } = Vue;

export default {
  setup() {
    const router = VueRouter.useRouter();
    const cart = ref(null);
    const preview = ref(null);
    const previewError = ref("");
    let addressId = null;
    const selectedCount = computed(() => (cart.value ? cart.value.merchants
      .flatMap((shop) => shop.lines).filter((line) => line.selected).length : 0));

    async function refreshPreview() {
      preview.value = null;
      previewError.value = "";
      if (!selectedCount.value) return;
      try {
        const where = addressId ? { address_id: addressId } : {};
        preview.value = await api.post("/mp/v1/checkout/preview", { cart: true, ...where });
      } catch (err) {
        previewError.value = errorText(err);
      }
    }
    async function show(promise) {
      try {
        cart.value = await promise;
        await refreshPreview();
      } catch (err) {
        showError(err);
      }
    }
    onMounted(async () => {
      try {
        const addresses = await api.get("/mp/v1/addresses");
        addressId = addresses.length ? addresses[0].id : null;  // the default comes first
      } catch (err) {
        showError(err);
      }
      await show(api.get("/mp/v1/cart"));
    });

    const select = (line, selected) =>
      show(api.post("/mp/v1/cart/select", { line_ids: [line.id], selected }));
    const remove = (line) => show(api.post("/mp/v1/cart/remove", { line_ids: [line.id] }));
    async function setQuantity(line, quantity) {
      try {
        await api.patch(`/mp/v1/cart/lines/${line.id}`, { quantity });
      } catch (err) {
        showError(err);
      }
      await show(api.get("/mp/v1/cart"));
    }
    const checkout = () => router.push({ path: "/checkout", query: { cart: 1 } });
    return { cart, preview, previewError, selectedCount, select, remove, setQuantity, checkout,
             price, t };
  },
  template: `
    <van-nav-bar :title="$t('cart.title')" />
    <van-loading v-if="!cart" class="page-loading" />
    <van-empty v-else-if="!cart.line_count" image="shopping-cart-o"
               :description="$t('cart.empty')">
      <van-button round type="primary" to="/">{{ $t('cart.go_shopping') }}</van-button>
    </van-empty>
    <template v-else>
      <section v-for="shop in cart.merchants" :key="shop.merchant_id" class="panel"
               data-testid="cart-shop">
        <div class="shop-name"><van-icon name="shop-o" /> {{ shop.merchant_name }}</div>
        <div v-for="line in shop.lines" :key="line.id" class="cart-line"
             :data-testid="'cart-line-' + line.sku_id">
          <van-checkbox :model-value="line.selected" @update:model-value="select(line, $event)" />
          <van-image :src="line.image_url" width="72" height="72" fit="cover" radius="6" />
          <div class="cart-line-body">
            <div class="line-title">{{ line.title }}</div>
            <div class="muted">{{ line.spec }}</div>
            <div class="line-flags">
              <van-tag v-if="line.off_sale" type="danger">{{ $t('cart.off_sale') }}</van-tag>
              <van-tag v-else-if="line.out_of_stock" type="danger">{{ $t('cart.out_of_stock') }}</van-tag>
              <van-tag v-else-if="line.short" type="warning">{{ $t('cart.short', { n: line.available }) }}</van-tag>
              <van-tag v-if="line.price_changed" type="primary" plain>
                {{ $t('cart.price_changed', { was: price(line.price_at_add_fen) }) }}</van-tag>
            </div>
            <div class="cart-line-foot">
              <span class="price">{{ price(line.unit_price_fen) }}</span>
              <van-stepper :model-value="line.quantity" min="1" integer button-size="24"
                           @change="setQuantity(line, $event)" />
            </div>
          </div>
          <van-icon name="delete-o" class="line-remove" @click="remove(line)"
                    :aria-label="$t('cart.remove')" />
        </div>
      </section>
      <div class="submit-bar-space"></div>
      <van-submit-bar :price="preview ? preview.total_fen : undefined"
                      :label="preview ? $t('cart.sum') : ''"
                      :suffix-label="preview ? $t('cart.with_postage') : ''"
                      :button-text="$t('cart.checkout', { n: selectedCount })"
                      :disabled="!selectedCount" :tip="previewError" @submit="checkout" class="above-tabbar"
                      data-testid="cart-submit" />
    </template>`,
};
