// 运费模板编辑: name, how postage is charged (by piece, weight in grams, or a
// flat fee), the default fees, region groups with their own fees and free-
// shipping thresholds, and the regions not delivered to. Provinces and
// cities are picked each on its own (a city's entry wins over its
// province's on the server); the whole template is sent at once (POST, or
// PUT to replace) and the server checks every rule.
import { api, showError } from "../api.js";
import { session } from "../session.js";
import { extend, t } from "../i18n.js";
import { fenFromText, textFromFen, yuanRule } from "../yuan-input.js";
import { regions, regionNames } from "../regions.js";

extend({
  "zh-CN": {
    freight_editor: {
      name: "模板名称", name_required: "请输入模板名称", method: "计费方式",
      regions: "配送地区", default_row: "默认运费（其他地区）", pick_regions: "选择省 / 市",
      first_piece: "首件 (件)", first_weight: "首重 (克)", first_fee: "首费 (元)",
      more_piece: "续件 (件)", more_weight: "续重 (克)", more_fee: "续费 (元)",
      flat_fee: "运费 (元)", free_over: "满额包邮 (元)", free_count: "满件包邮 (件)",
      add_group: "为指定地区设置运费", remove: "删除", not_delivered: "不配送地区",
      not_delivered_hint: "买家收货地址在这些地区时不能下单",
      regions_required: "请选择地区", fee_rule: "请输入正确的金额（最多两位小数）",
      free_hint: "同时填写满额和满件时，两个条件都要满足才包邮；都不填则不包邮",
      repeated: "同一地区只能设置一次：{names}",
      save: "保存", saved: "运费模板已保存",
    },
  },
  en: {
    freight_editor: {
      name: "Name", name_required: "Enter a name", method: "Charged by",
      regions: "Regions", default_row: "Default (everywhere else)", pick_regions: "Provinces / cities",
      first_piece: "First (pcs)", first_weight: "First (g)", first_fee: "First fee",
      more_piece: "Each more (pcs)", more_weight: "Each more (g)", more_fee: "More fee",
      flat_fee: "Fee", free_over: "Free over (yuan)", free_count: "Free from (pcs)",
      add_group: "Fees for some regions", remove: "Remove", not_delivered: "Not delivered",
      not_delivered_hint: "Buyers with an address there cannot order",
      regions_required: "Pick the regions", fee_rule: "Enter an amount with at most two decimals",
      free_hint: "With both thresholds set, both must be met; with none, never free",
      repeated: "A region may be named once only: {names}",
      save: "Save", saved: "Freight template saved",
    },
  },
});

const { ref, reactive, computed, onMounted } = Vue;

function rowOf(fees, regionCodes = []) {
  return { regions: [...regionCodes], first_units: fees.first_units,
           first_fee: textFromFen(fees.first_fee_fen), additional_units: fees.additional_units,
           additional_fee: textFromFen(fees.additional_fee_fen),
           free_over: textFromFen(fees.free_over_fen), free_over_count: fees.free_over_count };
}

const BLANK_FEES = { first_units: 1, first_fee_fen: null, additional_units: 1,
                     additional_fee_fen: 0, free_over_fen: null, free_over_count: null };

export default {
  props: { template: { type: Object, default: null } },
  emits: ["saved", "cancel"],
  setup(props, { emit }) {
    const formRef = ref(null);
    const busy = ref(false);
    const tree = ref([]);
    const names = ref({});
    const source = props.template;
    const form = reactive({
      name: source ? source.name : "",
      method: source ? source.method : "piece",
      rows: source ? [rowOf(source.default), ...source.groups.map((g) => rowOf(g, g.regions))]
                   : [rowOf(BLANK_FEES)],
      not_delivered: source ? [...source.not_delivered] : [],
    });
    const flat = computed(() => form.method === "flat");
    const unit = computed(() => (form.method === "weight" ? "weight" : "piece"));
    const rules = computed(() => ({
      name: [{ required: true, whitespace: true, message: t("freight_editor.name_required"),
               trigger: "blur" }],
    }));
    const feeRule = [yuanRule(t("freight_editor.fee_rule"))];
    const freeRule = [yuanRule(t("freight_editor.fee_rule"), { required: false, minFen: 1 })];
    const regionsRule = [{ type: "array", required: true, min: 1, trigger: "change",
                           message: t("freight_editor.regions_required") }];

    function fees(row) {
      return { first_units: flat.value ? 1 : row.first_units,
               first_fee_fen: fenFromText(row.first_fee),
               additional_units: flat.value ? 1 : row.additional_units,
               additional_fee_fen: flat.value ? 0 : fenFromText(row.additional_fee),
               free_over_fen: row.free_over ? fenFromText(row.free_over) : null,
               free_over_count: row.free_over_count || null };
    }

    function addGroup() { form.rows.push(rowOf(BLANK_FEES)); }
    function removeGroup(index) { form.rows.splice(index, 1); }

    // codes picked in two places (two groups, or a group and "not delivered")
    function repeated() {
      const seen = new Set();
      const twice = new Set();
      for (const code of [...form.rows.slice(1).flatMap((r) => r.regions), ...form.not_delivered]) {
        (seen.has(code) ? twice : seen).add(code);
      }
      return [...twice];
    }

    async function save() {
      if (!(await formRef.value.validate().catch(() => false))) return;
      const twice = repeated();
      if (twice.length) {
        ElementPlus.ElMessage.error(t("freight_editor.repeated",
                                      { names: regionNames(twice, names.value) }));
        return;
      }
      const [first, ...groups] = form.rows;
      const body = { name: form.name.trim(), method: form.method, default: fees(first),
                     groups: groups.map((g) => ({ ...fees(g), regions: g.regions })),
                     not_delivered: form.not_delivered };
      const base = `/api/v1/merchants/${session.merchantId}/freight-templates`;
      busy.value = true;
      try {
        if (source) await api.put(`${base}/${source.id}`, body);
        else await api.post(base, body);
        ElementPlus.ElMessage.success(t("freight_editor.saved"));
        emit("saved");
      } catch (err) {
        showError(err);
      } finally {
        busy.value = false;
      }
    }

    onMounted(async () => {
      try {
        ({ tree: tree.value, names: names.value } = await regions());
      } catch (err) {
        showError(err);
      }
    });
    return { formRef, form, rules, feeRule, freeRule, regionsRule, flat, unit, busy, tree,
             addGroup, removeGroup, save };
  },
  template: `
  <el-form ref="formRef" :model="form" :rules="rules" label-width="96px" class="freight-editor"
           data-testid="freight-editor" @submit.prevent>
    <el-form-item :label="$t('freight_editor.name')" prop="name">
      <el-input v-model="form.name" maxlength="60" class="freight-name" data-testid="freight-name" />
    </el-form-item>
    <el-form-item :label="$t('freight_editor.method')">
      <el-radio-group v-model="form.method" data-testid="freight-method">
        <el-radio value="piece">{{ $t('freight.methods.piece') }}</el-radio>
        <el-radio value="weight">{{ $t('freight.methods.weight') }}</el-radio>
        <el-radio value="flat">{{ $t('freight.methods.flat') }}</el-radio>
      </el-radio-group>
    </el-form-item>
    <el-table :key="form.method" :data="form.rows" border class="freight-rows" data-testid="freight-rows">
      <el-table-column :label="$t('freight_editor.regions')" min-width="240">
        <template #default="{ row, $index }">
          <span v-if="$index === 0">{{ $t('freight_editor.default_row') }}</span>
          <el-form-item v-else :prop="'rows.' + $index + '.regions'" :rules="regionsRule" class="cell-item" label-width="0">
            <el-tree-select v-model="row.regions" :data="tree" multiple show-checkbox check-strictly
                            filterable collapse-tags collapse-tags-tooltip :max-collapse-tags="3"
                            node-key="value" :render-after-expand="false"
                            :placeholder="$t('freight_editor.pick_regions')" data-testid="group-regions" />
          </el-form-item>
        </template>
      </el-table-column>
      <el-table-column v-if="!flat" :label="$t('freight_editor.first_' + unit)" width="120">
        <template #default="{ row }">
          <el-input-number v-model="row.first_units" :min="1" :max="1000000" :precision="0"
                           :controls="false" class="cell-number" data-testid="first-units" />
        </template>
      </el-table-column>
      <el-table-column :label="flat ? $t('freight_editor.flat_fee') : $t('freight_editor.first_fee')" width="120">
        <template #default="{ row, $index }">
          <el-form-item :prop="'rows.' + $index + '.first_fee'" :rules="feeRule" class="cell-item" label-width="0">
            <el-input v-model="row.first_fee" data-testid="first-fee" />
          </el-form-item>
        </template>
      </el-table-column>
      <template v-if="!flat">
        <el-table-column :label="$t('freight_editor.more_' + unit)" width="120">
          <template #default="{ row }">
            <el-input-number v-model="row.additional_units" :min="1" :max="1000000" :precision="0"
                             :controls="false" class="cell-number" data-testid="more-units" />
          </template>
        </el-table-column>
        <el-table-column :label="$t('freight_editor.more_fee')" width="120">
          <template #default="{ row, $index }">
            <el-form-item :prop="'rows.' + $index + '.additional_fee'" :rules="feeRule" class="cell-item" label-width="0">
              <el-input v-model="row.additional_fee" data-testid="more-fee" />
            </el-form-item>
          </template>
        </el-table-column>
      </template>
      <el-table-column :label="$t('freight_editor.free_over')" width="130">
        <template #default="{ row, $index }">
          <el-form-item :prop="'rows.' + $index + '.free_over'" :rules="freeRule" class="cell-item" label-width="0">
            <el-input v-model="row.free_over" data-testid="free-over" />
          </el-form-item>
        </template>
      </el-table-column>
      <el-table-column :label="$t('freight_editor.free_count')" width="120">
        <template #default="{ row }">
          <el-input-number v-model="row.free_over_count" :min="1" :max="1000000" :precision="0"
                           :controls="false" class="cell-number" data-testid="free-count" />
        </template>
      </el-table-column>
      <el-table-column width="70" align="center">
        <template #default="{ $index }">
          <el-button v-if="$index > 0" link type="danger" @click="removeGroup($index)">{{ $t('freight_editor.remove') }}</el-button>
        </template>
      </el-table-column>
    </el-table>
    <div class="muted form-hint">{{ $t('freight_editor.free_hint') }}</div>
    <el-button class="add-row" :icon="'Plus'" @click="addGroup" data-testid="freight-add-group">{{ $t('freight_editor.add_group') }}</el-button>
    <el-form-item :label="$t('freight_editor.not_delivered')" class="not-delivered">
      <el-tree-select v-model="form.not_delivered" :data="tree" multiple show-checkbox check-strictly
                      filterable collapse-tags collapse-tags-tooltip :max-collapse-tags="6"
                      node-key="value" :render-after-expand="false" class="wide-select"
                      :placeholder="$t('freight_editor.pick_regions')" data-testid="not-delivered" />
      <div class="muted form-hint">{{ $t('freight_editor.not_delivered_hint') }}</div>
    </el-form-item>
    <div class="form-footer">
      <el-button @click="$emit('cancel')">{{ $t('common.cancel') }}</el-button>
      <el-button type="primary" :loading="busy" @click="save" data-testid="freight-save">{{ $t('freight_editor.save') }}</el-button>
    </div>
  </el-form>`,
};
