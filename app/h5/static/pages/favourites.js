// 我的收藏: the products I keep (GET /mp/v1/favourites, newest first); one
// gone off sale says so; swipe a card to remove it.
import { api, showError } from "../api.js";
import { t } from "../i18n.js";
import productCards from "./product-cards.js";

const { ref, onMounted } = Vue;

export default {
  components: { productCards },
  setup() {
    const items = ref(null);
    async function load() {
      try {
        items.value = (await api.get("/mp/v1/favourites", { per_page: 100 })).items;
      } catch (err) {
        showError(err);
      }
    }
    async function remove(productId) {
      try {
        await api.del(`/mp/v1/favourites/${productId}`);
        await load();
      } catch (err) {
        showError(err);
      }
    }
    const note = (item) => (item.product.status === "on_sale" ? "" : t("favourites.off_sale"));
    onMounted(load);
    return { items, remove, note, of: (item) => item.product };
  },
  template: `
    <van-nav-bar :title="$t('favourites.title')" left-arrow @click-left="$router.back()" />
    <van-loading v-if="items === null" class="page-loading" />
    <van-empty v-else-if="!items.length" :description="$t('favourites.none')" data-testid="favourites-empty" />
    <div v-else data-testid="favourites">
      <van-swipe-cell v-for="item in items" :key="item.product.id">
        <product-cards :items="[item]" :of="of" :note="note" testid="favourite" />
        <template #right>
          <van-button square type="danger" class="swipe-remove" :text="$t('favourites.remove')"
                      @click="remove(item.product.id)" />
        </template>
      </van-swipe-cell>
    </div>`,
};
