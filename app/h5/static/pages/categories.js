// 分类: the categories with products on sale (GET /mp/v1/categories) down
// the side, the chosen one's products beside them (#/categories?name=...).
import { api, showError } from "../api.js";
import productCards from "./product-cards.js";

const { ref, onMounted } = Vue;

export default {
  components: { productCards },
  setup() {
    const route = VueRouter.useRoute();
    const router = VueRouter.useRouter();
    const categories = ref(null);
    const products = ref([]);
    const chosen = ref(0);
    async function show(name) {
      try {
        products.value = (await api.get("/mp/v1/categories/products",
                                        { name, per_page: 50 })).items;
      } catch (err) {
        showError(err);
      }
    }
    onMounted(async () => {
      try {
        categories.value = await api.get("/mp/v1/categories");
      } catch (err) {
        showError(err);
        return;
      }
      const at = categories.value.findIndex((c) => c.name === route.query.name);
      chosen.value = Math.max(0, at);
      if (categories.value.length) await show(categories.value[chosen.value].name);
    });
    function pick(index) {
      chosen.value = index;
      const name = categories.value[index].name;
      router.replace({ path: "/categories", query: { name } });
      show(name);
    }
    return { categories, products, chosen, pick };
  },
  template: `
    <van-nav-bar :title="$t('categories.title')" left-arrow @click-left="$router.push('/')" />
    <van-loading v-if="categories === null" class="page-loading" />
    <van-empty v-else-if="!categories.length" :description="$t('categories.none')" />
    <div v-else class="category-page">
      <van-sidebar :model-value="chosen" @change="pick" data-testid="category-list">
        <van-sidebar-item v-for="c in categories" :key="c.name" :data-testid="'category-' + c.name">
          <template #title>{{ c.name }} <span class="muted">{{ c.products }}</span></template>
        </van-sidebar-item>
      </van-sidebar>
      <product-cards class="category-products" :items="products" testid="category-product"
                     data-testid="category-products" />
    </div>`,
};
