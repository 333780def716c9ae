// The "ship to" row of a page that needs an address (checkout, pay, a group
// seat, the live room's pay sheet): the chosen address (v-model; the
// picker's first pick is the buyer's default) and the picker it opens. A
// page that needs one before it goes on calls pick() (a template ref).
import addressPicker, { addressLine } from "./address-picker.js";

const { ref } = Vue;

export default {
  components: { addressPicker },
  props: { modelValue: { type: Object, default: null }, cellClass: { type: String, default: "" } },
  emits: ["update:modelValue", "empty"],
  setup(props, { emit, expose }) {
    const picking = ref(false);
    const pick = () => { picking.value = true; };
    expose({ pick });
    const chosen = (address) => emit("update:modelValue", address);
    return { picking, pick, chosen, addressLine };
  },
  template: `
    <div>
      <van-cell :class="cellClass" is-link center @click="pick" icon="location-o">
        <template #title>
          <template v-if="modelValue">
            <div class="address-who">{{ modelValue.recipient }} {{ modelValue.phone }}</div>
            <div class="muted">{{ addressLine(modelValue) }}</div>
          </template>
          <span v-else class="muted">{{ $t('checkout.no_address') }}</span>
        </template>
      </van-cell>
      <address-picker v-model:show="picking" :chosen-id="modelValue ? modelValue.id : null"
                      @chosen="chosen" @empty="$emit('empty')" />
    </div>`,
};
