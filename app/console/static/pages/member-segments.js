// 人群与群发: segments as tag expressions (GET/POST/PUT/DELETE
// .../members/segments), how many members one picks (POST .../segments/preview),
// and sends to a segment (points, a coupon or an announcement: POST
// .../members/sends) with their progress (GET .../members/sends).
import { api, showError, dateTime } from "../api.js";
import { session } from "../session.js";
import { extend, t } from "../i18n.js";

extend({
  "zh-CN": {
    segments: {
      segments: "人群", sends: "群发记录", create: "新建人群", edit: "编辑人群", edit_btn: "编辑", name: "人群名称",
      expr: "标签表达式", expr_hint: "用标签名与 and、or、not、括号组合，如 vip and not churned",
      preview: "预估人数", preview_n: "约 {n} 人", updated: "更新时间", delete: "删除",
      delete_confirm: "确定删除人群「{name}」吗？", deleted: "人群已删除", saved: "人群已保存",
      name_required: "请填写人群名称", expr_required: "请填写标签表达式",
      send: "群发", send_title: "向「{name}」群发", action: "内容",
      actions: { points: "赠送积分", coupon: "发放优惠券", announcement: "站内公告" },
      points: "积分数", coupon_id: "优惠券 ID", title: "标题", body: "内容",
      sent: "已提交群发，后台正在发送", status: "状态",
      statuses: { queued: "排队中", running: "发送中", done: "已完成" },
      progress: "进度", failed: "失败", created: "创建时间", segment: "人群",
      payload_required: "请填写完整的群发内容",
    },
    errors: { segment_not_found: "人群不存在", segment_name_taken: "已有同名人群",
              bad_segment_expression: "标签表达式写法有误", unknown_tag: "表达式中有不存在的标签",
              unknown_send_action: "不支持的群发内容", invalid_send_payload: "群发内容不完整",
              send_key_reused: "请求重复，请刷新后重试" },
  },
  en: {
    segments: {
      segments: "Segments", sends: "Sends", create: "New segment", edit: "Edit segment", edit_btn: "Edit",
      name: "Name", expr: "Tag expression",
      expr_hint: "Tag names with and, or, not and parentheses, e.g. vip and not churned",
      preview: "Members", preview_n: "About {n}", updated: "Updated", delete: "Delete",
      delete_confirm: "Delete the segment {name}?", deleted: "Segment deleted",
      saved: "Segment saved", name_required: "Enter a name", expr_required: "Enter an expression",
      send: "Send", send_title: "Send to {name}", action: "What",
      actions: { points: "Points", coupon: "Coupon", announcement: "Announcement" },
      points: "Points", coupon_id: "Coupon ID", title: "Title", body: "Text",
      sent: "Send queued: delivering", status: "Status",
      statuses: { queued: "Queued", running: "Sending", done: "Done" },
      progress: "Progress", failed: "Failed", created: "Created", segment: "Segment",
      payload_required: "Fill in what to send",
    },
    errors: { segment_not_found: "No such segment", segment_name_taken: "A segment has that name",
              bad_segment_expression: "The expression is not valid",
              unknown_tag: "The expression names a tag that does not exist",
              unknown_send_action: "Cannot send that", invalid_send_payload: "Incomplete send",
              send_key_reused: "Repeated request: refresh and retry" },
  },
});

const { ref, reactive, computed, onMounted } = Vue;
const ACTIONS = ["points", "coupon", "announcement"];

function requestId() {
  return `send-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

export default {
  setup() {
    const segments = ref([]);
    const counts = reactive({});
    const sends = ref([]);
    const sendTotal = ref(0);
    const sendPage = ref(1);
    const editing = ref(null);
    const formRef = ref(null);
    const form = reactive({ name: "", expr: "" });
    const estimate = ref(null);
    const sending = ref(null);
    const send = reactive({ action: "points", points: 10, coupon_id: null, title: "", body: "",
                            key: "" });
    const busy = ref(false);
    const base = () => `/api/v1/merchants/${session.merchantId}/members`;
    const rules = computed(() => ({
      name: [{ required: true, whitespace: true, message: t("segments.name_required"), trigger: "blur" }],
      expr: [{ required: true, whitespace: true, message: t("segments.expr_required"), trigger: "blur" }] }));
    const names = computed(() => Object.fromEntries(segments.value.map((s) => [s.id, s.name])));

    async function loadSegments() {
      try {
        segments.value = await api.get(`${base()}/segments`);
        for (const s of segments.value) {
          api.get(`${base()}/segments/${s.id}/preview`)
            .then((p) => { counts[s.id] = p.count; }).catch(showError);
        }
      } catch (err) {
        showError(err);
      }
    }

    async function loadSends() {
      try {
        const body = await api.get(`${base()}/sends`, { page: sendPage.value, per_page: 10 });
        sends.value = body.items;
        sendTotal.value = body.meta.total;
      } catch (err) {
        showError(err);
      }
    }

    function open(segment) {
      Object.assign(form, segment ? { name: segment.name, expr: segment.expr } : { name: "", expr: "" });
      estimate.value = null;
      editing.value = segment || {};
    }

    async function previewForm() {
      try {
        estimate.value = (await api.post(`${base()}/segments/preview`, { expr: form.expr.trim() })).count;
      } catch (err) {
        showError(err);
      }
    }

    async function save() {
      if (!(await formRef.value.validate().catch(() => false))) return;
      busy.value = true;
      const body = { name: form.name.trim(), expr: form.expr.trim() };
      try {
        if (editing.value.id) await api.put(`${base()}/segments/${editing.value.id}`, body);
        else await api.post(`${base()}/segments`, body);
        ElementPlus.ElMessage.success(t("segments.saved"));
        editing.value = null;
        loadSegments();
      } catch (err) {
        showError(err);
      } finally {
        busy.value = false;
      }
    }

    async function remove(segment) {
      try {
        await ElementPlus.ElMessageBox.confirm(t("segments.delete_confirm", { name: segment.name }),
          t("segments.delete"), { type: "warning", confirmButtonText: t("common.confirm"),
                                  cancelButtonText: t("common.cancel") });
      } catch (cancelled) {
        return;
      }
      try {
        await api.del(`${base()}/segments/${segment.id}`);
        ElementPlus.ElMessage.success(t("segments.deleted"));
        loadSegments();
      } catch (err) {
        showError(err);
      }
    }

    function openSend(segment) {
      Object.assign(send, { action: "points", points: 10, coupon_id: null, title: "", body: "",
                            key: requestId() });
      sending.value = segment;
    }

    function payload() {
      if (send.action === "points") return send.points ? { points: send.points } : null;
      if (send.action === "coupon") return send.coupon_id ? { coupon_id: send.coupon_id } : null;
      const title = send.title.trim();
      const body = send.body.trim();
      return title && body ? { title, body } : null;
    }

    async function submitSend() {
      const what = payload();
      if (!what) {
        ElementPlus.ElMessage.warning(t("segments.payload_required"));
        return;
      }
      busy.value = true;
      try {
        await api.post(`${base()}/sends`, { request_id: send.key, segment_id: sending.value.id,
                                            action: send.action, payload: what });
        ElementPlus.ElMessage.success(t("segments.sent"));
        sending.value = null;
        loadSends();
      } catch (err) {
        showError(err);
      } finally {
        busy.value = false;
      }
    }

    onMounted(() => { loadSegments(); loadSends(); });
    return { segments, counts, sends, sendTotal, sendPage, editing, form, formRef, rules,
             estimate, sending, send, busy, names, ACTIONS, open, previewForm, save, remove,
             openSend, submitSend, loadSends, dateTime };
  },
  template: `
  <el-card shadow="never" :header="$t('segments.segments')">
    <div class="toolbar">
      <el-button type="primary" :icon="'Plus'" @click="open(null)" data-testid="segment-create-open">{{ $t('segments.create') }}</el-button>
    </div>
    <el-table :data="segments" data-testid="segments-table" stripe>
      <el-table-column prop="name" :label="$t('segments.name')" min-width="140" />
      <el-table-column prop="expr" :label="$t('segments.expr')" min-width="220" />
      <el-table-column :label="$t('segments.preview')" width="110" align="right">
        <template #default="{ row }">{{ counts[row.id] ?? '' }}</template>
      </el-table-column>
      <el-table-column :label="$t('segments.updated')" width="150">
        <template #default="{ row }">{{ dateTime(row.updated_at) }}</template>
      </el-table-column>
      <el-table-column :label="$t('common.actions')" width="180" align="center">
        <template #default="{ row }">
          <el-button link type="primary" @click="openSend(row)" data-testid="segment-send">{{ $t('segments.send') }}</el-button>
          <el-button link type="primary" @click="open(row)">{{ $t('segments.edit_btn') }}</el-button>
          <el-button link type="danger" @click="remove(row)">{{ $t('segments.delete') }}</el-button>
        </template>
      </el-table-column>
    </el-table>
  </el-card>
  <el-card shadow="never" :header="$t('segments.sends')">
    <el-table :data="sends" data-testid="sends-table" stripe>
      <el-table-column prop="id" label="ID" width="70" />
      <el-table-column :label="$t('segments.segment')" min-width="120">
        <template #default="{ row }">{{ names[row.segment_id] || ('#' + row.segment_id) }}</template>
      </el-table-column>
      <el-table-column :label="$t('segments.action')" width="120">
        <template #default="{ row }">{{ $t('segments.actions.' + row.action) }}</template>
      </el-table-column>
      <el-table-column :label="$t('segments.status')" width="100">
        <template #default="{ row }"><el-tag :type="row.status === 'done' ? 'success' : 'warning'">{{ $t('segments.statuses.' + row.status) }}</el-tag></template>
      </el-table-column>
      <el-table-column :label="$t('segments.progress')" width="200">
        <template #default="{ row }">
          <el-progress :percentage="row.total ? Math.floor(row.done * 100 / row.total) : (row.status === 'done' ? 100 : 0)" />
        </template>
      </el-table-column>
      <el-table-column prop="failed" :label="$t('segments.failed')" width="80" align="right" />
      <el-table-column :label="$t('segments.created')" width="150">
        <template #default="{ row }">{{ dateTime(row.created_at) }}</template>
      </el-table-column>
    </el-table>
    <el-pagination class="pager" layout="total, prev, pager, next" :total="sendTotal" :page-size="10"
                   v-model:current-page="sendPage" @current-change="loadSends" />
  </el-card>

  <el-dialog :model-value="editing !== null" @update:model-value="editing = null" width="560px"
             :title="editing && editing.id ? $t('segments.edit') : $t('segments.create')">
    <el-form v-if="editing" ref="formRef" :model="form" :rules="rules" label-width="100px" @submit.prevent>
      <el-form-item :label="$t('segments.name')" prop="name">
        <el-input v-model="form.name" maxlength="40" data-testid="segment-name" />
      </el-form-item>
      <el-form-item :label="$t('segments.expr')" prop="expr">
        <el-input v-model="form.expr" data-testid="segment-expr" />
        <div class="muted">{{ $t('segments.expr_hint') }}</div>
      </el-form-item>
      <el-form-item :label="$t('segments.preview')">
        <el-button @click="previewForm" :disabled="!form.expr.trim()" data-testid="segment-preview">{{ $t('segments.preview') }}</el-button>
        <span v-if="estimate !== null" class="option-tag" data-testid="segment-estimate">{{ $t('segments.preview_n', { n: estimate }) }}</span>
      </el-form-item>
    </el-form>
    <template #footer>
      <el-button @click="editing = null">{{ $t('common.cancel') }}</el-button>
      <el-button type="primary" :loading="busy" @click="save" data-testid="segment-save">{{ $t('common.confirm') }}</el-button>
    </template>
  </el-dialog>

  <el-dialog :model-value="sending !== null" @update:model-value="sending = null" width="560px"
             :title="sending ? $t('segments.send_title', { name: sending.name }) : ''">
    <el-form v-if="sending" label-width="100px" @submit.prevent>
      <el-form-item :label="$t('segments.action')">
        <el-radio-group v-model="send.action" data-testid="send-action">
          <el-radio-button v-for="a in ACTIONS" :key="a" :value="a">{{ $t('segments.actions.' + a) }}</el-radio-button>
        </el-radio-group>
      </el-form-item>
      <el-form-item v-if="send.action === 'points'" :label="$t('segments.points')">
        <el-input-number v-model="send.points" :min="1" :max="1000000" step-strictly data-testid="send-points" />
      </el-form-item>
      <el-form-item v-if="send.action === 'coupon'" :label="$t('segments.coupon_id')">
        <el-input-number v-model="send.coupon_id" :min="1" :controls="false" />
      </el-form-item>
      <template v-if="send.action === 'announcement'">
        <el-form-item :label="$t('segments.title')"><el-input v-model="send.title" maxlength="60" show-word-limit /></el-form-item>
        <el-form-item :label="$t('segments.body')"><el-input v-model="send.body" type="textarea" maxlength="500" show-word-limit :rows="4" /></el-form-item>
      </template>
    </el-form>
    <template #footer>
      <el-button @click="sending = null">{{ $t('common.cancel') }}</el-button>
      <el-button type="primary" :loading="busy" @click="submitSend" data-testid="send-submit">{{ $t('segments.send') }}</el-button>
    </template>
  </el-dialog>`,
};
