// 会员标签: the merchant's tags with how many members hold each (GET
// .../members/tags); create a manual tag or a rule tag (POST .../tags), delete
// one (DELETE .../tags/<id>), recompute the rule tags now (POST .../recompute).
import { api, showError, yuan } from "../api.js";
import { session } from "../session.js";
import { extend, t } from "../i18n.js";

extend({
  "zh-CN": {
    mtags: {
      create: "新建标签", name: "标签名", name_hint: "小写字母开头，可含小写字母、数字和下划线（用于人群表达式），如 vip、big_spender",
      name_required: "请填写标签名", kind: "类型", kinds: { manual: "手动", rule: "规则" },
      rule: "规则", members: "会员数", metric: "条件", op: "比较", value: "数值", channel: "渠道",
      metrics: { total_spend_fen: "累计消费 (元)", order_count: "订单数",
                 days_since_last_order: "距上次下单天数", source: "来自渠道的订单" },
      ops: { gte: "≥", lte: "≤", eq: "=" },
      channels: { room: "直播间", share: "分享", community: "社群" },
      created: "标签已创建", delete_confirm: "确定删除标签「{name}」吗？会员身上的该标签会一并移除。",
      deleted: "标签已删除", recompute: "重新计算规则标签", recomputed: "规则标签已重新计算",
      delete: "删除",
    },
    errors: { tag_name_taken: "已有同名标签", tag_in_use: "有人群使用了此标签，请先修改人群",
              invalid_tag_rule: "规则不完整，请检查" },
  },
  en: {
    mtags: {
      create: "New tag", name: "Name", name_hint: "A lowercase letter first, then a-z, 0-9 and _ (used in segment expressions), e.g. vip, big_spender",
      name_required: "Enter a name", kind: "Kind", kinds: { manual: "Manual", rule: "Rule" },
      rule: "Rule", members: "Members", metric: "Condition", op: "Compare", value: "Value",
      channel: "Channel",
      metrics: { total_spend_fen: "Total spend (yuan)", order_count: "Orders",
                 days_since_last_order: "Days since last order", source: "Ordered through" },
      ops: { gte: "≥", lte: "≤", eq: "=" },
      channels: { room: "Live room", share: "Share", community: "Community" },
      created: "Tag created", delete_confirm: "Delete the tag {name}? Members lose it too.",
      deleted: "Tag deleted", recompute: "Recompute rule tags", recomputed: "Rule tags recomputed",
      delete: "Delete",
    },
    errors: { tag_name_taken: "A tag has that name already",
              tag_in_use: "A segment uses this tag: change the segment first",
              invalid_tag_rule: "The rule is not complete" },
  },
});

const { ref, reactive, computed, onMounted } = Vue;
const METRICS = ["total_spend_fen", "order_count", "days_since_last_order", "source"];
const OPS = ["gte", "lte", "eq"];
const CHANNELS = ["room", "share", "community"];

export default {
  setup() {
    const rows = ref([]);
    const loading = ref(false);
    const dialog = ref(false);
    const busy = ref(false);
    const formRef = ref(null);
    const form = reactive({ name: "", kind: "manual", metric: "total_spend_fen", op: "gte",
                            value: 0, channel: "room" });
    const rules = computed(() => ({
      name: [{ required: true, whitespace: true, message: t("mtags.name_required"),
               trigger: "blur" }] }));
    const base = () => `/api/v1/merchants/${session.merchantId}/members`;

    async function refresh() {
      loading.value = true;
      try {
        rows.value = await api.get(`${base()}/tags`);
      } catch (err) {
        showError(err);
      } finally {
        loading.value = false;
      }
    }

    function open() {
      Object.assign(form, { name: "", kind: "manual", metric: "total_spend_fen", op: "gte",
                            value: 0, channel: "room" });
      dialog.value = true;
    }

    function ruleBody() {
      if (form.metric === "source") return { metric: "source", channel: form.channel };
      // money is typed in yuan; the API counts fen
      const value = form.metric === "total_spend_fen" ? Math.round(form.value * 100) : form.value;
      return { metric: form.metric, op: form.op, value };
    }

    async function create() {
      if (!(await formRef.value.validate().catch(() => false))) return;
      busy.value = true;
      try {
        const body = { name: form.name.trim() };
        if (form.kind === "rule") body.rule = ruleBody();
        await api.post(`${base()}/tags`, body);
        ElementPlus.ElMessage.success(t("mtags.created"));
        dialog.value = false;
        refresh();
      } catch (err) {
        showError(err);
      } finally {
        busy.value = false;
      }
    }

    async function remove(row) {
      try {
        await ElementPlus.ElMessageBox.confirm(t("mtags.delete_confirm", { name: row.name }),
          t("mtags.delete"), { type: "warning", confirmButtonText: t("common.confirm"),
                               cancelButtonText: t("common.cancel") });
      } catch (cancelled) {
        return;
      }
      try {
        await api.del(`${base()}/tags/${row.id}`);
        ElementPlus.ElMessage.success(t("mtags.deleted"));
        refresh();
      } catch (err) {
        showError(err);
      }
    }

    async function recompute() {
      busy.value = true;
      try {
        await api.post(`${base()}/recompute`, {});
        ElementPlus.ElMessage.success(t("mtags.recomputed"));
        refresh();
      } catch (err) {
        showError(err);
      } finally {
        busy.value = false;
      }
    }

    function describe(rule) {
      if (!rule) return "";
      const metric = t(`mtags.metrics.${rule.metric}`);
      if (rule.metric === "source") return `${metric}: ${t(`mtags.channels.${rule.channel}`)}`;
      const value = rule.metric === "total_spend_fen" ? yuan(rule.value) : rule.value;
      return `${metric} ${t(`mtags.ops.${rule.op}`)} ${value}`;
    }

    onMounted(refresh);
    return { rows, loading, dialog, busy, form, formRef, rules, METRICS, OPS, CHANNELS, open,
             create, remove, recompute, describe };
  },
  template: `
  <el-card shadow="never">
    <div class="toolbar">
      <el-button type="primary" :icon="'Plus'" @click="open" data-testid="tag-create-open">{{ $t('mtags.create') }}</el-button>
      <el-button :icon="'Refresh'" :loading="busy" @click="recompute" data-testid="tag-recompute">{{ $t('mtags.recompute') }}</el-button>
    </div>
    <el-table :data="rows" v-loading="loading" data-testid="tags-table" stripe>
      <el-table-column prop="name" :label="$t('mtags.name')" min-width="140" />
      <el-table-column :label="$t('mtags.kind')" width="90">
        <template #default="{ row }"><el-tag :type="row.kind === 'manual' ? 'primary' : 'success'">{{ $t('mtags.kinds.' + row.kind) }}</el-tag></template>
      </el-table-column>
      <el-table-column :label="$t('mtags.rule')" min-width="200">
        <template #default="{ row }">{{ describe(row.rule) }}</template>
      </el-table-column>
      <el-table-column prop="members" :label="$t('mtags.members')" width="100" align="right" />
      <el-table-column :label="$t('common.actions')" width="100" align="center">
        <template #default="{ row }"><el-button link type="danger" @click="remove(row)">{{ $t('mtags.delete') }}</el-button></template>
      </el-table-column>
    </el-table>
    <el-dialog v-model="dialog" :title="$t('mtags.create')" width="560px">
      <el-form ref="formRef" :model="form" :rules="rules" label-width="90px" @submit.prevent>
        <el-form-item :label="$t('mtags.name')" prop="name">
          <el-input v-model="form.name" maxlength="32" data-testid="tag-name" />
          <div class="muted">{{ $t('mtags.name_hint') }}</div>
        </el-form-item>
        <el-form-item :label="$t('mtags.kind')">
          <el-radio-group v-model="form.kind" data-testid="tag-kind">
            <el-radio-button value="manual">{{ $t('mtags.kinds.manual') }}</el-radio-button>
            <el-radio-button value="rule">{{ $t('mtags.kinds.rule') }}</el-radio-button>
          </el-radio-group>
        </el-form-item>
        <template v-if="form.kind === 'rule'">
          <el-form-item :label="$t('mtags.metric')">
            <el-select v-model="form.metric">
              <el-option v-for="m in METRICS" :key="m" :value="m" :label="$t('mtags.metrics.' + m)" />
            </el-select>
          </el-form-item>
          <el-form-item v-if="form.metric === 'source'" :label="$t('mtags.channel')">
            <el-select v-model="form.channel">
              <el-option v-for="c in CHANNELS" :key="c" :value="c" :label="$t('mtags.channels.' + c)" />
            </el-select>
          </el-form-item>
          <el-form-item v-else :label="$t('mtags.value')">
            <el-select v-model="form.op" class="status-select">
              <el-option v-for="o in OPS" :key="o" :value="o" :label="$t('mtags.ops.' + o)" />
            </el-select>
            <el-input-number v-model="form.value" :min="0" class="option-tag"
                             :precision="form.metric === 'total_spend_fen' ? 2 : 0" />
          </el-form-item>
        </template>
      </el-form>
      <template #footer>
        <el-button @click="dialog = false">{{ $t('common.cancel') }}</el-button>
        <el-button type="primary" :loading="busy" @click="create" data-testid="tag-create">{{ $t('common.confirm') }}</el-button>
      </template>
    </el-dialog>
  </el-card>`,
};
