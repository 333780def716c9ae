// 砍价活动: the shop's bargain activities (GET .../bargain-activities), a new
// one (a SKU, start and floor prices, helpers needed, window, validity,
// limits), turning one off and on (PATCH status), and an activity's
// bargains in a drawer, running ones first shown (GET .../bargains).
import { api, request, showError, yuan, dateTime } from "../api.js";
import { usePaged, PER_PAGE } from "../paged.js";
import { session } from "../session.js";
import { extend, t } from "../i18n.js";
import { loadSkus, skuName, SkuPicker } from "./sku-picker.js";
import { PICKER_FORMAT, toIso, span } from "./china-time.js";

extend({
  "zh-CN": {
    menu: { bargains: "砍价活动" },
    bargain: {
      create: "新建砍价", title: "活动名称", sku: "砍价商品", start_price: "起砍价 (元)",
      floor_price: "底价 (元)", floor_hint: "0 元即砍价免费拿", prices: "起砍价 → 底价",
      helpers: "需助力人数", window: "活动时间 (北京时间)", starts_at: "开始时间",
      ends_at: "结束时间", validity: "砍价有效期 (小时)", validity_col: "砍价有效期",
      start_limit: "每人可发起", help_limit: "每人可助力", daily_help_limit: "每人每天可助力",
      buy_above_floor: "未砍到底价可购买", status: "状态", statuses: { active: "启用", disabled: "停用" },
      bargains: "砍价记录", disable: "停用", enable: "启用", disabled_ok: "已停用", enabled_ok: "已启用",
      created: "砍价活动已创建", hours: "{n} 小时", people: "{n} 人",
      title_required: "请输入活动名称", sku_required: "请选择砍价商品",
      price_required: "请填写价格", time_required: "请选择时间",
      end_after_start: "结束时间须晚于开始时间", floor_below_start: "底价须低于起砍价",
      bargains_title: "砍价记录 · {title}", starter: "发起人", price_now: "当前价 (元)",
      progress: "已助力 / 需助力", started_at: "发起时间", deadline: "截止时间",
      filters: { active: "进行中", expired: "已过期", bought: "已购买" },
    },
    errors: {
      bargain_activity_not_found: "砍价活动不存在",
      too_few_fen_to_cut: "起砍价与底价之差须不少于助力人数 × 0.01 元",
    },
  },
  en: {
    menu: { bargains: "Bargains" },
    bargain: {
      create: "New bargain", title: "Name", sku: "Product", start_price: "Start price (yuan)",
      floor_price: "Floor price (yuan)", floor_hint: "0: bargain for free",
      prices: "Start → floor", helpers: "Helpers needed", window: "Time (China time)",
      starts_at: "Starts", ends_at: "Ends", validity: "Bargain validity (hours)",
      validity_col: "Validity", start_limit: "Starts per buyer", help_limit: "Helps per buyer",
      daily_help_limit: "Helps per buyer a day", buy_above_floor: "May buy above the floor",
      status: "Status", statuses: { active: "On", disabled: "Off" }, bargains: "Bargains",
      disable: "Turn off", enable: "Turn on", disabled_ok: "Turned off", enabled_ok: "Turned on",
      created: "Bargain created", hours: "{n} h", people: "{n}",
      title_required: "Enter a name", sku_required: "Choose a product",
      price_required: "Enter a price", time_required: "Choose a time",
      end_after_start: "The end must come after the start",
      floor_below_start: "The floor must be below the start price",
      bargains_title: "Bargains · {title}", starter: "Started by", price_now: "Price now (yuan)",
      progress: "Helps / needed", started_at: "Started", deadline: "Deadline",
      filters: { active: "Running", expired: "Expired", bought: "Bought" },
    },
    errors: {
      bargain_activity_not_found: "No such bargain",
      too_few_fen_to_cut: "Start minus floor must be at least 0.01 per helper",
    },
  },
});

const { ref, reactive, computed, onMounted } = Vue;
const HOUR_S = 3600;
const FILTERS = ["active", "expired", "bought"];
const FILTER_TAGS = { active: "warning", expired: "info", bought: "success" };

function blankForm() {
  return { title: "", sku_id: null, start_yuan: null, floor_yuan: 0, helpers_needed: 5,
           starts_at: "", ends_at: "", validity_h: 24, start_limit: 1, help_limit: 1,
           daily_help_limit: 3, buy_above_floor: false };
}

const fen = (value) => Math.round(value * 100);

// a bargain's place: bought, expired unbought, or still running
function filterOf(b) {
  if (b.status === "bought") return "bought";
  return b.expired ? "expired" : "active";
}

export default {
  components: { SkuPicker },
  setup() {
    const { rows, total, page, loading, refresh, first } = usePaged(() => base());
    const skus = ref([]);
    const dialog = ref(false);
    const busy = ref(false);
    const formRef = ref(null);
    const form = reactive(blankForm());
    const shown = ref(null);
    const bargains = ref([]);
    const bargainTotal = ref(0);
    const bargainPage = ref(1);
    const filter = ref("active");
    const base = () => `/api/v1/merchants/${session.merchantId}/bargain-activities`;

    const rules = computed(() => ({
      title: [{ required: true, message: t("bargain.title_required"), trigger: "blur" }],
      sku_id: [{ required: true, message: t("bargain.sku_required"), trigger: "change" }],
      start_yuan: [{ required: true, message: t("bargain.price_required"), trigger: "blur" }],
      floor_yuan: [{ required: true, message: t("bargain.price_required"), trigger: "blur" },
                   { validator: (rule, value, done) => done(
                     form.start_yuan !== null && value !== null && value >= form.start_yuan
                       ? new Error(t("bargain.floor_below_start")) : undefined),
                     trigger: "blur" }],
      starts_at: [{ required: true, message: t("bargain.time_required"), trigger: "change" }],
      ends_at: [{ required: true, message: t("bargain.time_required"), trigger: "change" },
                { validator: (rule, value, done) => done(
                  value && form.starts_at && value <= form.starts_at
                    ? new Error(t("bargain.end_after_start")) : undefined),
                  trigger: "change" }] }));


    function openCreate() {
      Object.assign(form, blankForm());
      dialog.value = true;
    }

    async function create() {
      if (!(await formRef.value.validate().catch(() => false))) return;
      busy.value = true;
      try {
        await api.post(base(), {
          title: form.title.trim(), sku_id: form.sku_id, start_price_fen: fen(form.start_yuan),
          floor_price_fen: fen(form.floor_yuan), helpers_needed: form.helpers_needed,
          starts_at: toIso(form.starts_at), ends_at: toIso(form.ends_at),
          validity_s: form.validity_h * HOUR_S, start_limit: form.start_limit,
          help_limit: form.help_limit, daily_help_limit: form.daily_help_limit,
          buy_above_floor: form.buy_above_floor });
        dialog.value = false;
        ElementPlus.ElMessage.success(t("bargain.created"));
        first();
      } catch (err) {
        showError(err);
      } finally {
        busy.value = false;
      }
    }

    async function toggle(row) {
      const target = row.status === "active" ? "disabled" : "active";
      try {
        await request("PATCH", `${base()}/${row.id}`, { status: target });
        ElementPlus.ElMessage.success(t(target === "active" ? "bargain.enabled_ok"
                                                            : "bargain.disabled_ok"));
        refresh();
      } catch (err) {
        showError(err);
      }
    }

    async function loadBargains() {
      const query = { page: bargainPage.value, per_page: PER_PAGE };
      if (filter.value) query.status = filter.value;
      try {
        const body = await api.get(`${base()}/${shown.value.id}/bargains`, query);
        bargains.value = body.items;
        bargainTotal.value = body.meta.total;
      } catch (err) {
        showError(err);
      }
    }

    function openBargains(row) {
      shown.value = row;
      bargains.value = [];
      bargainPage.value = 1;
      filter.value = "active";
      loadBargains();
    }

    function refilter() { bargainPage.value = 1; loadBargains(); }

    onMounted(async () => {
      refresh();
      try {
        skus.value = await loadSkus(session.merchantId);
      } catch (err) {
        showError(err);
      }
    });
    return { rows, total, page, loading, skus, dialog, busy, form, formRef, rules, shown,
             bargains, bargainTotal, bargainPage, filter, PER_PAGE, PICKER_FORMAT, HOUR_S,
             FILTERS, FILTER_TAGS, refresh, openCreate, create, toggle, openBargains,
             loadBargains, refilter, filterOf, skuName, span, yuan, dateTime };
  },
  template: `
  <el-card shadow="never">
    <div class="toolbar">
      <el-button type="primary" :icon="'Plus'" @click="openCreate" data-testid="bg-create-open">{{ $t('bargain.create') }}</el-button>
      <el-button :icon="'Refresh'" @click="refresh">{{ $t('common.refresh') }}</el-button>
    </div>
    <el-table :data="rows" v-loading="loading" data-testid="bg-table" stripe>
      <el-table-column :label="$t('bargain.title')" min-width="180">
        <template #default="{ row }">
          <div>{{ row.title }}</div>
          <div class="muted">{{ skuName(skus, row.sku_id) }}</div>
        </template>
      </el-table-column>
      <el-table-column :label="$t('bargain.prices')" width="170">
        <template #default="{ row }"><span data-col="prices">{{ yuan(row.start_price_fen) }} → {{ yuan(row.floor_price_fen) }}</span></template>
      </el-table-column>
      <el-table-column :label="$t('bargain.helpers')" width="110" align="right">
        <template #default="{ row }">{{ $t('bargain.people', { n: row.helpers_needed }) }}</template>
      </el-table-column>
      <el-table-column :label="$t('bargain.window')" min-width="210">
        <template #default="{ row }">{{ span(row.starts_at, row.ends_at) }}</template>
      </el-table-column>
      <el-table-column :label="$t('bargain.validity_col')" width="110">
        <template #default="{ row }">{{ $t('bargain.hours', { n: row.validity_s / HOUR_S }) }}</template>
      </el-table-column>
      <el-table-column :label="$t('bargain.status')" width="80">
        <template #default="{ row }"><el-tag :type="row.status === 'active' ? 'success' : 'info'" data-col="status">{{ $t('bargain.statuses.' + row.status) }}</el-tag></template>
      </el-table-column>
      <el-table-column :label="$t('common.actions')" width="150" align="center">
        <template #default="{ row }">
          <el-button link type="primary" @click="openBargains(row)" data-action="bargains">{{ $t('bargain.bargains') }}</el-button>
          <el-button link :type="row.status === 'active' ? 'danger' : 'primary'" @click="toggle(row)" data-action="toggle">{{ row.status === 'active' ? $t('bargain.disable') : $t('bargain.enable') }}</el-button>
        </template>
      </el-table-column>
    </el-table>
    <el-pagination class="pager" background layout="total, prev, pager, next" :total="total"
                   :page-size="PER_PAGE" v-model:current-page="page" @current-change="refresh" />

    <el-dialog v-model="dialog" :title="$t('bargain.create')" width="600px">
      <el-form ref="formRef" :model="form" :rules="rules" label-width="auto" data-testid="bg-form">
        <el-form-item :label="$t('bargain.title')" prop="title">
          <el-input v-model="form.title" maxlength="60" show-word-limit data-testid="bg-title" />
        </el-form-item>
        <el-form-item :label="$t('bargain.sku')" prop="sku_id">
          <sku-picker v-model="form.sku_id" :skus="skus" data-testid="bg-sku" />
        </el-form-item>
        <el-form-item :label="$t('bargain.start_price')" prop="start_yuan">
          <el-input-number v-model="form.start_yuan" :min="0.01" :precision="2" :controls="false" data-testid="bg-start" />
        </el-form-item>
        <el-form-item :label="$t('bargain.floor_price')" prop="floor_yuan">
          <el-input-number v-model="form.floor_yuan" :min="0" :precision="2" :controls="false" data-testid="bg-floor" />
          <span class="promo-hint">{{ $t('bargain.floor_hint') }}</span>
        </el-form-item>
        <el-form-item :label="$t('bargain.helpers')" prop="helpers_needed">
          <el-input-number v-model="form.helpers_needed" :min="1" :max="500" step-strictly data-testid="bg-helpers" />
        </el-form-item>
        <el-form-item :label="$t('bargain.starts_at')" prop="starts_at">
          <div data-testid="bg-starts"><el-date-picker v-model="form.starts_at" type="datetime" :format="PICKER_FORMAT" :value-format="PICKER_FORMAT" /></div>
        </el-form-item>
        <el-form-item :label="$t('bargain.ends_at')" prop="ends_at">
          <div data-testid="bg-ends"><el-date-picker v-model="form.ends_at" type="datetime" :format="PICKER_FORMAT" :value-format="PICKER_FORMAT" /></div>
        </el-form-item>
        <el-form-item :label="$t('bargain.validity')" prop="validity_h">
          <el-input-number v-model="form.validity_h" :min="1" :max="168" step-strictly data-testid="bg-validity" />
        </el-form-item>
        <el-form-item :label="$t('bargain.start_limit')" prop="start_limit">
          <el-input-number v-model="form.start_limit" :min="1" :max="100" step-strictly />
        </el-form-item>
        <el-form-item :label="$t('bargain.help_limit')" prop="help_limit">
          <el-input-number v-model="form.help_limit" :min="1" :max="1000" step-strictly />
        </el-form-item>
        <el-form-item :label="$t('bargain.daily_help_limit')" prop="daily_help_limit">
          <el-input-number v-model="form.daily_help_limit" :min="1" :max="1000" step-strictly />
        </el-form-item>
        <el-form-item :label="$t('bargain.buy_above_floor')">
          <el-switch v-model="form.buy_above_floor" data-testid="bg-buy-above" />
        </el-form-item>
      </el-form>
      <template #footer>
        <el-button @click="dialog = false">{{ $t('common.cancel') }}</el-button>
        <el-button type="primary" :loading="busy" @click="create" data-testid="bg-create">{{ $t('common.confirm') }}</el-button>
      </template>
    </el-dialog>

    <el-drawer :model-value="shown !== null" @close="shown = null" size="820px"
               :title="shown ? $t('bargain.bargains_title', { title: shown.title }) : ''" data-testid="bg-bargains">
      <div class="toolbar">
        <el-radio-group v-model="filter" @change="refilter" data-testid="bg-filter">
          <el-radio-button value="">{{ $t('common.all') }}</el-radio-button>
          <el-radio-button v-for="f in FILTERS" :key="f" :value="f">{{ $t('bargain.filters.' + f) }}</el-radio-button>
        </el-radio-group>
      </div>
      <el-table :data="bargains" data-testid="bg-bargains-table" stripe>
        <el-table-column prop="starter_nickname" :label="$t('bargain.starter')" min-width="100" />
        <el-table-column :label="$t('bargain.price_now')" width="120" align="right">
          <template #default="{ row }"><span data-col="price">{{ yuan(row.price_fen) }}</span></template>
        </el-table-column>
        <el-table-column :label="$t('bargain.progress')" width="130" align="center">
          <template #default="{ row }"><span data-col="helps">{{ row.helps_count }} / {{ row.helpers_needed }}</span></template>
        </el-table-column>
        <el-table-column :label="$t('bargain.started_at')" width="150">
          <template #default="{ row }">{{ dateTime(row.created_at) }}</template>
        </el-table-column>
        <el-table-column :label="$t('bargain.deadline')" width="150">
          <template #default="{ row }"><span data-col="deadline">{{ dateTime(row.expires_at) }}</span></template>
        </el-table-column>
        <el-table-column :label="$t('bargain.status')" width="90">
          <template #default="{ row }"><el-tag :type="FILTER_TAGS[filterOf(row)]" data-col="status">{{ $t('bargain.filters.' + filterOf(row)) }}</el-tag></template>
        </el-table-column>
      </el-table>
      <el-pagination class="pager" background layout="total, prev, pager, next" :total="bargainTotal"
                     :page-size="PER_PAGE" v-model:current-page="bargainPage" @current-change="loadBargains" />
    </el-drawer>
  </el-card>`,
};
