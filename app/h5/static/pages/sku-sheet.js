// The SKU picker: a Vant action sheet listing the product's specs with
// each one's price and stock as the server gave them, and a quantity. It
// emits `confirm` with {sku, quantity}; the server takes or refuses it.
import { price } from "../format.js";

const { ref, computed, watch } = Vue;

export default {
  props: { show: Boolean, product: Object, action: String },
  emits: ["update:show", "confirm"],
  setup(props, { emit }) {
    const chosenId = ref(null);
    const quantity = ref(1);
    watch(() => props.show, (open) => {
      if (open && chosenId.value === null && props.product.skus.length === 1) {
        chosenId.value = props.product.skus[0].id;
      }
    });
    const chosen = computed(() =>
      props.product.skus.find((sku) => sku.id === chosenId.value) || null);
    function confirm() {
      emit("confirm", { sku: chosen.value, quantity: quantity.value });
    }
    return { chosenId, chosen, quantity, confirm, price,
             close: () => emit("update:show", false) };
  },
  template: `
    <van-action-sheet :show="show" @update:show="close" :title="$t('product.choose_spec')"
                      class="sku-sheet" data-testid="sku-sheet">
      <div class="sku-sheet-body">
        <div class="sku-head">
          <van-image :src="product.cover ? product.cover.thumb_url : ''" width="72" height="72"
                     fit="cover" radius="6" />
          <div>
            <div class="price price-large" data-testid="sku-price">
              {{ chosen ? price(chosen.price_fen) : $t('product.pick_a_spec') }}</div>
            <div class="muted" v-if="chosen">{{ $t('product.stock', { n: chosen.stock }) }}</div>
          </div>
        </div>
        <div class="sku-label">{{ $t('product.spec') }}</div>
        <div class="sku-options">
          <van-button v-for="sku in product.skus" :key="sku.id" size="small" round
                      :type="sku.id === chosenId ? 'primary' : 'default'"
                      :plain="sku.id === chosenId" :disabled="sku.stock === 0"
                      :data-testid="'sku-' + sku.id" @click="chosenId = sku.id">
            {{ sku.spec || $t('product.default_spec') }}
          </van-button>
        </div>
        <div class="sku-quantity">
          <span class="sku-label">{{ $t('product.quantity') }}</span>
          <van-stepper v-model="quantity" min="1" integer data-testid="sku-quantity" />
        </div>
        <van-button block round type="primary" :disabled="!chosen" @click="confirm"
                    data-testid="sku-confirm">
          {{ action === 'buy' ? $t('product.buy_now') : $t('product.add_to_cart') }}
        </van-button>
      </div>
    </van-action-sheet>`,
};
