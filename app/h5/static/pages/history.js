// 浏览记录: products I opened, latest first (GET /mp/v1/history, kept by the
// server), with when, and clearing them all.
import { api, showError } from "../api.js";
import { dateTime } from "../format.js";
import { t } from "../i18n.js";
import productCards from "./product-cards.js";

const { ref, onMounted } = Vue;

export default {
  components: { productCards },
  setup() {
    const items = ref(null);
    async function load() {
      try {
        items.value = (await api.get("/mp/v1/history", { per_page: 100 })).items;
      } catch (err) {
        showError(err);
      }
    }
    async function clear() {
      try {
        await vant.showConfirmDialog({ message: t("history.clear_question") });
      } catch (cancelled) {
        return;
      }
      try {
        await api.del("/mp/v1/history");
        await load();
      } catch (err) {
        showError(err);
      }
    }
    onMounted(load);
    const note = (item) => t("history.viewed_at", { at: dateTime(item.viewed_at) });
    return { items, clear, note, of: (item) => item.product };
  },
  template: `
    <van-nav-bar :title="$t('history.title')" left-arrow @click-left="$router.back()"
                 :right-text="items && items.length ? $t('history.clear') : ''"
                 @click-right="clear" data-testid="history-nav" />
    <van-loading v-if="items === null" class="page-loading" />
    <van-empty v-else-if="!items.length" :description="$t('history.none')" data-testid="history-empty" />
    <product-cards v-else :items="items" :of="of" :note="note" testid="viewed" data-testid="history" />`,
};
