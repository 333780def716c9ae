// 商品列表: the merchant's products, newest first (GET .../products?q=&status=),
// with cover, price range and summed stock as the server counts them; put on
// or take off sale (PATCH status); the editor opens in a drawer.
import { api, showError, yuan } from "../api.js";
import { usePaged, PER_PAGE } from "../paged.js";
import { session } from "../session.js";
import { extend, t } from "../i18n.js";
import productEditor from "./product-editor.js";

extend({
  "zh-CN": {
    products: {
      search: "商品名称", search_placeholder: "输入商品名称搜索", status: "状态",
      statuses: { on_sale: "出售中", off_sale: "已下架" }, create: "发布商品",
      product: "商品", price: "价格 (元)", stock: "库存", edit: "编辑", put_on: "上架",
      take_off: "下架", put_on_ok: "已上架", take_off_ok: "已下架", no_sku: "未设规格",
      new_title: "发布商品", edit_title: "编辑商品",
      take_off_confirm: "确定下架「{title}」吗？下架后买家不能购买。",
    },
  },
  en: {
    products: {
      search: "Title", search_placeholder: "Search by title", status: "Status",
      statuses: { on_sale: "On sale", off_sale: "Off sale" }, create: "New product",
      product: "Product", price: "Price (yuan)", stock: "Stock", edit: "Edit", put_on: "Put on sale",
      take_off: "Take off sale", put_on_ok: "On sale now", take_off_ok: "Taken off sale",
      no_sku: "No SKU", new_title: "New product", edit_title: "Edit product",
      take_off_confirm: "Take “{title}” off sale? Buyers will not be able to buy it.",
    },
  },
});

const { ref, onMounted } = Vue;

export function priceRange(row) {
  if (row.price_min_fen === null) return "";
  if (row.price_min_fen === row.price_max_fen) return yuan(row.price_min_fen);
  return `${yuan(row.price_min_fen)} ~ ${yuan(row.price_max_fen)}`;
}

export default {
  components: { productEditor },
  setup() {
    const { rows, total, page, loading, refresh, first } = usePaged(() => base(), listQuery);
    const q = ref("");
    const status = ref("");
    const drawer = ref(false);
    const editingId = ref(null);
    const base = () => `/api/v1/merchants/${session.merchantId}/products`;

    function listQuery() {  // the page's filters, as the API takes them
      const query = {};
      if (q.value.trim()) query.q = q.value.trim();
      if (status.value) query.status = status.value;
      return query;
    }

    function search() { first(); }
    function reset() { q.value = ""; status.value = ""; search(); }

    function open(row) {
      editingId.value = row ? row.id : null;
      drawer.value = true;
    }

    function saved() {
      drawer.value = false;
      refresh();
    }

    async function setStatus(row, next) {
      if (next === "off_sale") {
        try {
          await ElementPlus.ElMessageBox.confirm(
            t("products.take_off_confirm", { title: row.title }), t("products.take_off"),
            { type: "warning", confirmButtonText: t("common.confirm"),
              cancelButtonText: t("common.cancel") });
        } catch (cancelled) {
          return;
        }
      }
      try {
        await api.patch(`${base()}/${row.id}`, { status: next });
        ElementPlus.ElMessage.success(t(next === "on_sale" ? "products.put_on_ok"
                                                           : "products.take_off_ok"));
        refresh();
      } catch (err) {
        showError(err);
      }
    }

    onMounted(refresh);
    return { rows, total, page, q, status, loading, drawer, editingId, PER_PAGE,
             refresh, search, reset, open, saved, setStatus, priceRange };
  },
  template: `
  <el-card shadow="never">
    <el-form :inline="true" class="filters" @submit.prevent="search">
      <el-form-item :label="$t('products.search')">
        <el-input v-model="q" clearable :placeholder="$t('products.search_placeholder')"
                  data-testid="product-search" @keyup.enter="search" />
      </el-form-item>
      <el-form-item :label="$t('products.status')">
        <el-select v-model="status" clearable :placeholder="$t('common.all')" class="status-select"
                   data-testid="product-status" @change="search">
          <el-option value="on_sale" :label="$t('products.statuses.on_sale')" />
          <el-option value="off_sale" :label="$t('products.statuses.off_sale')" />
        </el-select>
      </el-form-item>
      <el-form-item>
        <el-button type="primary" @click="search" data-testid="product-search-go">{{ $t('common.search') }}</el-button>
        <el-button @click="reset">{{ $t('common.reset') }}</el-button>
      </el-form-item>
    </el-form>
    <div class="toolbar">
      <el-button type="primary" :icon="'Plus'" @click="open(null)" data-testid="product-create">{{ $t('products.create') }}</el-button>
    </div>
    <el-table :data="rows" v-loading="loading" data-testid="products-table" stripe>
      <el-table-column :label="$t('products.product')" min-width="300">
        <template #default="{ row }">
          <div class="product-cell">
            <img v-if="row.cover" :src="row.cover.thumb_url" class="product-thumb" alt="" data-testid="product-thumb">
            <div v-else class="product-thumb product-thumb-empty"><el-icon><Picture /></el-icon></div>
            <div class="product-cell-text">
              <div class="product-title">{{ row.title }}</div>
              <div class="muted">ID {{ row.id }}</div>
            </div>
          </div>
        </template>
      </el-table-column>
      <el-table-column :label="$t('products.price')" min-width="170" align="right">
        <template #default="{ row }"><span data-testid="product-price">{{ priceRange(row) || $t('products.no_sku') }}</span></template>
      </el-table-column>
      <el-table-column :label="$t('products.stock')" width="110" align="right">
        <template #default="{ row }"><span data-testid="product-stock">{{ row.stock_total }}</span></template>
      </el-table-column>
      <el-table-column :label="$t('products.status')" width="110">
        <template #default="{ row }">
          <el-tag :type="row.status === 'on_sale' ? 'success' : 'info'" data-testid="product-status-tag">{{ $t('products.statuses.' + row.status) }}</el-tag>
        </template>
      </el-table-column>
      <el-table-column :label="$t('common.actions')" width="160" align="center">
        <template #default="{ row }">
          <el-button link type="primary" @click="open(row)" data-testid="product-edit">{{ $t('products.edit') }}</el-button>
          <el-button v-if="row.status === 'on_sale'" link type="warning" @click="setStatus(row, 'off_sale')" data-testid="product-take-off">{{ $t('products.take_off') }}</el-button>
          <el-button v-else link type="success" @click="setStatus(row, 'on_sale')" data-testid="product-put-on">{{ $t('products.put_on') }}</el-button>
        </template>
      </el-table-column>
    </el-table>
    <el-pagination class="pager" background layout="total, prev, pager, next" :total="total"
                   :page-size="PER_PAGE" v-model:current-page="page" @current-change="refresh" />
    <el-drawer v-model="drawer" size="960px" destroy-on-close
               :title="editingId ? $t('products.edit_title') : $t('products.new_title')">
      <product-editor :product-id="editingId" @saved="saved" @cancel="drawer = false" />
    </el-drawer>
  </el-card>`,
};
