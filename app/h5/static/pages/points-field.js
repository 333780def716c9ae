// Paying part of one shop's order with points: the buyer's balance with
// that shop (GET /mp/v1/members/merchants/<shop>) and how many to use. The server
// decides what they are worth and how many it takes (its errors say why
// not, and the most it would take); the page sends what the buyer typed.
import { api, showError } from "../api.js";

const { ref, watch } = Vue;

export default {
  props: { merchantId: Number, modelValue: Number, worth: Number },
  emits: ["update:modelValue"],
  setup(props, { emit }) {
    const balance = ref(0);
    const typed = ref(props.modelValue ? String(props.modelValue) : "");
    watch(() => props.merchantId, async (id) => {
      if (!id) return;
      try {
        balance.value = (await api.get(`/mp/v1/members/merchants/${id}`)).points;
      } catch (err) {
        showError(err);
      }
    }, { immediate: true });
    function settle() {
      const asked = Number(typed.value) || 0;
      if (asked !== (props.modelValue || 0)) emit("update:modelValue", asked);
    }
    return { balance, typed, settle };
  },
  template: `
    <van-cell-group class="panel" v-if="balance">
      <van-field v-model="typed" type="digit" :label="$t('points.title')" input-align="right"
                 :placeholder="$t('points.balance', { n: balance })" @blur="settle"
                 @keyup.enter="settle" data-testid="checkout-points">
        <template #extra>
          <span v-if="worth" class="price points-worth">-{{ worth }}</span>
        </template>
      </van-field>
    </van-cell-group>`,
};
