// 等级与积分: the merchant's points rules (GET/PUT .../members/points-settings)
// and member tiers by growth value (GET/PUT .../members/tiers, replaced as a
// whole; every member's tier is recomputed by the server). Percentages are
// typed as % and sent as bps; the server checks the rules.
import { api, showError } from "../api.js";
import { session } from "../session.js";
import { extend, t } from "../i18n.js";

extend({
  "zh-CN": {
    msettings: {
      points: "积分规则", earn_per_yuan: "每消费 1 元得积分", redeem_per_yuan: "多少积分抵 1 元",
      redeem_hint: "0 表示不可抵扣", max_cover: "积分最多抵扣订单 (%)", expiry_days: "积分有效期 (天)",
      expiry_hint: "0 表示永不过期", checkin_points: "每日签到积分", checkin_growth: "每日签到成长值",
      streaks: "连续签到奖励", streak_day: "连续第 N 天", streak_points: "额外积分", add_streak: "增加奖励",
      save_points: "保存积分规则", points_saved: "积分规则已保存",
      tiers: "会员等级", tiers_hint: "按成长值自动升降级：每消费 1 元得 1 成长值，签到也可获得",
      rank: "等级", name: "等级名称", min_growth: "所需成长值", discount: "会员优惠 (减 %)",
      free_shipping: "包邮", add_tier: "新增等级", save_tiers: "保存等级", tiers_saved: "会员等级已保存",
      remove: "删除", yes: "是", no: "否", unsaved: "等级有修改，记得保存",
    },
    errors: { invalid_points_settings: "积分规则有误：签到奖励天数不能重复，抵扣比例须整除 100 或为 100 的倍数",
              invalid_tiers: "等级所需成长值须逐级递增" },
  },
  en: {
    msettings: {
      points: "Points rules", earn_per_yuan: "Points per yuan spent", redeem_per_yuan: "Points per yuan off",
      redeem_hint: "0: points pay for nothing", max_cover: "Most of an order (%)",
      expiry_days: "Points last (days)", expiry_hint: "0: never expire",
      checkin_points: "Check-in points", checkin_growth: "Check-in growth",
      streaks: "Streak bonuses", streak_day: "On day N", streak_points: "Extra points",
      add_streak: "Add a bonus", save_points: "Save points rules", points_saved: "Points rules saved",
      tiers: "Member tiers", tiers_hint: "By growth value, up and down: 1 per yuan spent, check-ins too",
      rank: "Rank", name: "Name", min_growth: "Growth needed", discount: "Discount (% off)",
      free_shipping: "Free shipping", add_tier: "Add a tier", save_tiers: "Save tiers",
      tiers_saved: "Member tiers saved", remove: "Remove", yes: "Yes", no: "No",
      unsaved: "Tiers changed: remember to save",
    },
    errors: { invalid_points_settings: "Streak days must differ; points per yuan must divide 100 or be a multiple of it",
              invalid_tiers: "Each tier needs more growth than the one before" },
  },
});

const { ref, reactive, onMounted } = Vue;
const toBps = (v) => Math.round(Number(v) * 100);

export default {
  setup() {
    const points = reactive({ earn_per_yuan: 1, redeem_per_yuan: 100, max_cover: 50,
                              expiry_days: 365, checkin_points: 10, checkin_growth: 1,
                              streak_bonuses: [] });
    const tiers = ref([]);
    const dirty = ref(false);
    const busy = ref(false);
    const loaded = ref(false);  // the form takes input once the server's values are in
    const base = () => `/api/v1/merchants/${session.merchantId}/members`;

    function showPoints(p) {
      Object.assign(points, { ...p, max_cover: p.max_cover_bps / 100,
                              streak_bonuses: p.streak_bonuses.map((b) => ({ ...b })) });
    }

    function showTiers(list) {
      tiers.value = list.map((x) => ({ name: x.name, min_growth: x.min_growth,
                                       discount: x.discount_bps / 100,
                                       free_shipping: x.free_shipping }));
      dirty.value = false;
    }

    async function refresh() {
      try {
        const [p, list] = await Promise.all([api.get(`${base()}/points-settings`),
                                             api.get(`${base()}/tiers`)]);
        showPoints(p);
        showTiers(list);
        loaded.value = true;
      } catch (err) {
        showError(err);
      }
    }

    async function savePoints() {
      busy.value = true;
      try {
        showPoints(await api.put(`${base()}/points-settings`, {
          earn_per_yuan: points.earn_per_yuan, redeem_per_yuan: points.redeem_per_yuan,
          max_cover_bps: toBps(points.max_cover), expiry_days: points.expiry_days,
          checkin_points: points.checkin_points, checkin_growth: points.checkin_growth,
          streak_bonuses: points.streak_bonuses.map((b) => ({ day: b.day, points: b.points })) }));
        ElementPlus.ElMessage.success(t("msettings.points_saved"));
      } catch (err) {
        showError(err);
      } finally {
        busy.value = false;
      }
    }

    function addTier() {
      const last = tiers.value[tiers.value.length - 1];
      tiers.value.push({ name: "", min_growth: last ? last.min_growth + 1000 : 0, discount: 0,
                         free_shipping: false });
      dirty.value = true;
    }

    function removeTier(index) { tiers.value.splice(index, 1); dirty.value = true; }

    async function saveTiers() {
      busy.value = true;
      try {
        showTiers(await api.put(`${base()}/tiers`, { tiers: tiers.value.map((x) => ({
          name: x.name.trim(), min_growth: x.min_growth, discount_bps: toBps(x.discount),
          free_shipping: x.free_shipping })) }));
        ElementPlus.ElMessage.success(t("msettings.tiers_saved"));
      } catch (err) {
        showError(err);
      } finally {
        busy.value = false;
      }
    }

    onMounted(refresh);
    return { points, loaded, tiers, dirty, busy, savePoints, addTier, removeTier, saveTiers };
  },
  template: `
  <el-card shadow="never" :header="$t('msettings.points')">
    <el-form :model="points" :disabled="!loaded" v-loading="!loaded" :data-loaded="loaded" label-width="170px" data-testid="points-form" @submit.prevent>
      <el-form-item :label="$t('msettings.earn_per_yuan')">
        <el-input-number v-model="points.earn_per_yuan" :min="0" :max="10000" step-strictly data-testid="earn-per-yuan" />
      </el-form-item>
      <el-form-item :label="$t('msettings.redeem_per_yuan')">
        <el-input-number v-model="points.redeem_per_yuan" :min="0" :max="100000" step-strictly data-testid="redeem-per-yuan" />
        <span class="muted option-tag">{{ $t('msettings.redeem_hint') }}</span>
      </el-form-item>
      <el-form-item :label="$t('msettings.max_cover')">
        <el-input-number v-model="points.max_cover" :min="0" :max="100" :precision="2" data-testid="max-cover" />
      </el-form-item>
      <el-form-item :label="$t('msettings.expiry_days')">
        <el-input-number v-model="points.expiry_days" :min="0" :max="3650" step-strictly data-testid="expiry-days" />
        <span class="muted option-tag">{{ $t('msettings.expiry_hint') }}</span>
      </el-form-item>
      <el-form-item :label="$t('msettings.checkin_points')">
        <el-input-number v-model="points.checkin_points" :min="0" :max="100000" step-strictly />
      </el-form-item>
      <el-form-item :label="$t('msettings.checkin_growth')">
        <el-input-number v-model="points.checkin_growth" :min="0" :max="10000" step-strictly />
      </el-form-item>
      <el-form-item :label="$t('msettings.streaks')">
        <div>
          <div v-for="(b, i) in points.streak_bonuses" :key="i" class="toolbar">
            <span class="muted">{{ $t('msettings.streak_day') }}</span>
            <el-input-number v-model="b.day" :min="1" :max="366" step-strictly size="small" />
            <span class="muted">{{ $t('msettings.streak_points') }}</span>
            <el-input-number v-model="b.points" :min="1" :max="100000" step-strictly size="small" />
            <el-button link type="danger" @click="points.streak_bonuses.splice(i, 1)">{{ $t('msettings.remove') }}</el-button>
          </div>
          <el-button size="small" :icon="'Plus'" @click="points.streak_bonuses.push({ day: 7, points: 10 })">{{ $t('msettings.add_streak') }}</el-button>
        </div>
      </el-form-item>
      <el-form-item label=" ">
        <el-button type="primary" :loading="busy" @click="savePoints" data-testid="points-save">{{ $t('msettings.save_points') }}</el-button>
      </el-form-item>
    </el-form>
  </el-card>
  <el-card shadow="never" :header="$t('msettings.tiers')">
    <div class="toolbar">
      <el-button :icon="'Plus'" :disabled="!loaded" @click="addTier" data-testid="member-tier-add">{{ $t('msettings.add_tier') }}</el-button>
      <el-button type="primary" :loading="busy" :disabled="!dirty" @click="saveTiers" data-testid="member-tiers-save">{{ $t('msettings.save_tiers') }}</el-button>
      <span class="muted">{{ dirty ? $t('msettings.unsaved') : $t('msettings.tiers_hint') }}</span>
    </div>
    <el-table :data="tiers" data-testid="member-tiers-table">
      <el-table-column type="index" :label="$t('msettings.rank')" width="70" :index="(i) => i + 1" />
      <el-table-column :label="$t('msettings.name')" min-width="160">
        <template #default="{ row }"><el-input v-model="row.name" maxlength="32" @input="dirty = true" data-testid="member-tier-name" /></template>
      </el-table-column>
      <el-table-column :label="$t('msettings.min_growth')" width="200">
        <template #default="{ row }"><el-input-number v-model="row.min_growth" :min="0" step-strictly @change="dirty = true" /></template>
      </el-table-column>
      <el-table-column :label="$t('msettings.discount')" width="200">
        <template #default="{ row }"><el-input-number v-model="row.discount" :min="0" :max="50" :precision="2" @change="dirty = true" /></template>
      </el-table-column>
      <el-table-column :label="$t('msettings.free_shipping')" width="100" align="center">
        <template #default="{ row }"><el-switch v-model="row.free_shipping" @change="dirty = true" /></template>
      </el-table-column>
      <el-table-column :label="$t('common.actions')" width="90" align="center">
        <template #default="{ $index }"><el-button link type="danger" @click="removeTier($index)">{{ $t('msettings.remove') }}</el-button></template>
      </el-table-column>
    </el-table>
  </el-card>`,
};
