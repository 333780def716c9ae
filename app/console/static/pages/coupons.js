// 优惠券: the shop's coupons by status (GET .../coupons) with their terms,
// claims and uses; a new coupon (coupon-form.js), activate and stop, and
// one coupon's figures (GET .../stats).
import { api, showError, yuan } from "../api.js";
import { usePaged, PER_PAGE } from "../paged.js";
import { session } from "../session.js";
import { extend, t } from "../i18n.js";
import { span } from "./china-time.js";
import { CouponForm } from "./coupon-form.js";

extend({
  "zh-CN": {
    coupon: {
      create: "新建优惠券", name: "名称", kind: "类型", terms: "优惠内容", scope: "适用商品",
      validity: "有效期", claimed: "已领 / 总量", used: "已使用", status: "状态",
      kinds: { amount_off: "满减券", percent_off: "折扣券", no_threshold: "无门槛券" },
      statuses: { draft: "未启用", active: "进行中", stopped: "已停止" },
      scopes: { all: "全部商品", products: "指定商品", category: "指定分类" },
      amount_off_terms: "满 {min} 减 {amount}", no_threshold_terms: "立减 {amount}",
      percent_off_terms: "{zhe} 折，最多减 {cap}",
      days_validity: "领取后 {days} 天内有效", products_n: "{n} 件商品",
      min_spend: "使用门槛 (元)", amount: "减免金额 (元)", zhe: "折扣 (折)", cap: "最多减 (元)",
      zhe_hint: "如 8.5 折：按 85% 付款", min_hint: "订单满此金额可用",
      products: "选择商品", total: "发放总量 (张)", per_user: "每人限领 (张)",
      validity_kind: "有效期类型", window: "固定时间 (北京时间)", days: "领取后天数",
      valid_from: "开始时间", valid_until: "结束时间", public: "公开领取",
      public_hint: "关闭后仅能通过直播间或会员群发放",
      stats: "数据", stats_title: "领用数据 · {name}", total_n: "发放总量", claimed_n: "已领取",
      left_n: "剩余可领", unused_n: "未使用", used_n: "已使用", expired_n: "已过期",
      discount_n: "累计优惠 (元)",
      activate: "启用", stop: "停止", activated: "已启用", stopped: "已停止",
      created: "优惠券已创建，启用后买家可领取",
      stop_confirm: "停止「{name}」后买家不能再领取，已领取的仍可使用。确定停止吗？",
      name_required: "请输入名称", amount_required: "请填写金额",
      zhe_required: "请填写折扣", cap_required: "请填写最多减免金额",
      products_required: "请选择商品", time_required: "请选择时间",
      end_after_start: "结束时间须晚于开始时间", days_required: "请填写天数",
      invalid: { min_spend_fen: "使用门槛须高于减免金额", amount_fen: "减免金额至少 0.01 元",
                 percent_bps: "折扣须在 0.1 到 9.9 折之间，并填写最多减免金额",
                 per_user_limit: "每人限领须在 1 到 100 之间，且不超过发放总量",
                 total: "发放总量不能少于已领取数量", validity: "请填写有效的有效期",
                 product_ids: "请选择本店商品" },
    },
    errors: {
      invalid_coupon: "优惠券信息有误", coupon_not_found: "优惠券不存在",
      coupon_illegal_status: "优惠券当前状态不能执行此操作", coupon_not_editable: "优惠券已启用，不能修改",
    },
  },
  en: {
    coupon: {
      create: "New coupon", name: "Name", kind: "Type", terms: "Terms", scope: "Products",
      validity: "Valid", claimed: "Claimed / total", used: "Used", status: "Status",
      kinds: { amount_off: "Amount off", percent_off: "Percent off", no_threshold: "No threshold" },
      statuses: { draft: "Inactive", active: "Active", stopped: "Stopped" },
      scopes: { all: "All products", products: "Some products", category: "Some categories" },
      amount_off_terms: "{amount} off orders from {min}", no_threshold_terms: "{amount} off",
      percent_off_terms: "{percent}% off, up to {cap}",
      days_validity: "{days} days from claiming", products_n: "{n} product(s)",
      min_spend: "Minimum spend (yuan)", amount: "Amount off (yuan)", zhe: "Pay (tenths)",
      cap: "At most off (yuan)", zhe_hint: "8.5 means the buyer pays 85%",
      min_hint: "Usable on orders from this amount", products: "Products",
      total: "Total (coupons)", per_user: "Per buyer", validity_kind: "Validity",
      window: "Fixed window (China time)", days: "Days from claiming", valid_from: "From",
      valid_until: "Until", public: "Public",
      public_hint: "Off: handed out only in live rooms or member sends",
      stats: "Figures", stats_title: "Figures · {name}", total_n: "Total", claimed_n: "Claimed",
      left_n: "Left to claim", unused_n: "Unused", used_n: "Used", expired_n: "Expired",
      discount_n: "Discount given (yuan)",
      activate: "Activate", stop: "Stop", activated: "Activated", stopped: "Stopped",
      created: "Coupon created: activate it to let buyers claim it",
      stop_confirm: "Stop \"{name}\"? Nobody can claim it any more; claimed ones stay usable.",
      name_required: "Enter a name", amount_required: "Enter an amount",
      zhe_required: "Enter the discount", cap_required: "Enter the cap",
      products_required: "Choose products", time_required: "Choose a time",
      end_after_start: "The end must come after the start", days_required: "Enter the days",
      invalid: { min_spend_fen: "The minimum spend must be above the amount off",
                 amount_fen: "At least 0.01 off",
                 percent_bps: "Between 0.1 and 9.9, with a cap",
                 per_user_limit: "1 to 100 per buyer, not above the total",
                 total: "Not below what was claimed", validity: "Give a valid validity",
                 product_ids: "Choose products of this shop" },
    },
    errors: {
      invalid_coupon: "The coupon's terms are not valid", coupon_not_found: "No such coupon",
      coupon_illegal_status: "Not possible in the coupon's current state",
      coupon_not_editable: "An active coupon cannot be changed",
    },
  },
});

const { ref, onMounted } = Vue;
const STATUSES = ["draft", "active", "stopped"];
const STATUS_TAGS = { draft: "info", active: "success", stopped: "danger" };
const BPS = 10000;
const FIGURES = ["total", "claimed", "left", "unused", "used", "expired"];

// 1500 bps off (15%) is 8.5 折, shown with at most two decimals
const bpsToZhe = (bps) => String(Number(((BPS - bps) / 1000).toFixed(2)));

export function termsText(c) {
  if (c.kind === "amount_off") {
    return t("coupon.amount_off_terms", { min: yuan(c.min_spend_fen), amount: yuan(c.amount_fen) });
  }
  if (c.kind === "percent_off") {
    return t("coupon.percent_off_terms", { zhe: bpsToZhe(c.percent_bps), cap: yuan(c.cap_fen),
                                           percent: String(c.percent_bps / 100) });
  }
  return t("coupon.no_threshold_terms", { amount: yuan(c.amount_fen) });
}

function validityText(c) {
  return c.valid_days ? t("coupon.days_validity", { days: c.valid_days })
    : span(c.valid_from, c.valid_until);
}

function scopeText(c) {
  if (c.scope === "products") return t("coupon.products_n", { n: c.product_ids.length });
  if (c.scope === "category") return c.categories.join("、");
  return t("coupon.scopes.all");
}

export default {
  components: { CouponForm },
  setup() {
    const { rows, total, page, loading, refresh, first } = usePaged(() => base(), listQuery);
    const status = ref("");
    const dialog = ref(false);
    const figures = ref(null);  // {coupon, stats} the drawer shows
    const base = () => `/api/v1/merchants/${session.merchantId}/coupons`;

    function listQuery() {  // the page's filters, as the API takes them
      const query = {};
      if (status.value) query.status = status.value;
      return query;
    }

    function openCreate() { dialog.value = true; }

    function created() {
      first();
    }

    async function activate(row) {
      try {
        await api.post(`${base()}/${row.id}/activate`);
        ElementPlus.ElMessage.success(t("coupon.activated"));
        refresh();
      } catch (err) {
        showError(err);
      }
    }

    async function stop(row) {
      try {
        await ElementPlus.ElMessageBox.confirm(t("coupon.stop_confirm", { name: row.name }),
          t("coupon.stop"), { type: "warning", confirmButtonText: t("common.confirm"),
                              cancelButtonText: t("common.cancel") });
      } catch (cancelled) {
        return;
      }
      try {
        await api.post(`${base()}/${row.id}/stop`);
        ElementPlus.ElMessage.success(t("coupon.stopped"));
        refresh();
      } catch (err) {
        showError(err);
      }
    }

    async function openStats(row) {
      try {
        figures.value = { coupon: row, stats: await api.get(`${base()}/${row.id}/stats`) };
      } catch (err) {
        showError(err);
      }
    }

    function filter() { first(); }
    onMounted(refresh);
    return { rows, total, page, status, loading, dialog, figures, STATUSES, STATUS_TAGS,
             FIGURES, PER_PAGE, refresh, filter, openCreate, created, activate, stop, openStats,
             termsText, validityText, scopeText, yuan };
  },
  template: `
  <el-card shadow="never">
    <div class="toolbar">
      <el-button type="primary" :icon="'Plus'" @click="openCreate" data-testid="coupon-create-open">{{ $t('coupon.create') }}</el-button>
      <el-select v-model="status" @change="filter" clearable :placeholder="$t('common.all')"
                 class="status-select" data-testid="coupon-status">
        <el-option v-for="s in STATUSES" :key="s" :value="s" :label="$t('coupon.statuses.' + s)" />
      </el-select>
    </div>
    <el-table :data="rows" v-loading="loading" data-testid="coupon-table" stripe>
      <el-table-column prop="name" :label="$t('coupon.name')" min-width="150" />
      <el-table-column :label="$t('coupon.kind')" width="100">
        <template #default="{ row }">{{ $t('coupon.kinds.' + row.kind) }}</template>
      </el-table-column>
      <el-table-column :label="$t('coupon.terms')" min-width="170">
        <template #default="{ row }"><span data-col="terms">{{ termsText(row) }}</span></template>
      </el-table-column>
      <el-table-column :label="$t('coupon.scope')" width="110">
        <template #default="{ row }">{{ scopeText(row) }}</template>
      </el-table-column>
      <el-table-column :label="$t('coupon.validity')" min-width="200">
        <template #default="{ row }"><span data-col="validity">{{ validityText(row) }}</span></template>
      </el-table-column>
      <el-table-column :label="$t('coupon.claimed')" width="110" align="right">
        <template #default="{ row }"><span data-col="claimed">{{ row.claimed }} / {{ row.total }}</span></template>
      </el-table-column>
      <el-table-column prop="used" :label="$t('coupon.used')" width="80" align="right" />
      <el-table-column :label="$t('coupon.status')" width="100">
        <template #default="{ row }"><el-tag :type="STATUS_TAGS[row.status]" data-col="status">{{ $t('coupon.statuses.' + row.status) }}</el-tag></template>
      </el-table-column>
      <el-table-column :label="$t('common.actions')" width="160" align="center">
        <template #default="{ row }">
          <el-button link type="primary" @click="openStats(row)" data-action="stats">{{ $t('coupon.stats') }}</el-button>
          <el-button v-if="row.status === 'draft'" link type="primary" @click="activate(row)" data-action="activate">{{ $t('coupon.activate') }}</el-button>
          <el-button v-if="row.status !== 'stopped'" link type="danger" @click="stop(row)" data-action="stop">{{ $t('coupon.stop') }}</el-button>
        </template>
      </el-table-column>
    </el-table>
    <el-pagination class="pager" background layout="total, prev, pager, next" :total="total"
                   :page-size="PER_PAGE" v-model:current-page="page" @current-change="refresh" />

    <coupon-form v-model="dialog" @created="created" />

    <el-drawer :model-value="figures !== null" @close="figures = null; refresh()" size="480px"
               :title="figures ? $t('coupon.stats_title', { name: figures.coupon.name }) : ''" data-testid="coupon-stats">
      <el-descriptions v-if="figures" :column="1" border>
        <el-descriptions-item :label="$t('coupon.terms')">{{ termsText(figures.coupon) }}</el-descriptions-item>
        <el-descriptions-item v-for="f in FIGURES" :key="f" :label="$t('coupon.' + f + '_n')">
          <span :data-figure="f">{{ figures.stats[f] }}</span></el-descriptions-item>
        <el-descriptions-item :label="$t('coupon.discount_n')"><span data-figure="discount">{{ yuan(figures.stats.discount_fen) }}</span></el-descriptions-item>
      </el-descriptions>
    </el-drawer>
  </el-card>`,
};
