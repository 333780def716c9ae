// 会员列表: the merchant's members with tier, points and tags (GET .../members);
// tag the chosen members with a manual tag (POST .../tags/<id>/members),
// take a manual tag off (DELETE .../tags/<id>/members/<uid>), adjust a
// member's points with a reason (POST .../members/<uid>/points) and read
// their points history (GET .../members/<uid>/points).
import { api, showError, dateTime } from "../api.js";
import { usePaged, PER_PAGE } from "../paged.js";
import { session } from "../session.js";
import { extend, t } from "../i18n.js";

extend({
  "zh-CN": {
    menu: { member_tags: "会员标签", member_settings: "等级与积分", member_segments: "人群与群发" },
    members: {
      member: "会员", tier: "等级", tier_none: "普通会员", points: "可用积分", tags: "标签",
      joined: "成为会员", via: "来源", vias: { order: "下单", checkin: "签到" },
      tag_selected: "给选中会员打标签", choose_tag: "选择标签", tag_apply: "打标签",
      tagged: "已为 {n} 位会员打上「{tag}」", no_manual_tags: "还没有手动标签，请先在「会员标签」中创建",
      untag_confirm: "确定移除 {name} 的标签「{tag}」吗？", untagged: "已移除标签",
      adjust: "调整积分", history: "积分明细", adjust_title: "调整 {name} 的积分",
      direction: "操作", add: "增加", deduct: "扣减", amount: "积分数", reason: "原因",
      reason_required: "请填写 1-80 字的原因", amount_required: "积分数须为正整数",
      current: "当前可用 {n} 分", adjusted: "积分已调整，当前 {n} 分",
      history_title: "{name} 的积分明细", time: "时间", kind: "类型", change: "变动",
      expires: "到期时间", note: "备注",
      kinds: { earn: "订单奖励", clawback: "退款扣回", spend: "下单抵扣", return: "退还抵扣",
               expire: "过期", gift: "赠送", checkin: "签到", streak: "连续签到奖励",
               adjust: "后台调整" },
    },
    errors: { member_not_found: "会员不存在", tag_not_found: "标签不存在",
              tag_not_manual: "规则标签由规则自动计算，不能手动修改",
              insufficient_points: "扣减的积分超过会员当前可用积分",
              adjustment_key_reused: "请求重复，请刷新后重试" },
  },
  en: {
    menu: { member_tags: "Member tags", member_settings: "Tiers & points",
            member_segments: "Segments & sends" },
    members: {
      member: "Member", tier: "Tier", tier_none: "Basic", points: "Points", tags: "Tags",
      joined: "Joined", via: "Via", vias: { order: "Order", checkin: "Check-in" },
      tag_selected: "Tag the chosen members", choose_tag: "Choose a tag", tag_apply: "Tag",
      tagged: "Tagged {n} members with {tag}", no_manual_tags: "No manual tag yet: create one under Member tags",
      untag_confirm: "Take the tag {tag} off {name}?", untagged: "Tag taken off",
      adjust: "Adjust points", history: "History", adjust_title: "Adjust {name}'s points",
      direction: "Action", add: "Add", deduct: "Deduct", amount: "Points", reason: "Reason",
      reason_required: "Give a reason of 1-80 characters", amount_required: "A whole number above 0",
      current: "{n} points usable now", adjusted: "Points adjusted: {n} now",
      history_title: "{name}'s points", time: "Time", kind: "Kind", change: "Change",
      expires: "Expires", note: "Note",
      kinds: { earn: "Order reward", clawback: "Refund clawback", spend: "Spent on order",
               return: "Spend returned", expire: "Expired", gift: "Gift", checkin: "Check-in",
               streak: "Streak bonus", adjust: "Staff adjustment" },
    },
    errors: { member_not_found: "No such member", tag_not_found: "No such tag",
              tag_not_manual: "Rule tags are set by their rule",
              insufficient_points: "That is more than the member's points",
              adjustment_key_reused: "Repeated request: refresh and retry" },
  },
});

const { ref, reactive, computed, onMounted } = Vue;

function requestId() {
  return `adj-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

export default {
  setup() {
    const { rows, total, page, loading, refresh } = usePaged(() => base());
    const tags = ref([]);
    const tiers = ref([]);
    const chosen = ref([]);
    const tagId = ref(null);
    const adjusting = ref(null);
    const adjustRef = ref(null);
    const adjust = reactive({ direction: "add", amount: null, reason: "", key: "" });
    const busy = ref(false);
    const history = ref(null);
    const historyPage = ref(1);
    const base = () => `/api/v1/merchants/${session.merchantId}/members`;
    const manualTags = computed(() => tags.value.filter((x) => x.kind === "manual"));
    const tagByName = computed(() => Object.fromEntries(tags.value.map((x) => [x.name, x])));
    const adjustRules = computed(() => ({
      amount: [{ required: true, type: "integer", min: 1, message: t("members.amount_required"),
                 trigger: "blur" }],
      reason: [{ required: true, min: 1, max: 80, whitespace: true,
                 message: t("members.reason_required"), trigger: "blur" }] }));


    async function loadLookups() {
      try {
        [tags.value, tiers.value] = await Promise.all([api.get(`${base()}/tags`),
                                                       api.get(`${base()}/tiers`)]);
      } catch (err) {
        showError(err);
      }
    }

    async function applyTag() {
      const tag = tags.value.find((x) => x.id === tagId.value);
      busy.value = true;
      try {
        await api.post(`${base()}/tags/${tag.id}/members`,
                       { user_ids: chosen.value.map((m) => m.user_id) });
        ElementPlus.ElMessage.success(t("members.tagged", { n: chosen.value.length, tag: tag.name }));
        refresh();
        loadLookups();
      } catch (err) {
        showError(err);
      } finally {
        busy.value = false;
      }
    }

    async function untag(row, name) {
      const tag = tagByName.value[name];
      try {
        await ElementPlus.ElMessageBox.confirm(
          t("members.untag_confirm", { name: row.nickname, tag: name }), t("members.tags"),
          { type: "warning", confirmButtonText: t("common.confirm"),
            cancelButtonText: t("common.cancel") });
      } catch (cancelled) {
        return;
      }
      try {
        await api.del(`${base()}/tags/${tag.id}/members/${row.user_id}`);
        ElementPlus.ElMessage.success(t("members.untagged"));
        refresh();
      } catch (err) {
        showError(err);
      }
    }

    function openAdjust(row) {
      Object.assign(adjust, { direction: "add", amount: null, reason: "", key: requestId() });
      adjusting.value = row;
    }

    async function saveAdjust() {
      if (!(await adjustRef.value.validate().catch(() => false))) return;
      busy.value = true;
      try {
        const points = adjust.direction === "add" ? adjust.amount : -adjust.amount;
        const body = await api.post(`${base()}/${adjusting.value.user_id}/points`,
                                    { request_id: adjust.key, points, reason: adjust.reason.trim() });
        ElementPlus.ElMessage.success(t("members.adjusted", { n: body.balance }));
        adjusting.value = null;
        refresh();
      } catch (err) {
        showError(err);
      } finally {
        busy.value = false;
      }
    }

    async function loadHistory(row) {
      try {
        const body = await api.get(`${base()}/${row.user_id}/points`,
                                   { page: historyPage.value, per_page: 10 });
        history.value = { ...body, nickname: row.nickname, row };
      } catch (err) {
        showError(err);
      }
    }

    function openHistory(row) { historyPage.value = 1; loadHistory(row); }
    const tierName = (rank) => (tiers.value.find((x) => x.rank === rank) || {}).name
      || t("members.tier_none");
    const isManual = (name) => (tagByName.value[name] || {}).kind === "manual";
    onMounted(() => { refresh(); loadLookups(); });
    return { rows, total, page, loading, tags, manualTags, chosen, tagId, adjusting, adjust,
             adjustRef, adjustRules, busy, history, historyPage, PER_PAGE, refresh, applyTag,
             untag, openAdjust, saveAdjust, openHistory, loadHistory, tierName, isManual,
             dateTime };
  },
  template: `
  <el-card shadow="never">
    <div class="toolbar">
      <el-select v-model="tagId" :placeholder="$t('members.choose_tag')" class="status-select"
                 :no-data-text="$t('members.no_manual_tags')" data-testid="tag-choose">
        <el-option v-for="tag in manualTags" :key="tag.id" :value="tag.id" :label="tag.name" />
      </el-select>
      <el-button type="primary" :disabled="!tagId || chosen.length === 0" :loading="busy"
                 @click="applyTag" data-testid="tag-apply">{{ $t('members.tag_apply') }}</el-button>
      <span class="muted">{{ $t('members.tag_selected') }}</span>
    </div>
    <el-table :data="rows" v-loading="loading" data-testid="members-table" stripe row-key="user_id"
              @selection-change="(list) => chosen = list">
      <el-table-column type="selection" width="44" />
      <el-table-column :label="$t('members.member')" min-width="140">
        <template #default="{ row }">{{ row.nickname }} <span class="muted">#{{ row.user_id }}</span></template>
      </el-table-column>
      <el-table-column :label="$t('members.tier')" width="110">
        <template #default="{ row }">{{ tierName(row.tier_rank) }}</template>
      </el-table-column>
      <el-table-column prop="points" :label="$t('members.points')" width="100" align="right" />
      <el-table-column :label="$t('members.tags')" min-width="200">
        <template #default="{ row }">
          <el-space :size="4" wrap>
            <el-tag v-for="name in row.tags" :key="name" size="small"
                    :type="isManual(name) ? 'primary' : 'success'" :closable="isManual(name)"
                    @close="untag(row, name)">{{ name }}</el-tag>
          </el-space>
        </template>
      </el-table-column>
      <el-table-column :label="$t('members.via')" width="80">
        <template #default="{ row }">{{ $t('members.vias.' + row.via) }}</template>
      </el-table-column>
      <el-table-column :label="$t('members.joined')" width="150">
        <template #default="{ row }">{{ dateTime(row.joined_at) }}</template>
      </el-table-column>
      <el-table-column :label="$t('common.actions')" width="160" align="center">
        <template #default="{ row }">
          <el-button link type="primary" @click="openAdjust(row)" data-testid="points-adjust">{{ $t('members.adjust') }}</el-button>
          <el-button link type="primary" @click="openHistory(row)" data-testid="points-history">{{ $t('members.history') }}</el-button>
        </template>
      </el-table-column>
    </el-table>
    <el-pagination class="pager" background layout="total, prev, pager, next" :total="total"
                   :page-size="PER_PAGE" v-model:current-page="page" @current-change="refresh" />

    <el-dialog :model-value="adjusting !== null" @update:model-value="adjusting = null" width="480px"
               :title="adjusting ? $t('members.adjust_title', { name: adjusting.nickname }) : ''">
      <el-form v-if="adjusting" ref="adjustRef" :model="adjust" :rules="adjustRules" label-width="80px" @submit.prevent>
        <el-form-item :label="$t('members.direction')">
          <el-radio-group v-model="adjust.direction" data-testid="adjust-direction">
            <el-radio-button value="add">{{ $t('members.add') }}</el-radio-button>
            <el-radio-button value="deduct">{{ $t('members.deduct') }}</el-radio-button>
          </el-radio-group>
          <span class="muted option-tag">{{ $t('members.current', { n: adjusting.points }) }}</span>
        </el-form-item>
        <el-form-item :label="$t('members.amount')" prop="amount">
          <el-input-number v-model="adjust.amount" :min="1" :max="1000000" :step="1" step-strictly
                           data-testid="adjust-amount" />
        </el-form-item>
        <el-form-item :label="$t('members.reason')" prop="reason">
          <el-input v-model="adjust.reason" maxlength="80" show-word-limit data-testid="adjust-reason" />
        </el-form-item>
      </el-form>
      <template #footer>
        <el-button @click="adjusting = null">{{ $t('common.cancel') }}</el-button>
        <el-button type="primary" :loading="busy" @click="saveAdjust" data-testid="adjust-save">{{ $t('common.confirm') }}</el-button>
      </template>
    </el-dialog>

    <el-drawer :model-value="history !== null" @update:model-value="history = null" size="760px"
               :title="history ? $t('members.history_title', { name: history.nickname }) : ''"
               data-testid="points-drawer">
      <template v-if="history">
        <p class="muted">{{ $t('members.current', { n: history.balance }) }}</p>
        <el-table :data="history.entries" data-testid="points-table">
          <el-table-column :label="$t('members.time')" width="150">
            <template #default="{ row }">{{ dateTime(row.created_at) }}</template>
          </el-table-column>
          <el-table-column :label="$t('members.kind')" width="110">
            <template #default="{ row }">{{ $t('members.kinds.' + row.kind) }}</template>
          </el-table-column>
          <el-table-column :label="$t('members.change')" width="90" align="right">
            <template #default="{ row }">{{ (row.points > 0 ? '+' : '') + row.points }}</template>
          </el-table-column>
          <el-table-column :label="$t('members.note')" min-width="140">
            <template #default="{ row }">{{ row.note || (row.order_id ? '#' + row.order_id : '') }}</template>
          </el-table-column>
          <el-table-column :label="$t('members.expires')" width="150">
            <template #default="{ row }">{{ dateTime(row.expires_at) }}</template>
          </el-table-column>
        </el-table>
        <el-pagination class="pager" layout="total, prev, pager, next" :total="history.meta.total"
                       :page-size="10" v-model:current-page="historyPage"
                       @current-change="loadHistory(history.row)" />
      </template>
    </el-drawer>
  </el-card>`,
};
