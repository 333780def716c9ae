// 商品编辑: title, description, pictures, freight template, on/off sale and
// the SKUs. A new product's SKUs come from its specs (规格 with values such
// as 250g / 500g, up to three specs: one row per combination, its spec the
// values joined by " / "); a saved product's SKUs are edited row by
// row, more rows may be added, and stock changes by an adjustment (POST
// .../skus/<id>/stock) so orders placed meanwhile are never overwritten.
// Saving calls the API in turn: the product (POST or PATCH), its SKUs, then
// its pictures (PUT .../images with the uploads' ids, the first is the cover),
// then its commission override (product-commission.js).
import { api, showError, upload } from "../api.js";
import { session } from "../session.js";
import { extend, t } from "../i18n.js";
import { fenFromText, textFromFen, yuanRule } from "../yuan-input.js";
import productCommission from "./product-commission.js";

extend({
  "zh-CN": {
    product_editor: {
      basics: "基本信息", title: "商品名称", title_required: "请输入商品名称",
      description: "商品描述", images: "商品图片",
      images_hint: "最多 9 张，第一张为封面；支持 JPG、PNG、WebP、GIF",
      upload: "上传图片", cover: "封面", make_cover: "设为封面", remove: "删除",
      freight: "运费模板", freight_none: "包邮（不使用运费模板）", status: "上架状态",
      on_sale: "立即上架", off_sale: "放入仓库",
      specs: "规格与库存", spec_name: "规格名", spec_name_placeholder: "如：重量",
      spec_values: "规格值", add_value: "添加规格值", value_placeholder: "如：250g，回车添加",
      add_spec: "添加规格项", remove_spec: "删除规格项",
      single: "不填规格值即为单一规格", spec: "规格", price: "价格 (元)", stock: "库存",
      weight: "重量 (克)", price_rule: "请输入正确的价格（最多两位小数）",
      spec_required: "请填写规格", spec_repeated: "规格重复", add_row: "添加一行规格",
      adjust: "调整", adjust_title: "调整库存", adjust_prompt: "输入增减数量（如 10 或 -5）",
      adjust_rule: "请输入非零整数", adjusted: "库存已调整为 {stock}",
      save: "保存", saved: "已保存", need_sku: "请至少设置一个规格", uploading: "上传中…",
      images_failed: "商品已保存，但图片未保存：",
    },
    errors: {
      product_not_found: "商品不存在", sku_not_found: "规格不存在",
      freight_template_not_found: "运费模板不存在", upload_not_found: "图片不存在，请重新上传",
      too_many_images: "最多 9 张图片", stock_limit: "库存超出上限", out_of_stock: "库存不足，不能减少这么多",
      empty_file: "文件是空的", file_too_large: "图片太大", unsupported_image: "不支持的图片格式",
      image_too_large: "图片尺寸太大", image_unreadable: "图片无法读取",
    },
  },
  en: {
    product_editor: {
      basics: "Basics", title: "Title", title_required: "Enter a title",
      description: "Description", images: "Pictures",
      images_hint: "Up to 9; the first is the cover. JPG, PNG, WebP or GIF",
      upload: "Upload", cover: "Cover", make_cover: "Make cover", remove: "Remove",
      freight: "Freight template", freight_none: "Free shipping (no template)",
      status: "Sale status", on_sale: "On sale now", off_sale: "Keep in stock room",
      specs: "SKUs and stock", spec_name: "Spec name", spec_name_placeholder: "e.g. Weight",
      spec_values: "Values", add_value: "Add value", value_placeholder: "e.g. 250g, then Enter",
      add_spec: "Add a spec", remove_spec: "Remove this spec",
      single: "No values: a single SKU", spec: "Spec", price: "Price (yuan)", stock: "Stock",
      weight: "Weight (g)", price_rule: "Enter a price with at most two decimals",
      spec_required: "Enter the spec", spec_repeated: "Spec repeated", add_row: "Add a SKU",
      adjust: "Adjust", adjust_title: "Adjust stock", adjust_prompt: "Add or take away (e.g. 10 or -5)",
      adjust_rule: "Enter a whole number other than 0", adjusted: "Stock is now {stock}",
      save: "Save", saved: "Saved", need_sku: "Add at least one SKU", uploading: "Uploading…",
      images_failed: "The product is saved, its pictures are not: ",
    },
    errors: {
      product_not_found: "No such product", sku_not_found: "No such SKU",
      freight_template_not_found: "No such freight template",
      upload_not_found: "Picture not found; upload it again", too_many_images: "At most 9 pictures",
      stock_limit: "Too much stock", out_of_stock: "Not that much stock to take away",
      empty_file: "The file is empty", file_too_large: "The picture is too large",
      unsupported_image: "Not a supported picture", image_too_large: "The picture is too large",
      image_unreadable: "The picture cannot be read",
    },
  },
});

const { ref, reactive, computed, watch, onMounted } = Vue;
const MAX_IMAGES = 9;
const MAX_STOCK = 10000000;
const MAX_SPECS = 3;
const SEPARATOR = " / ";

function blankSpec() {
  return { name: "", values: [], input: "" };
}

// every combination of the specs' values, in order ([] when none has values)
function combinations(specs) {
  return specs.filter((g) => g.values.length)
    .reduce((combos, g) => combos.flatMap((c) => g.values.map((v) => [...c, v])), [[]])
    .filter((c) => c.length)
    .map((c) => c.join(SEPARATOR));
}

function blankRow(spec = "") {
  return { id: null, spec, price: "", stock: 0, weight_g: 0 };
}

export default {
  components: { productCommission },
  props: { productId: { type: Number, default: null } },
  emits: ["saved", "cancel"],
  setup(props, { emit }) {
    const formRef = ref(null);
    const commissionRef = ref(null);
    const productId = ref(props.productId);
    const loaded = ref(null);  // the product as the server last answered
    const busy = ref(false);
    const uploading = ref(0);
    const templates = ref([]);
    const images = ref([]);
    const form = reactive({ title: "", description: "", status: "on_sale",
                            freight_template_id: null, specs: [blankSpec()],
                            rows: [blankRow()] });
    const base = () => `/api/v1/merchants/${session.merchantId}`;
    const editing = computed(() => productId.value !== null);

    const rules = computed(() => ({
      title: [{ required: true, whitespace: true, message: t("product_editor.title_required"),
                trigger: "blur" }],
    }));
    const priceRule = [yuanRule(t("product_editor.price_rule"), { minFen: 1 })];
    const specRule = (index) => [{
      trigger: "blur",
      validator: (rule, value, callback) => {
        const spec = (value || "").trim();
        if (form.rows.length > 1 && !spec) callback(new Error(t("product_editor.spec_required")));
        else if (form.rows.some((r, i) => i !== index && r.spec.trim() === spec)) {
          callback(new Error(t("product_editor.spec_repeated")));
        } else callback();
      },
    }];

    // a new product: one row per combination, keeping what was typed for a combination
    watch(() => combinations(form.specs), (specs) => {
      if (editing.value) return;
      const before = new Map(form.rows.map((r) => [r.spec, r]));
      form.rows = specs.length ? specs.map((v) => before.get(v) || blankRow(v))
                               : [before.get("") || blankRow()];
    });
    const specTitle = computed(() => (editing.value ? ""
      : form.specs.filter((g) => g.values.length).map((g) => g.name.trim()).join(SEPARATOR)));

    function addValue(group) {
      const value = group.input.trim();
      if (value && !group.values.includes(value)) group.values.push(value);
      group.input = "";
    }
    function removeValue(group, value) { group.values = group.values.filter((v) => v !== value); }
    function addSpec() { form.specs.push(blankSpec()); }
    function removeSpec(index) { form.specs.splice(index, 1); }

    function fill(product) {
      loaded.value = product;
      productId.value = product.id;
      Object.assign(form, { title: product.title, description: product.description,
                            status: product.status,
                            freight_template_id: product.freight_template_id,
                            rows: product.skus.map((s) => ({ id: s.id, spec: s.spec,
                                                             price: textFromFen(s.price_fen),
                                                             stock: s.stock,
                                                             weight_g: s.weight_g })) });
      images.value = product.images.map((p) => ({ id: p.id, thumb_url: p.thumb_url }));
    }

    async function load() {
      try {
        const body = await api.get(`${base()}/freight-templates`, { per_page: 100 });
        templates.value = body.items;
        if (productId.value !== null) fill(await api.get(`${base()}/products/${productId.value}`));
      } catch (err) {
        showError(err);
      }
    }

    async function onFiles(event) {
      const files = [...event.target.files].slice(0, MAX_IMAGES - images.value.length);
      event.target.value = "";
      for (const file of files) {
        const data = new FormData();
        data.append("file", file);
        uploading.value += 1;
        try {
          const made = await upload(`${base()}/uploads`, data);
          images.value.push({ id: made.id, thumb_url: made.thumb_url });
        } catch (err) {
          showError(err);
        } finally {
          uploading.value -= 1;
        }
      }
    }
    function removeImage(index) { images.value.splice(index, 1); }
    function makeCover(index) { images.value.unshift(...images.value.splice(index, 1)); }

    function skuBody(row) {
      return { spec: row.spec.trim(), price_fen: fenFromText(row.price),
               weight_g: row.weight_g || 0 };
    }

    function productBody() {
      return { title: form.title.trim(), description: form.description, status: form.status,
               freight_template_id: form.freight_template_id || null };
    }

    async function saveSkus(pid) {
      const before = new Map((loaded.value ? loaded.value.skus : []).map((s) => [s.id, s]));
      for (const row of form.rows) {
        const body = skuBody(row);
        if (row.id === null) {
          const made = await api.post(`${base()}/products/${pid}/skus`,
                                      { ...body, stock: row.stock || 0 });
          row.id = made.id;
          continue;
        }
        const was = before.get(row.id);
        if (was.spec !== body.spec || was.price_fen !== body.price_fen
            || was.weight_g !== body.weight_g) {
          await api.patch(`${base()}/skus/${row.id}`, body);
        }
      }
    }

    async function save() {
      const valid = await formRef.value.validate().catch(() => false);
      if (!(await commissionRef.value.validate()) || !valid) return;
      if (!form.rows.length) {
        ElementPlus.ElMessage.error(t("product_editor.need_sku"));
        return;
      }
      busy.value = true;
      try {
        let pid = productId.value;
        if (pid === null) {
          const made = await api.post(`${base()}/products`, {
            ...productBody(),
            skus: form.rows.map((r) => ({ ...skuBody(r), stock: r.stock || 0 })) });
          const chosen = images.value;
          fill(made);  // saved: from here on the editor edits it (its pictures still to send)
          images.value = chosen;
          pid = made.id;
        } else {
          await api.patch(`${base()}/products/${pid}`, productBody());
          await saveSkus(pid);
        }
        try {
          await api.put(`${base()}/products/${pid}/images`,
                        { images: images.value.map((i) => i.id) });
        } catch (err) {
          ElementPlus.ElMessage.error(t("product_editor.images_failed") + err.message);
          return;
        }
        await commissionRef.value.save(pid);
        ElementPlus.ElMessage.success(t("product_editor.saved"));
        emit("saved", pid);
      } catch (err) {
        showError(err);
      } finally {
        busy.value = false;
      }
    }

    async function adjust(row) {
      let answer;
      try {
        answer = await ElementPlus.ElMessageBox.prompt(
          t("product_editor.adjust_prompt"), t("product_editor.adjust_title"),
          { inputPattern: /^-?[1-9]\d{0,7}$/, inputErrorMessage: t("product_editor.adjust_rule"),
            confirmButtonText: t("common.confirm"), cancelButtonText: t("common.cancel") });
      } catch (cancelled) {
        return;
      }
      try {
        const sku = await api.post(`${base()}/skus/${row.id}/stock`,
                                   { delta: Number(answer.value) });
        row.stock = sku.stock;
        ElementPlus.ElMessage.success(t("product_editor.adjusted", { stock: sku.stock }));
      } catch (err) {
        showError(err);
      }
    }

    function addRow() { form.rows.push(blankRow()); }
    function removeRow(index) { form.rows.splice(index, 1); }

    onMounted(load);
    return { formRef, commissionRef, productId, form, rules, priceRule, specRule, editing, busy,
             uploading, templates, images, specTitle, MAX_IMAGES, MAX_STOCK, MAX_SPECS, addValue,
             removeValue, addSpec, removeSpec, onFiles, removeImage, makeCover, save, adjust, addRow, removeRow };
  },
  template: `
  <div class="product-editor" data-testid="product-editor">
  <el-form ref="formRef" :model="form" :rules="rules" label-width="96px" @submit.prevent>
    <h4 class="form-section">{{ $t('product_editor.basics') }}</h4>
    <el-form-item :label="$t('product_editor.title')" prop="title">
      <el-input v-model="form.title" maxlength="120" show-word-limit data-testid="product-title" />
    </el-form-item>
    <el-form-item :label="$t('product_editor.description')" prop="description">
      <el-input v-model="form.description" type="textarea" :rows="3" maxlength="5000"
                data-testid="product-description" />
    </el-form-item>
    <el-form-item :label="$t('product_editor.images')">
      <div class="image-list" data-testid="product-images">
        <div v-for="(img, i) in images" :key="img.id" class="image-item">
          <img :src="img.thumb_url" alt="">
          <el-tag v-if="i === 0" size="small" class="image-cover-tag">{{ $t('product_editor.cover') }}</el-tag>
          <div class="image-actions">
            <el-button v-if="i > 0" link size="small" @click="makeCover(i)">{{ $t('product_editor.make_cover') }}</el-button>
            <el-button link size="small" type="danger" @click="removeImage(i)">{{ $t('product_editor.remove') }}</el-button>
          </div>
        </div>
        <label v-if="images.length < MAX_IMAGES" class="image-add" v-loading="uploading > 0">
          <el-icon><Plus /></el-icon><span>{{ $t('product_editor.upload') }}</span>
          <input type="file" accept="image/jpeg,image/png,image/webp,image/gif" multiple
                 class="image-input" data-testid="image-input" @change="onFiles">
        </label>
      </div>
      <div class="muted form-hint">{{ $t('product_editor.images_hint') }}</div>
    </el-form-item>
    <el-form-item :label="$t('product_editor.freight')">
      <el-select v-model="form.freight_template_id" clearable class="wide-select"
                 :placeholder="$t('product_editor.freight_none')" data-testid="product-freight">
        <el-option v-for="tpl in templates" :key="tpl.id" :value="tpl.id" :label="tpl.name" />
      </el-select>
    </el-form-item>
    <el-form-item :label="$t('product_editor.status')">
      <el-radio-group v-model="form.status" data-testid="product-sale-status">
        <el-radio value="on_sale">{{ $t('product_editor.on_sale') }}</el-radio>
        <el-radio value="off_sale">{{ $t('product_editor.off_sale') }}</el-radio>
      </el-radio-group>
    </el-form-item>

    <h4 class="form-section">{{ $t('product_editor.specs') }}</h4>
    <template v-if="!editing">
      <div v-for="(group, g) in form.specs" :key="g" class="spec-group" data-testid="spec-group">
        <el-form-item :label="$t('product_editor.spec_name')">
          <el-input v-model="group.name" :placeholder="$t('product_editor.spec_name_placeholder')"
                    maxlength="20" class="spec-name" data-testid="spec-name" />
          <el-button v-if="form.specs.length > 1" link type="danger" class="spec-remove"
                     @click="removeSpec(g)" data-testid="spec-remove">{{ $t('product_editor.remove_spec') }}</el-button>
        </el-form-item>
        <el-form-item :label="$t('product_editor.spec_values')">
          <div class="spec-values">
            <el-tag v-for="v in group.values" :key="v" closable @close="removeValue(group, v)"
                    data-testid="spec-value">{{ v }}</el-tag>
            <el-input v-model="group.input" :placeholder="$t('product_editor.value_placeholder')"
                      class="spec-value-input" data-testid="spec-value-input" @keyup.enter="addValue(group)" />
            <el-button @click="addValue(group)" data-testid="spec-value-add">{{ $t('product_editor.add_value') }}</el-button>
          </div>
        </el-form-item>
      </div>
      <el-form-item>
        <el-button v-if="form.specs.length < MAX_SPECS" :icon="'Plus'" @click="addSpec"
                   data-testid="spec-add">{{ $t('product_editor.add_spec') }}</el-button>
        <div class="muted form-hint">{{ $t('product_editor.single') }}</div>
      </el-form-item>
    </template>
    <el-table :data="form.rows" class="sku-table" data-testid="sku-table" border>
      <el-table-column :label="specTitle || $t('product_editor.spec')" min-width="160">
        <template #default="{ row, $index }">
          <span v-if="!editing">{{ row.spec || '—' }}</span>
          <el-form-item v-else :prop="'rows.' + $index + '.spec'" :rules="specRule($index)" class="cell-item" label-width="0">
            <el-input v-model="row.spec" maxlength="120" data-testid="sku-spec" />
          </el-form-item>
        </template>
      </el-table-column>
      <el-table-column :label="$t('product_editor.price')" width="170">
        <template #default="{ row, $index }">
          <el-form-item :prop="'rows.' + $index + '.price'" :rules="priceRule" class="cell-item" label-width="0">
            <el-input v-model="row.price" data-testid="sku-price"><template #prefix>¥</template></el-input>
          </el-form-item>
        </template>
      </el-table-column>
      <el-table-column :label="$t('product_editor.stock')" width="190">
        <template #default="{ row }">
          <el-input-number v-if="row.id === null" v-model="row.stock" :min="0" :max="MAX_STOCK"
                           :precision="0" controls-position="right" data-testid="sku-stock" />
          <span v-else class="stock-cell"><span data-testid="sku-stock-value">{{ row.stock }}</span>
            <el-button link type="primary" @click="adjust(row)" data-testid="sku-adjust">{{ $t('product_editor.adjust') }}</el-button></span>
        </template>
      </el-table-column>
      <el-table-column :label="$t('product_editor.weight')" width="170">
        <template #default="{ row }">
          <el-input-number v-model="row.weight_g" :min="0" :max="1000000" :precision="0"
                           controls-position="right" data-testid="sku-weight" />
        </template>
      </el-table-column>
      <el-table-column v-if="editing" width="70" align="center">
        <template #default="{ row, $index }">
          <el-button v-if="row.id === null" link type="danger" @click="removeRow($index)">{{ $t('product_editor.remove') }}</el-button>
        </template>
      </el-table-column>
    </el-table>
    <el-button v-if="editing" class="add-row" :icon="'Plus'" @click="addRow" data-testid="sku-add-row">{{ $t('product_editor.add_row') }}</el-button>
  </el-form>
  <product-commission ref="commissionRef" :product-id="productId" />
  <div class="form-footer">
    <el-button @click="$emit('cancel')">{{ $t('common.cancel') }}</el-button>
    <el-button type="primary" :loading="busy" :disabled="uploading > 0" @click="save"
               data-testid="product-save">{{ $t('product_editor.save') }}</el-button>
  </div>
  </div>`,
};
