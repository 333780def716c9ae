// 待评价: received lines the server says can still be reviewed
// (GET /mp/v1/reviews/awaiting), of one order (?order=<id>) or all.
import { api, showError } from "../api.js";

const { ref, computed, onMounted } = Vue;

export default {
  setup() {
    const route = VueRouter.useRoute();
    const lines = ref(null);
    onMounted(async () => {
      try {
        lines.value = (await api.get("/mp/v1/reviews/awaiting", { per_page: 50 })).items;
      } catch (err) {
        showError(err);
      }
    });
    const shown = computed(() => (lines.value || []).filter(
      (l) => !route.query.order || l.order_id === Number(route.query.order)));
    return { lines, shown };
  },
  template: `
    <van-nav-bar :title="$t('review.awaiting')" left-arrow @click-left="$router.back()" />
    <van-loading v-if="lines === null" class="page-loading" />
    <van-empty v-else-if="!shown.length" image="comment-o" :description="$t('review.none_awaiting')" />
    <van-cell-group v-else class="panel">
      <van-cell v-for="l in shown" :key="l.order_line_id" :title="l.title"
                :label="l.spec + ' × ' + l.quantity" :data-testid="'awaiting-' + l.order_line_id">
        <template #right-icon>
          <van-button size="small" round type="primary"
                      :to="{ path: '/review/' + l.order_line_id,
                             query: { title: l.title, product: l.product_id } }"
                      :data-testid="'write-review-' + l.order_line_id">{{ $t('review.write') }}</van-button>
        </template>
      </van-cell>
    </van-cell-group>`,
};
