// 运费模板: the merchant's freight templates (GET .../freight-templates) with
// their fees as the server stores them; create and edit in a dialog
// (freight-editor.js), delete (409 freight_template_in_use while a product
// names it).
import { api, showError, dateTime, yuan } from "../api.js";
import { session } from "../session.js";
import { extend, t } from "../i18n.js";
import { regions, regionNames } from "../regions.js";
import freightEditor from "./freight-editor.js";

extend({
  "zh-CN": {
    menu: { freight_templates: "运费模板" },
    freight: {
      create: "新建运费模板", name: "模板名称", method: "计费方式",
      methods: { piece: "按件数", weight: "按重量", flat: "统一运费" },
      default_fees: "默认运费", groups: "指定地区", not_delivered: "不配送地区",
      updated: "更新时间", edit: "编辑", delete: "删除", deleted: "已删除",
      delete_confirm: "确定删除运费模板「{name}」吗？", none: "无",
      fees_piece: "{first} 件内 {fee} 元，每增加 {more} 件加 {more_fee} 元",
      fees_weight: "{first} 克内 {fee} 元，每增加 {more} 克加 {more_fee} 元",
      fees_flat: "每单 {fee} 元", free_fen: "满 {fen} 元包邮", free_count: "满 {count} 件包邮",
      free_both: "满 {fen} 元且满 {count} 件包邮",
      new_title: "新建运费模板", edit_title: "编辑运费模板", then: "；",
    },
    errors: { freight_template_in_use: "有商品正在使用该模板，不能删除",
              freight_template_not_found: "运费模板不存在" },
  },
  en: {
    menu: { freight_templates: "Freight templates" },
    freight: {
      create: "New template", name: "Name", method: "Charged by",
      methods: { piece: "Pieces", weight: "Weight", flat: "Flat fee" },
      default_fees: "Default fees", groups: "Region groups", not_delivered: "Not delivered",
      updated: "Updated", edit: "Edit", delete: "Delete", deleted: "Deleted",
      delete_confirm: "Delete the freight template “{name}”?", none: "None",
      fees_piece: "{fee} for the first {first} pcs, {more_fee} per {more} more",
      fees_weight: "{fee} for the first {first} g, {more_fee} per {more} g more",
      fees_flat: "{fee} per order", free_fen: "free over {fen}",
      free_count: "free from {count} pcs", free_both: "free over {fen} and from {count} pcs",
      new_title: "New freight template", edit_title: "Edit freight template", then: "; ",
    },
    errors: { freight_template_in_use: "A product uses this template: it cannot be deleted",
              freight_template_not_found: "No such freight template" },
  },
});

const { ref, onMounted } = Vue;
const PER_PAGE = 20;

function freeText(fees) {
  const fen = fees.free_over_fen === null ? null : yuan(fees.free_over_fen);
  const count = fees.free_over_count;
  if (fen !== null && count !== null) return t("freight.free_both", { fen, count });
  if (fen !== null) return t("freight.free_fen", { fen });
  return count !== null ? t("freight.free_count", { count }) : "";
}

// a group's fees in words, as merchants read them ("1 件内 10.00 元，…；满 99.00 元包邮")
export function feesText(method, fees) {
  const text = t(`freight.fees_${method}`, { first: fees.first_units, fee: yuan(fees.first_fee_fen),
                                             more: fees.additional_units,
                                             more_fee: yuan(fees.additional_fee_fen) });
  const free = freeText(fees);
  return free ? `${text}${t("freight.then")}${free}` : text;
}

export default {
  components: { freightEditor },
  setup() {
    const rows = ref([]);
    const total = ref(0);
    const page = ref(1);
    const loading = ref(false);
    const dialog = ref(false);
    const editing = ref(null);
    const names = ref({});
    const base = () => `/api/v1/merchants/${session.merchantId}/freight-templates`;

    async function refresh() {
      loading.value = true;
      try {
        const [body, area] = await Promise.all([
          api.get(base(), { page: page.value, per_page: PER_PAGE }), regions()]);
        rows.value = body.items;
        total.value = body.meta.total;
        names.value = area.names;
      } catch (err) {
        showError(err);
      } finally {
        loading.value = false;
      }
    }

    function open(row) {
      editing.value = row;
      dialog.value = true;
    }

    function saved() {
      dialog.value = false;
      refresh();
    }

    async function remove(row) {
      try {
        await ElementPlus.ElMessageBox.confirm(
          t("freight.delete_confirm", { name: row.name }), t("freight.delete"),
          { type: "warning", confirmButtonText: t("common.confirm"),
            cancelButtonText: t("common.cancel") });
      } catch (cancelled) {
        return;
      }
      try {
        await api.del(`${base()}/${row.id}`);
        ElementPlus.ElMessage.success(t("freight.deleted"));
        refresh();
      } catch (err) {
        showError(err);
      }
    }

    const places = (codes) => regionNames(codes, names.value);
    onMounted(refresh);
    return { rows, total, page, loading, dialog, editing, PER_PAGE, refresh, open, saved,
             remove, feesText, places, dateTime };
  },
  template: `
  <el-card shadow="never">
    <div class="toolbar">
      <el-button type="primary" :icon="'Plus'" @click="open(null)" data-testid="freight-create">{{ $t('freight.create') }}</el-button>
    </div>
    <el-table :data="rows" v-loading="loading" data-testid="freight-table" stripe>
      <el-table-column prop="name" :label="$t('freight.name')" min-width="140" />
      <el-table-column :label="$t('freight.method')" width="100">
        <template #default="{ row }"><el-tag>{{ $t('freight.methods.' + row.method) }}</el-tag></template>
      </el-table-column>
      <el-table-column :label="$t('freight.default_fees')" min-width="230">
        <template #default="{ row }">{{ feesText(row.method, row.default) }}</template>
      </el-table-column>
      <el-table-column :label="$t('freight.groups')" min-width="260">
        <template #default="{ row }">
          <div v-for="(g, i) in row.groups" :key="i" class="freight-group-line">
            <b>{{ places(g.regions) }}</b>：{{ feesText(row.method, g) }}
          </div>
          <span v-if="!row.groups.length" class="muted">{{ $t('freight.none') }}</span>
        </template>
      </el-table-column>
      <el-table-column :label="$t('freight.not_delivered')" min-width="140">
        <template #default="{ row }">{{ places(row.not_delivered) || $t('freight.none') }}</template>
      </el-table-column>
      <el-table-column :label="$t('freight.updated')" width="150">
        <template #default="{ row }">{{ dateTime(row.updated_at) }}</template>
      </el-table-column>
      <el-table-column :label="$t('common.actions')" width="120" align="center">
        <template #default="{ row }">
          <el-button link type="primary" @click="open(row)" data-testid="freight-edit">{{ $t('freight.edit') }}</el-button>
          <el-button link type="danger" @click="remove(row)" data-testid="freight-delete">{{ $t('freight.delete') }}</el-button>
        </template>
      </el-table-column>
    </el-table>
    <el-pagination class="pager" background layout="total, prev, pager, next" :total="total"
                   :page-size="PER_PAGE" v-model:current-page="page" @current-change="refresh" />
    <el-dialog v-model="dialog" width="1180px" destroy-on-close top="4vh"
               :title="editing ? $t('freight.edit_title') : $t('freight.new_title')">
      <freight-editor :template="editing" @saved="saved" @cancel="dialog = false" />
    </el-dialog>
  </el-card>`,
};
