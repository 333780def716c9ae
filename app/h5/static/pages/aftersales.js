// 我的售后: my after-sale requests, newest first (GET /mp/v1/after-sales),
// each with its kind, status and amount; a tap opens it.
import { api, showError } from "../api.js";
import { price, dateTime } from "../format.js";

const { ref, onMounted } = Vue;

export default {
  setup() {
    const items = ref(null);
    onMounted(async () => {
      try {
        items.value = (await api.get("/mp/v1/after-sales", { per_page: 100 })).items;
      } catch (err) {
        showError(err);
      }
    });
    return { items, price, dateTime };
  },
  template: `
    <van-nav-bar :title="$t('aftersale.mine')" left-arrow @click-left="$router.back()" />
    <van-loading v-if="items === null" class="page-loading" />
    <van-empty v-else-if="!items.length" :description="$t('aftersale.none')" />
    <van-cell-group v-else class="panel" data-testid="aftersales">
      <van-cell v-for="a in items" :key="a.id" is-link :to="'/after-sales/' + a.id"
                :data-testid="'aftersale-' + a.id"
                :title="$t('aftersale.kinds.' + a.kind) + ' · ' + $t('aftersale.order', { id: a.order_id })"
                :label="dateTime(a.created_at)">
        <template #value>
          <div class="aftersale-status">{{ $t('aftersale.status.' + a.status) }}</div>
          <div class="price">{{ price(a.amount_fen) }}</div>
        </template>
      </van-cell>
    </van-cell-group>`,
};
