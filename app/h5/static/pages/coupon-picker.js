// The buyer's coupons for what is being bought: POST /mp/v1/me/coupons/preview
// says for each held coupon of the shop whether it applies and what it
// takes off (the rules checkout uses), best first. The buyer picks one or
// none; the checkout preview then says what it really took off.
import { api, showError } from "../api.js";
import { price, dateTime } from "../format.js";
import { t, has } from "../i18n.js";

const { ref, watch } = Vue;

export default {
  props: { show: Boolean, lines: Array, chosenId: Number },
  emits: ["update:show", "chosen", "loaded"],
  setup(props, { emit }) {
    const items = ref([]);
    watch(() => JSON.stringify(props.lines), async () => {
      if (!props.lines.length) return;
      try {
        items.value = (await api.post("/mp/v1/me/coupons/preview", { lines: props.lines })).items;
        emit("loaded", items.value);
      } catch (err) {
        showError(err);
      }
    }, { immediate: true });
    function choose(item) {
      emit("chosen", item);
      emit("update:show", false);
    }
    const why = (reason) => (has(`coupon.reasons.${reason}`) ? t(`coupon.reasons.${reason}`) : reason);
    return { items, choose, why, price, dateTime };
  },
  template: `
    <van-popup :show="show" @update:show="$emit('update:show', $event)" position="bottom"
               round closeable class="address-popup" data-testid="coupon-popup">
      <h2 class="popup-title">{{ $t('coupon.choose') }}</h2>
      <van-empty v-if="!items.length" image="coupon-o" :description="$t('coupon.none')" />
      <div v-for="item in items" :key="item.coupon.id" class="coupon"
           :class="{ 'coupon-off': !item.usable, 'coupon-chosen': item.coupon.id === chosenId }"
           :data-testid="'coupon-' + item.coupon.id" @click="item.usable && choose(item)">
        <div class="coupon-value">
          <div class="price">{{ item.usable ? '-' + price(item.discount_fen) : '' }}</div>
        </div>
        <div class="coupon-body">
          <div class="line-title">{{ item.coupon.name }}</div>
          <div class="muted" v-if="item.coupon.min_spend_fen">
            {{ $t('coupon.min_spend', { amount: price(item.coupon.min_spend_fen) }) }}</div>
          <div class="muted" v-if="item.coupon.valid_until">
            {{ $t('coupon.until', { at: dateTime(item.coupon.valid_until) }) }}</div>
          <div class="coupon-why" v-if="!item.usable">{{ why(item.reason) }}</div>
        </div>
        <van-icon v-if="item.coupon.id === chosenId" name="success" class="chosen-mark" />
      </div>
      <div class="page-actions">
        <van-button round block @click="choose(null)" data-testid="coupon-none">
          {{ $t('coupon.use_none') }}</van-button>
      </div>
    </van-popup>`,
};
