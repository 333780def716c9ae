// 分销设置: the merchant's commission rules (GET/PUT .../referral/rules) and
// distributor tiers (GET/PUT .../referral/tiers, replaced as a whole). Rates
// are typed as percentages and money as yuan; the server checks the rules
// (1-3 levels, within 100%) and its answer is shown.
import { api, showError, yuan } from "../api.js";
import { session } from "../session.js";
import { extend, t } from "../i18n.js";
import "./distribution-words.js";

extend({
  "zh-CN": { dsettings: {
    rules: "佣金规则", tiers: "分销员等级", binding_policy: "绑定关系",
    binding: { permanent: "永久绑定（首次绑定有效）", window: "有效期内绑定", new_users: "仅新用户可绑定" },
    window_days: "绑定有效期 (天)", levels: "分销层级佣金", level: "{n} 级佣金比例 (%)",
    add_level: "增加一级", remove_level: "删除", self_purchase: "分销员自购返佣",
    join_policy: "成为分销员", join: { everyone: "无门槛，所有人", application: "需申请，后台审核",
                                     spend: "消费满额自动成为" },
    spend_threshold: "消费门槛 (元)", withdraw_min: "最低提现金额 (元)",
    withdraw_fee: "提现手续费 (%)", save: "保存规则", saved: "规则已保存",
    rank: "等级", name: "等级名称", rates: "各级佣金 (%)", min_sales: "累计销售额 ≥ (元)",
    min_orders: "订单数 ≥", min_team: "直属团队 ≥ (人)", add_tier: "新增等级",
    edit_tier: "编辑等级", save_tiers: "保存等级", tiers_saved: "等级已保存",
    tiers_hint: "分销员满足全部条件后自动升级（只升不降）；等级佣金比例替代默认比例",
    name_required: "请填写 1-32 字的等级名称", rate_range: "比例须在 0 到 100 之间",
    remove: "删除", edit: "编辑", unsaved: "等级有修改，记得保存",
  } },
  en: { dsettings: {
    rules: "Commission rules", tiers: "Distributor tiers", binding_policy: "Binding",
    binding: { permanent: "Permanent (first binding)", window: "Rebind after a window",
               new_users: "New users only" },
    window_days: "Binding window (days)", levels: "Commission by level", level: "Level {n} rate (%)",
    add_level: "Add a level", remove_level: "Remove", self_purchase: "Commission on own purchases",
    join_policy: "Who may join", join: { everyone: "Everyone", application: "By application",
                                       spend: "After spending" },
    spend_threshold: "Spend threshold (yuan)", withdraw_min: "Minimum withdrawal (yuan)",
    withdraw_fee: "Withdrawal fee (%)", save: "Save rules", saved: "Rules saved",
    rank: "Rank", name: "Name", rates: "Rates (%)", min_sales: "Sales ≥ (yuan)",
    min_orders: "Orders ≥", min_team: "Direct team ≥", add_tier: "Add a tier",
    edit_tier: "Edit tier", save_tiers: "Save tiers", tiers_saved: "Tiers saved",
    tiers_hint: "Distributors move up (never down) once they meet every condition; a tier's rates replace the defaults",
    name_required: "Give a name of 1-32 characters", rate_range: "A rate is 0 to 100",
    remove: "Remove", edit: "Edit", unsaved: "Tiers changed: remember to save",
  } },
});

const { ref, reactive, computed, onMounted } = Vue;
const BINDINGS = ["permanent", "window", "new_users"];
const JOINS = ["everyone", "application", "spend"];
const MAX_LEVELS = 3;  // the server's limit, offered as buttons here
// typed units to the API's: yuan -> fen, percent -> bps (two decimals each)
const toFen = (v) => Math.round(Number(v) * 100);
const toBps = (v) => Math.round(Number(v) * 100);
const fromHundredths = (n) => n / 100;

export default {
  setup() {
    const form = reactive({ binding_policy: "permanent", window_days: 30, levels: [10, 5],
                            self_purchase: false, join_policy: "everyone", spend_threshold: 0,
                            withdraw_min: 1, withdraw_fee: 0 });
    const tiers = ref([]);
    const tiersDirty = ref(false);
    const dialog = ref(false);
    const editing = ref(-1);
    const tierForm = reactive({ name: "", levels: [10], min_sales: 0, min_orders: 0, min_team: 0 });
    const tierRef = ref(null);
    const busy = ref(false);
    const loaded = ref(false);  // the form takes input once the server's values are in
    const base = () => `/api/v1/merchants/${session.merchantId}/referral`;
    const tierRules = computed(() => ({
      name: [{ required: true, min: 1, max: 32, whitespace: true,
               message: t("dsettings.name_required"), trigger: "blur" }] }));

    function showRules(r) {
      Object.assign(form, { binding_policy: r.binding_policy, window_days: r.window_days,
                            levels: r.level_bps.map(fromHundredths), self_purchase: r.self_purchase,
                            join_policy: r.join_policy,
                            spend_threshold: fromHundredths(r.spend_threshold_fen),
                            withdraw_min: fromHundredths(r.withdraw_min_fen),
                            withdraw_fee: fromHundredths(r.withdraw_fee_bps) });
    }

    async function refresh() {
      try {
        const [r, list] = await Promise.all([api.get(`${base()}/rules`), api.get(`${base()}/tiers`)]);
        showRules(r);
        tiers.value = list;
        tiersDirty.value = false;
        loaded.value = true;
      } catch (err) {
        showError(err);
      }
    }

    async function saveRules() {
      busy.value = true;
      try {
        showRules(await api.put(`${base()}/rules`, {
          binding_policy: form.binding_policy, window_days: form.window_days,
          level_bps: form.levels.map(toBps), self_purchase: form.self_purchase,
          join_policy: form.join_policy, spend_threshold_fen: toFen(form.spend_threshold),
          withdraw_min_fen: toFen(form.withdraw_min), withdraw_fee_bps: toBps(form.withdraw_fee) }));
        ElementPlus.ElMessage.success(t("dsettings.saved"));
      } catch (err) {
        showError(err);
      } finally {
        busy.value = false;
      }
    }

    function openTier(index) {
      editing.value = index;
      const tier = index >= 0 ? tiers.value[index] : null;
      Object.assign(tierForm, tier
        ? { name: tier.name, levels: tier.level_bps.map(fromHundredths),
            min_sales: fromHundredths(tier.min_sales_fen), min_orders: tier.min_orders,
            min_team: tier.min_team }
        : { name: "", levels: form.levels.slice(), min_sales: 0, min_orders: 0, min_team: 0 });
      dialog.value = true;
    }

    async function keepTier() {
      if (!(await tierRef.value.validate().catch(() => false))) return;
      const tier = { name: tierForm.name.trim(), level_bps: tierForm.levels.map(toBps),
                     min_sales_fen: toFen(tierForm.min_sales), min_orders: tierForm.min_orders,
                     min_team: tierForm.min_team };
      if (editing.value >= 0) tiers.value.splice(editing.value, 1, tier);
      else tiers.value.push(tier);
      tiersDirty.value = true;
      dialog.value = false;
    }

    function removeTier(index) { tiers.value.splice(index, 1); tiersDirty.value = true; }

    async function saveTiers() {
      busy.value = true;
      try {
        tiers.value = await api.put(`${base()}/tiers`, { tiers: tiers.value.map((x) => ({
          name: x.name, level_bps: x.level_bps, min_sales_fen: x.min_sales_fen,
          min_orders: x.min_orders, min_team: x.min_team })) });
        tiersDirty.value = false;
        ElementPlus.ElMessage.success(t("dsettings.tiers_saved"));
      } catch (err) {
        showError(err);
      } finally {
        busy.value = false;
      }
    }

    const percents = (bps) => bps.map((b) => `${(b / 100).toFixed(2)}%`).join(" / ");
    onMounted(refresh);
    return { form, loaded, tiers, tiersDirty, dialog, editing, tierForm, tierRef, tierRules, busy,
             BINDINGS, JOINS, MAX_LEVELS, saveRules, openTier, keepTier, removeTier, saveTiers,
             percents, yuan };
  },
  template: `
  <el-card shadow="never" :header="$t('dsettings.rules')">
    <el-form :model="form" :disabled="!loaded" v-loading="!loaded" :data-loaded="loaded" label-width="160px" data-testid="rules-form" @submit.prevent>
      <el-form-item :label="$t('dsettings.binding_policy')">
        <el-radio-group v-model="form.binding_policy" data-testid="binding-policy">
          <el-radio v-for="b in BINDINGS" :key="b" :value="b">{{ $t('dsettings.binding.' + b) }}</el-radio>
        </el-radio-group>
      </el-form-item>
      <el-form-item v-if="form.binding_policy === 'window'" :label="$t('dsettings.window_days')">
        <el-input-number v-model="form.window_days" :min="1" :max="3650" :step="1" step-strictly />
      </el-form-item>
      <el-form-item v-for="(v, i) in form.levels" :key="i" :label="$t('dsettings.level', { n: i + 1 })">
        <el-input-number v-model="form.levels[i]" :min="0" :max="100" :precision="2" :step="1"
                         :data-testid="'level-' + (i + 1)" />
        <el-button v-if="form.levels.length > 1 && i === form.levels.length - 1" link type="danger" class="option-tag"
                   @click="form.levels.pop()">{{ $t('dsettings.remove_level') }}</el-button>
      </el-form-item>
      <el-form-item v-if="form.levels.length < MAX_LEVELS" label=" ">
        <el-button :icon="'Plus'" @click="form.levels.push(0)" data-testid="add-level">{{ $t('dsettings.add_level') }}</el-button>
      </el-form-item>
      <el-form-item :label="$t('dsettings.self_purchase')">
        <el-switch v-model="form.self_purchase" data-testid="self-purchase" />
      </el-form-item>
      <el-form-item :label="$t('dsettings.join_policy')">
        <el-radio-group v-model="form.join_policy" data-testid="join-policy">
          <el-radio v-for="j in JOINS" :key="j" :value="j">{{ $t('dsettings.join.' + j) }}</el-radio>
        </el-radio-group>
      </el-form-item>
      <el-form-item v-if="form.join_policy === 'spend'" :label="$t('dsettings.spend_threshold')">
        <el-input-number v-model="form.spend_threshold" :min="0" :precision="2" :step="10" />
      </el-form-item>
      <el-form-item :label="$t('dsettings.withdraw_min')">
        <el-input-number v-model="form.withdraw_min" :min="1" :precision="2" :step="1" data-testid="withdraw-min" />
      </el-form-item>
      <el-form-item :label="$t('dsettings.withdraw_fee')">
        <el-input-number v-model="form.withdraw_fee" :min="0" :max="50" :precision="2" :step="0.1" data-testid="withdraw-fee" />
      </el-form-item>
      <el-form-item label=" ">
        <el-button type="primary" :loading="busy" @click="saveRules" data-testid="rules-save">{{ $t('dsettings.save') }}</el-button>
      </el-form-item>
    </el-form>
  </el-card>
  <el-card shadow="never" :header="$t('dsettings.tiers')">
    <div class="toolbar">
      <el-button :icon="'Plus'" :disabled="!loaded" @click="openTier(-1)" data-testid="tier-add">{{ $t('dsettings.add_tier') }}</el-button>
      <el-button type="primary" :loading="busy" :disabled="!tiersDirty" @click="saveTiers" data-testid="tiers-save">{{ $t('dsettings.save_tiers') }}</el-button>
      <span class="muted">{{ tiersDirty ? $t('dsettings.unsaved') : $t('dsettings.tiers_hint') }}</span>
    </div>
    <el-table :data="tiers" data-testid="tiers-table" stripe>
      <el-table-column type="index" :label="$t('dsettings.rank')" width="70" :index="(i) => i + 1" />
      <el-table-column prop="name" :label="$t('dsettings.name')" min-width="120" />
      <el-table-column :label="$t('dsettings.rates')" min-width="160">
        <template #default="{ row }">{{ percents(row.level_bps) }}</template>
      </el-table-column>
      <el-table-column :label="$t('dsettings.min_sales')" width="150" align="right">
        <template #default="{ row }">{{ yuan(row.min_sales_fen) }}</template>
      </el-table-column>
      <el-table-column prop="min_orders" :label="$t('dsettings.min_orders')" width="100" align="right" />
      <el-table-column prop="min_team" :label="$t('dsettings.min_team')" width="120" align="right" />
      <el-table-column :label="$t('common.actions')" width="120" align="center">
        <template #default="{ $index }">
          <el-button link type="primary" @click="openTier($index)">{{ $t('dsettings.edit') }}</el-button>
          <el-button link type="danger" @click="removeTier($index)">{{ $t('dsettings.remove') }}</el-button>
        </template>
      </el-table-column>
    </el-table>
    <el-dialog v-model="dialog" :title="editing >= 0 ? $t('dsettings.edit_tier') : $t('dsettings.add_tier')" width="520px">
      <el-form ref="tierRef" :model="tierForm" :rules="tierRules" label-width="150px" @submit.prevent>
        <el-form-item :label="$t('dsettings.name')" prop="name">
          <el-input v-model="tierForm.name" maxlength="32" show-word-limit data-testid="tier-name" />
        </el-form-item>
        <el-form-item v-for="(v, i) in tierForm.levels" :key="i" :label="$t('dsettings.level', { n: i + 1 })">
          <el-input-number v-model="tierForm.levels[i]" :min="0" :max="100" :precision="2" :step="1" />
          <el-button v-if="tierForm.levels.length > 1 && i === tierForm.levels.length - 1" link type="danger" class="option-tag"
                     @click="tierForm.levels.pop()">{{ $t('dsettings.remove_level') }}</el-button>
        </el-form-item>
        <el-form-item v-if="tierForm.levels.length < MAX_LEVELS" label=" ">
          <el-button :icon="'Plus'" @click="tierForm.levels.push(0)">{{ $t('dsettings.add_level') }}</el-button>
        </el-form-item>
        <el-form-item :label="$t('dsettings.min_sales')">
          <el-input-number v-model="tierForm.min_sales" :min="0" :precision="2" :step="100" data-testid="tier-min-sales" />
        </el-form-item>
        <el-form-item :label="$t('dsettings.min_orders')">
          <el-input-number v-model="tierForm.min_orders" :min="0" :step="1" step-strictly />
        </el-form-item>
        <el-form-item :label="$t('dsettings.min_team')">
          <el-input-number v-model="tierForm.min_team" :min="0" :step="1" step-strictly />
        </el-form-item>
      </el-form>
      <template #footer>
        <el-button @click="dialog = false">{{ $t('common.cancel') }}</el-button>
        <el-button type="primary" @click="keepTier" data-testid="tier-keep">{{ $t('common.confirm') }}</el-button>
      </template>
    </el-dialog>
  </el-card>`,
};
