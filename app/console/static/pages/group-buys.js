// 拼团活动: the shop's group-buy activities (GET .../group-activities), a new
// one (SKUs with group prices, group size, window, validity), turning one
// off and on (PATCH status), and an activity's groups in a drawer: leader,
// members paid / needed, deadline (GET .../groups).
import { api, request, showError, yuan, dateTime } from "../api.js";
import { usePaged, PER_PAGE } from "../paged.js";
import { session } from "../session.js";
import { extend, t } from "../i18n.js";
import { loadSkus, skuName, SkuPicker } from "./sku-picker.js";
import { PICKER_FORMAT, toIso, span } from "./china-time.js";

extend({
  "zh-CN": {
    menu: { group_buys: "拼团活动" },
    groupbuy: {
      create: "新建拼团", title: "活动名称", skus: "拼团商品", group_price: "拼团价 (元)",
      add_sku: "添加商品", size: "成团人数", window: "活动时间 (北京时间)",
      starts_at: "开始时间", ends_at: "结束时间", validity: "成团有效期 (小时)", validity_col: "成团有效期",
      per_user: "每人限参团", leader_discount: "团长优惠 (元)", new_users_only: "仅限新用户",
      virtual_pct: "虚拟成团比例 (%)", virtual_hint: "到期时参团人数达到此比例即成团，0 为关闭",
      status: "状态", statuses: { active: "启用", disabled: "停用" },
      groups: "查看团", disable: "停用", enable: "启用", disabled_ok: "已停用", enabled_ok: "已启用",
      created: "拼团活动已创建", hours: "{n} 小时", people: "{n} 人团",
      title_required: "请输入活动名称", sku_required: "请选择商品并填写拼团价",
      time_required: "请选择时间", end_after_start: "结束时间须晚于开始时间",
      groups_title: "团列表 · {title}", group_no: "团号", leader: "团长", members: "已参团 / 成团人数",
      deadline: "截止时间", virtual: "虚拟成团",
      group_statuses: { open: "拼团中", completed: "已成团", failed: "未成团" },
      success_rate: "成团率", success_hint: "已结束的团中成团的比例",
    },
    errors: {
      invalid_activity: "活动信息有误", group_activity_not_found: "拼团活动不存在",
      sku_not_found: "商品不存在",
    },
  },
  en: {
    menu: { group_buys: "Group buys" },
    groupbuy: {
      create: "New group buy", title: "Name", skus: "Products", group_price: "Group price (yuan)",
      add_sku: "Add a product", size: "Group size", window: "Time (China time)",
      starts_at: "Starts", ends_at: "Ends", validity: "Group validity (hours)", validity_col: "Group validity",
      per_user: "Groups per buyer", leader_discount: "Leader discount (yuan)",
      new_users_only: "New users only", virtual_pct: "Virtual completion (%)",
      virtual_hint: "At expiry a group this full completes; 0 turns it off",
      status: "Status", statuses: { active: "On", disabled: "Off" },
      groups: "Groups", disable: "Turn off", enable: "Turn on", disabled_ok: "Turned off",
      enabled_ok: "Turned on", created: "Group buy created", hours: "{n} h",
      people: "groups of {n}", title_required: "Enter a name",
      sku_required: "Choose a product and its group price", time_required: "Choose a time",
      end_after_start: "The end must come after the start", groups_title: "Groups · {title}",
      group_no: "Group", leader: "Leader", members: "Paid / size",
      deadline: "Deadline", virtual: "Virtual",
      group_statuses: { open: "Open", completed: "Completed", failed: "Failed" },
      success_rate: "Success rate", success_hint: "Completed among the closed groups",
    },
    errors: {
      invalid_activity: "The activity's terms are not valid",
      group_activity_not_found: "No such group buy", sku_not_found: "No such product",
    },
  },
});

const { ref, reactive, computed, onMounted } = Vue;
const HOUR_S = 3600;
const GROUP_STATUSES = ["open", "completed", "failed"];
const GROUP_TAGS = { open: "warning", completed: "success", failed: "info" };

function percent(bps) {
  return `${Math.floor(bps / 100)}.${String(bps % 100).padStart(2, "0")}%`;
}

function blankForm() {
  return { title: "", skus: [{ sku_id: null, price_yuan: null }], group_size: 2,
           starts_at: "", ends_at: "", validity_h: 24, per_user_limit: 1,
           leader_discount_yuan: 0, new_users_only: false, virtual_pct: 0 };
}

const fen = (value) => Math.round(value * 100);

export default {
  components: { SkuPicker },
  setup() {
    const { rows, total, page, loading, refresh, first } = usePaged(() => base());
    const skus = ref([]);
    const dialog = ref(false);
    const busy = ref(false);
    const formRef = ref(null);
    const form = reactive(blankForm());
    const shown = ref(null);  // the activity whose groups the drawer shows
    const groups = ref([]);
    const groupTotal = ref(0);
    const groupPage = ref(1);
    const groupStatus = ref("open");
    const stats = ref(null);
    const base = () => `/api/v1/merchants/${session.merchantId}/group-activities`;

    const rules = computed(() => ({
      title: [{ required: true, message: t("groupbuy.title_required"), trigger: "blur" }],
      skus: [{ validator: (rule, value, done) => done(
        value.some((s) => !s.sku_id || !s.price_yuan) ? new Error(t("groupbuy.sku_required"))
          : undefined), trigger: "change" }],
      starts_at: [{ required: true, message: t("groupbuy.time_required"), trigger: "change" }],
      ends_at: [{ required: true, message: t("groupbuy.time_required"), trigger: "change" },
                { validator: (rule, value, done) => done(
                  value && form.starts_at && value <= form.starts_at
                    ? new Error(t("groupbuy.end_after_start")) : undefined),
                  trigger: "change" }] }));


    async function openCreate() {
      Object.assign(form, blankForm());
      dialog.value = true;
    }

    async function create() {
      if (!(await formRef.value.validate().catch(() => false))) return;
      busy.value = true;
      try {
        await api.post(base(), {
          title: form.title.trim(),
          skus: form.skus.map((s) => ({ sku_id: s.sku_id, group_price_fen: fen(s.price_yuan) })),
          group_size: form.group_size, starts_at: toIso(form.starts_at),
          ends_at: toIso(form.ends_at), validity_s: form.validity_h * HOUR_S,
          per_user_limit: form.per_user_limit,
          leader_discount_fen: fen(form.leader_discount_yuan),
          new_users_only: form.new_users_only, virtual_pct: form.virtual_pct });
        dialog.value = false;
        ElementPlus.ElMessage.success(t("groupbuy.created"));
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
        ElementPlus.ElMessage.success(t(target === "active" ? "groupbuy.enabled_ok"
                                                            : "groupbuy.disabled_ok"));
        refresh();
      } catch (err) {
        showError(err);
      }
    }

    async function loadGroups() {
      const query = { page: groupPage.value, per_page: PER_PAGE };
      if (groupStatus.value) query.status = groupStatus.value;
      try {
        const body = await api.get(`${base()}/${shown.value.id}/groups`, query);
        groups.value = body.items;
        groupTotal.value = body.meta.total;
      } catch (err) {
        showError(err);
      }
    }

    async function loadStats() {
      try {
        stats.value = await api.get(`${base()}/${shown.value.id}/stats`);
      } catch (err) {
        showError(err);
      }
    }

    function openGroups(row) {
      shown.value = row;
      stats.value = null;
      loadStats();
      groups.value = [];
      groupPage.value = 1;
      groupStatus.value = "open";
      loadGroups();
    }

    function filterGroups() { groupPage.value = 1; loadGroups(); }
    const addSku = () => form.skus.push({ sku_id: null, price_yuan: null });
    const removeSku = (i) => form.skus.splice(i, 1);

    onMounted(async () => {
      refresh();
      try {
        skus.value = await loadSkus(session.merchantId);
      } catch (err) {
        showError(err);
      }
    });
    return { rows, total, page, loading, skus, dialog, busy, form, formRef, rules, shown,
             groups, groupTotal, groupPage, groupStatus, stats, percent, PER_PAGE, PICKER_FORMAT, HOUR_S,
             GROUP_STATUSES, GROUP_TAGS, refresh, openCreate, create, toggle, openGroups,
             loadGroups, filterGroups, addSku, removeSku, skuName, span, yuan, dateTime };
  },
  template: `
  <el-card shadow="never">
    <div class="toolbar">
      <el-button type="primary" :icon="'Plus'" @click="openCreate" data-testid="gb-create-open">{{ $t('groupbuy.create') }}</el-button>
      <el-button :icon="'Refresh'" @click="refresh">{{ $t('common.refresh') }}</el-button>
    </div>
    <el-table :data="rows" v-loading="loading" data-testid="gb-table" stripe>
      <el-table-column prop="title" :label="$t('groupbuy.title')" min-width="150" />
      <el-table-column :label="$t('groupbuy.skus')" min-width="220">
        <template #default="{ row }">
          <div v-for="s in row.skus" :key="s.sku_id" data-col="sku">{{ skuName(skus, s.sku_id) }} <span class="muted">¥{{ yuan(s.group_price_fen) }}</span></div>
        </template>
      </el-table-column>
      <el-table-column :label="$t('groupbuy.size')" width="100">
        <template #default="{ row }">{{ $t('groupbuy.people', { n: row.group_size }) }}</template>
      </el-table-column>
      <el-table-column :label="$t('groupbuy.window')" min-width="210">
        <template #default="{ row }">{{ span(row.starts_at, row.ends_at) }}</template>
      </el-table-column>
      <el-table-column :label="$t('groupbuy.validity_col')" width="110">
        <template #default="{ row }">{{ $t('groupbuy.hours', { n: row.validity_s / HOUR_S }) }}</template>
      </el-table-column>
      <el-table-column :label="$t('groupbuy.status')" width="80">
        <template #default="{ row }"><el-tag :type="row.status === 'active' ? 'success' : 'info'" data-col="status">{{ $t('groupbuy.statuses.' + row.status) }}</el-tag></template>
      </el-table-column>
      <el-table-column :label="$t('common.actions')" width="140" align="center">
        <template #default="{ row }">
          <el-button link type="primary" @click="openGroups(row)" data-action="groups">{{ $t('groupbuy.groups') }}</el-button>
          <el-button link :type="row.status === 'active' ? 'danger' : 'primary'" @click="toggle(row)" data-action="toggle">{{ row.status === 'active' ? $t('groupbuy.disable') : $t('groupbuy.enable') }}</el-button>
        </template>
      </el-table-column>
    </el-table>
    <el-pagination class="pager" background layout="total, prev, pager, next" :total="total"
                   :page-size="PER_PAGE" v-model:current-page="page" @current-change="refresh" />

    <el-dialog v-model="dialog" :title="$t('groupbuy.create')" width="680px">
      <el-form ref="formRef" :model="form" :rules="rules" label-width="auto" data-testid="gb-form">
        <el-form-item :label="$t('groupbuy.title')" prop="title">
          <el-input v-model="form.title" maxlength="60" show-word-limit data-testid="gb-title" />
        </el-form-item>
        <el-form-item :label="$t('groupbuy.skus')" prop="skus" required>
          <div class="promo-rows">
            <div v-for="(s, i) in form.skus" :key="i" class="promo-row" :data-row="i">
              <sku-picker v-model="s.sku_id" :skus="skus" :data-testid="'gb-sku-' + i" />
              <el-input-number v-model="s.price_yuan" :min="0.01" :precision="2" :controls="false"
                               :placeholder="$t('groupbuy.group_price')" :data-testid="'gb-price-' + i" />
              <el-button v-if="form.skus.length > 1" :icon="'Delete'" link type="danger" @click="removeSku(i)" />
            </div>
            <el-button :icon="'Plus'" link type="primary" @click="addSku" data-testid="gb-add-sku">{{ $t('groupbuy.add_sku') }}</el-button>
          </div>
        </el-form-item>
        <el-form-item :label="$t('groupbuy.size')" prop="group_size">
          <el-input-number v-model="form.group_size" :min="2" :max="50" step-strictly data-testid="gb-size" />
        </el-form-item>
        <el-form-item :label="$t('groupbuy.starts_at')" prop="starts_at">
          <div data-testid="gb-starts"><el-date-picker v-model="form.starts_at" type="datetime" :format="PICKER_FORMAT" :value-format="PICKER_FORMAT" /></div>
        </el-form-item>
        <el-form-item :label="$t('groupbuy.ends_at')" prop="ends_at">
          <div data-testid="gb-ends"><el-date-picker v-model="form.ends_at" type="datetime" :format="PICKER_FORMAT" :value-format="PICKER_FORMAT" /></div>
        </el-form-item>
        <el-form-item :label="$t('groupbuy.validity')" prop="validity_h">
          <el-input-number v-model="form.validity_h" :min="1" :max="168" step-strictly data-testid="gb-validity" />
        </el-form-item>
        <el-form-item :label="$t('groupbuy.per_user')" prop="per_user_limit">
          <el-input-number v-model="form.per_user_limit" :min="1" :max="100" step-strictly />
        </el-form-item>
        <el-form-item :label="$t('groupbuy.leader_discount')" prop="leader_discount_yuan">
          <el-input-number v-model="form.leader_discount_yuan" :min="0" :precision="2" :controls="false" data-testid="gb-leader-discount" />
        </el-form-item>
        <el-form-item :label="$t('groupbuy.new_users_only')">
          <el-switch v-model="form.new_users_only" />
        </el-form-item>
        <el-form-item :label="$t('groupbuy.virtual_pct')" prop="virtual_pct">
          <el-input-number v-model="form.virtual_pct" :min="0" :max="100" step-strictly />
          <span class="promo-hint">{{ $t('groupbuy.virtual_hint') }}</span>
        </el-form-item>
      </el-form>
      <template #footer>
        <el-button @click="dialog = false">{{ $t('common.cancel') }}</el-button>
        <el-button type="primary" :loading="busy" @click="create" data-testid="gb-create">{{ $t('common.confirm') }}</el-button>
      </template>
    </el-dialog>

    <el-drawer :model-value="shown !== null" @close="shown = null" size="820px"
               :title="shown ? $t('groupbuy.groups_title', { title: shown.title }) : ''" data-testid="gb-groups">
      <el-row v-if="stats" :gutter="16" class="promo-drawer-stats" data-testid="gb-stats">
        <el-col :span="6" v-for="s in GROUP_STATUSES" :key="s">
          <div class="stat" :data-stat="s"><div class="stat-label">{{ $t('groupbuy.group_statuses.' + s) }}</div>
            <div class="stat-value">{{ stats[s] }}</div></div>
        </el-col>
        <el-col :span="6">
          <div class="stat" data-stat="success_rate"><div class="stat-label">{{ $t('groupbuy.success_rate') }}
            <el-tooltip :content="$t('groupbuy.success_hint')" placement="top"><el-icon class="stat-hint"><QuestionFilled /></el-icon></el-tooltip></div>
            <div class="stat-value">{{ percent(stats.success_rate_bps) }}</div></div>
        </el-col>
      </el-row>
      <div class="toolbar">
        <el-radio-group v-model="groupStatus" @change="filterGroups" data-testid="gb-group-status">
          <el-radio-button value="">{{ $t('common.all') }}</el-radio-button>
          <el-radio-button v-for="s in GROUP_STATUSES" :key="s" :value="s">{{ $t('groupbuy.group_statuses.' + s) }}</el-radio-button>
        </el-radio-group>
      </div>
      <el-table :data="groups" data-testid="gb-groups-table" stripe>
        <el-table-column prop="id" :label="$t('groupbuy.group_no')" width="80" />
        <el-table-column :label="$t('groupbuy.skus')" min-width="150">
          <template #default="{ row }">{{ skuName(skus, row.sku_id) }}</template>
        </el-table-column>
        <el-table-column prop="leader_nickname" :label="$t('groupbuy.leader')" min-width="100" />
        <el-table-column :label="$t('groupbuy.members')" width="150" align="center">
          <template #default="{ row }"><span data-col="members">{{ row.paid_count }} / {{ row.size }}</span></template>
        </el-table-column>
        <el-table-column :label="$t('groupbuy.deadline')" width="150">
          <template #default="{ row }"><span data-col="deadline">{{ dateTime(row.expires_at) }}</span></template>
        </el-table-column>
        <el-table-column :label="$t('groupbuy.status')" width="110">
          <template #default="{ row }">
            <el-tag :type="GROUP_TAGS[row.status]" data-col="status">{{ $t('groupbuy.group_statuses.' + row.status) }}</el-tag>
            <el-tag v-if="row.virtual" type="warning" class="option-tag">{{ $t('groupbuy.virtual') }}</el-tag>
          </template>
        </el-table-column>
      </el-table>
      <el-pagination class="pager" background layout="total, prev, pager, next" :total="groupTotal"
                     :page-size="PER_PAGE" v-model:current-page="groupPage" @current-change="loadGroups" />
    </el-drawer>
  </el-card>`,
};
