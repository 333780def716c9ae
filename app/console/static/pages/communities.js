// 社群团长: the merchant's communities (GET/POST .../communities, PATCH the
// leaders' default rate), and per community in a drawer: its leaders with
// their rate and pickup point (GET .../leaders, PUT .../leaders/<uid>,
// PUT .../pickup-point, DELETE), inviting a leader (POST .../leaders: the role
// holds once they accept in the mini-program), the invitations, and an
// announcement to every member (POST .../announcements).
import { api, showError, dateTime } from "../api.js";
import { usePaged, PER_PAGE } from "../paged.js";
import { session } from "../session.js";
import { extend, t } from "../i18n.js";

extend({
  "zh-CN": {
    menu: { pick_lists: "团长拣货单" },
    comm: {
      create: "新建社群", name: "社群名称", owner: "群主", owner_id: "群主用户 ID",
      owner_pending: "待群主接受", invite_code: "邀请码", rate: "团长默认佣金 (%)",
      created: "创建时间", manage: "管理", announce: "发公告", created_ok: "社群已创建，已邀请群主",
      name_required: "请填写社群名称", owner_required: "请填写群主用户 ID",
      leaders: "团长", invitations: "邀请记录", leader: "团长", leader_rate: "佣金比例",
      rate_default: "默认 {n}%", point: "自提点", point_none: "未设置", hours: "营业时间",
      address: "地址", active: "开放", closed: "已关闭", set_point: "设置自提点",
      set_rate: "佣金比例", remove: "移除", remove_confirm: "确定移除团长 {name} 吗？其自提点将关闭。",
      removed: "已移除团长", invite_leader: "邀请团长", user_id: "用户 ID",
      leader_rate_hint: "不填则用社群默认比例", invited: "已发出邀请，对方在小程序中接受后成为团长",
      rate_prompt: "团长佣金比例（%），留空则用社群默认比例", rate_saved: "佣金比例已保存",
      rate_invalid: "请输入 0-100 之间的数字", point_saved: "自提点已保存",
      point_name: "自提点名称", role: "角色", roles: { leader: "团长", owner: "群主" },
      inv_status: "状态", inv_statuses: { pending: "待接受", accepted: "已接受", declined: "已拒绝",
                                         withdrawn: "已撤回" },
      title: "标题", body: "内容", send: "发布", announced: "公告已发布，{n} 位成员收到",
      save: "保存", field_required: "请填写此项", pick_list: "拣货单",
    },
    errors: { community_not_found: "社群不存在", user_not_found: "用户不存在",
              already_has_role: "该用户已有此角色", leader_not_found: "该用户不是此社群的团长",
              community_forbidden: "无权操作该社群", invitation_not_found: "邀请不存在" },
  },
  en: {
    menu: { pick_lists: "Pick lists" },
    comm: {
      create: "New community", name: "Name", owner: "Owner", owner_id: "Owner's user ID",
      owner_pending: "Awaiting the owner", invite_code: "Invite code",
      rate: "Leaders' default rate (%)", created: "Created", manage: "Manage",
      announce: "Announce", created_ok: "Community created: the owner is invited",
      name_required: "Enter a name", owner_required: "Enter the owner's user ID",
      leaders: "Leaders", invitations: "Invitations", leader: "Leader", leader_rate: "Rate",
      rate_default: "Default {n}%", point: "Pickup point", point_none: "Not set",
      hours: "Hours", address: "Address", active: "Open", closed: "Closed",
      set_point: "Pickup point", set_rate: "Rate", remove: "Remove",
      remove_confirm: "Remove the leader {name}? Their pickup point closes.",
      removed: "Leader removed", invite_leader: "Invite a leader", user_id: "User ID",
      leader_rate_hint: "Empty: the community's default rate",
      invited: "Invited: they lead once they accept in the mini-program",
      rate_prompt: "Leader's rate (%); empty for the community's default",
      rate_saved: "Rate saved", rate_invalid: "A number from 0 to 100",
      point_saved: "Pickup point saved", point_name: "Point name", role: "Role",
      roles: { leader: "Leader", owner: "Owner" }, inv_status: "Status",
      inv_statuses: { pending: "Pending", accepted: "Accepted", declined: "Declined",
                      withdrawn: "Withdrawn" },
      title: "Title", body: "Text", send: "Post",
      announced: "Announcement posted to {n} members", save: "Save",
      field_required: "Fill this in", pick_list: "Pick list",
    },
    errors: { community_not_found: "No such community", user_not_found: "No such user",
              already_has_role: "That user has this role already",
              leader_not_found: "Not a leader of this community",
              community_forbidden: "Not allowed for this community",
              invitation_not_found: "No such invitation" },
  },
});

const { ref, reactive, computed, onMounted } = Vue;
const { useRouter } = VueRouter;
const pct = (bps) => (bps / 100).toFixed(2);
const toBps = (v) => Math.round(Number(v) * 100);

export default {
  setup() {
    const router = useRouter();
    const { rows, total, page, loading, refresh } = usePaged(() => base());
    const busy = ref(false);
    const creating = ref(false);
    const createRef = ref(null);
    const create = reactive({ name: "", owner_id: null, rate: 0 });
    const current = ref(null);
    const tab = ref("leaders");
    const leaders = ref([]);
    const invitations = ref([]);
    const invite = reactive({ user_id: null, rate: null });
    const pointFor = ref(null);
    const pointRef = ref(null);
    const point = reactive({ name: "", address: "", opening_hours: "", active: true });
    const announcing = ref(null);
    const announceRef = ref(null);
    const note = reactive({ title: "", body: "" });
    const base = () => `/api/v1/merchants/${session.merchantId}/communities`;
    const required = (key) => [{ required: true, whitespace: true, message: t(key), trigger: "blur" }];
    const createRules = computed(() => ({
      name: required("comm.name_required"),
      owner_id: [{ required: true, type: "integer", min: 1, message: t("comm.owner_required"),
                   trigger: "blur" }] }));
    const pointRules = computed(() => ({ name: required("comm.field_required"),
                                         address: required("comm.field_required"),
                                         opening_hours: required("comm.field_required") }));
    const noteRules = computed(() => ({ title: required("comm.field_required"),
                                        body: required("comm.field_required") }));


    async function submitCreate() {
      if (!(await createRef.value.validate().catch(() => false))) return;
      busy.value = true;
      try {
        await api.post(base(), { name: create.name.trim(), owner_id: create.owner_id,
                                 leader_commission_bps: toBps(create.rate) });
        ElementPlus.ElMessage.success(t("comm.created_ok"));
        creating.value = false;
        refresh();
      } catch (err) {
        showError(err);
      } finally {
        busy.value = false;
      }
    }

    async function loadDetail() {
      const cid = current.value.id;
      try {
        [leaders.value, invitations.value] = await Promise.all([
          api.get(`${base()}/${cid}/leaders`),
          api.get(`${base()}/${cid}/invitations`, { per_page: 50 }).then((b) => b.items)]);
      } catch (err) {
        showError(err);
      }
    }

    function manage(row) {
      current.value = row;
      tab.value = "leaders";
      Object.assign(invite, { user_id: null, rate: null });
      loadDetail();
    }

    async function inviteLeader() {
      if (!invite.user_id) return;
      busy.value = true;
      try {
        await api.post(`${base()}/${current.value.id}/leaders`, {
          user_id: invite.user_id,
          commission_bps: invite.rate === null || invite.rate === undefined ? null : toBps(invite.rate) });
        ElementPlus.ElMessage.success(t("comm.invited"));
        Object.assign(invite, { user_id: null, rate: null });
        loadDetail();
      } catch (err) {
        showError(err);
      } finally {
        busy.value = false;
      }
    }

    async function setRate(leader) {
      let value;
      try {
        ({ value } = await ElementPlus.ElMessageBox.prompt(t("comm.rate_prompt"), t("comm.set_rate"), {
          confirmButtonText: t("comm.save"), cancelButtonText: t("common.cancel"),
          inputValue: leader.commission_bps === null ? "" : pct(leader.commission_bps),
          inputValidator: (v) => !v || (/^\d{1,3}(\.\d{1,2})?$/.test(v.trim()) && Number(v) <= 100),
          inputErrorMessage: t("comm.rate_invalid") }));
      } catch (cancelled) {
        return;
      }
      try {
        await api.put(`${base()}/${current.value.id}/leaders/${leader.user_id}`,
                      { commission_bps: value && value.trim() ? toBps(value) : null });
        ElementPlus.ElMessage.success(t("comm.rate_saved"));
        loadDetail();
      } catch (err) {
        showError(err);
      }
    }

    function openPoint(leader) {
      const p = leader.point;
      Object.assign(point, p ? { name: p.name, address: p.address, opening_hours: p.opening_hours,
                                 active: p.active }
        : { name: "", address: "", opening_hours: "", active: true });
      pointFor.value = leader;
    }

    async function savePoint() {
      if (!(await pointRef.value.validate().catch(() => false))) return;
      busy.value = true;
      try {
        await api.put(`${base()}/${current.value.id}/leaders/${pointFor.value.user_id}/pickup-point`,
                      { name: point.name.trim(), address: point.address.trim(),
                        opening_hours: point.opening_hours.trim(), active: point.active });
        ElementPlus.ElMessage.success(t("comm.point_saved"));
        pointFor.value = null;
        loadDetail();
      } catch (err) {
        showError(err);
      } finally {
        busy.value = false;
      }
    }

    async function removeLeader(leader) {
      try {
        await ElementPlus.ElMessageBox.confirm(
          t("comm.remove_confirm", { name: leader.nickname || `#${leader.user_id}` }),
          t("comm.remove"), { type: "warning", confirmButtonText: t("common.confirm"),
                              cancelButtonText: t("common.cancel") });
      } catch (cancelled) {
        return;
      }
      try {
        await api.del(`${base()}/${current.value.id}/leaders/${leader.user_id}`);
        ElementPlus.ElMessage.success(t("comm.removed"));
        loadDetail();
      } catch (err) {
        showError(err);
      }
    }

    function pickList(leader) {
      router.push({ path: "/community/pick-lists",
                    query: { community: current.value.id, leader: leader.user_id } });
    }

    function openAnnounce(row) {
      Object.assign(note, { title: "", body: "" });
      announcing.value = row;
    }

    async function announce() {
      if (!(await announceRef.value.validate().catch(() => false))) return;
      busy.value = true;
      try {
        const made = await api.post(`${base()}/${announcing.value.id}/announcements`,
                                    { title: note.title.trim(), body: note.body.trim() });
        ElementPlus.ElMessage.success(t("comm.announced", { n: made.recipients }));
        announcing.value = null;
      } catch (err) {
        showError(err);
      } finally {
        busy.value = false;
      }
    }

    function openCreate() {
      Object.assign(create, { name: "", owner_id: null, rate: 0 });
      creating.value = true;
    }

    onMounted(refresh);
    return { rows, total, page, loading, busy, creating, createRef, create, createRules, current,
             tab, leaders, invitations, invite, pointFor, pointRef, point, pointRules, announcing,
             announceRef, note, noteRules, PER_PAGE, refresh, openCreate, submitCreate, manage,
             inviteLeader, setRate, openPoint, savePoint, removeLeader, pickList, openAnnounce,
             announce, pct, dateTime };
  },
  template: `
  <el-card shadow="never">
    <div class="toolbar">
      <el-button type="primary" :icon="'Plus'" @click="openCreate" data-testid="community-create-open">{{ $t('comm.create') }}</el-button>
    </div>
    <el-table :data="rows" v-loading="loading" data-testid="communities-table" stripe>
      <el-table-column prop="id" label="ID" width="70" />
      <el-table-column prop="name" :label="$t('comm.name')" min-width="160" />
      <el-table-column :label="$t('comm.owner')" width="140">
        <template #default="{ row }">
          <span v-if="row.owner_id">#{{ row.owner_id }}</span>
          <el-tag v-else type="warning" size="small">{{ $t('comm.owner_pending') }}</el-tag>
        </template>
      </el-table-column>
      <el-table-column prop="invite_code" :label="$t('comm.invite_code')" width="120" />
      <el-table-column :label="$t('comm.rate')" width="150" align="right">
        <template #default="{ row }">{{ pct(row.leader_commission_bps) }}%</template>
      </el-table-column>
      <el-table-column :label="$t('comm.created')" width="150">
        <template #default="{ row }">{{ dateTime(row.created_at) }}</template>
      </el-table-column>
      <el-table-column :label="$t('common.actions')" width="150" align="center">
        <template #default="{ row }">
          <el-button link type="primary" @click="manage(row)" data-testid="community-manage">{{ $t('comm.manage') }}</el-button>
          <el-button link type="primary" @click="openAnnounce(row)" data-testid="community-announce">{{ $t('comm.announce') }}</el-button>
        </template>
      </el-table-column>
    </el-table>
    <el-pagination class="pager" background layout="total, prev, pager, next" :total="total"
                   :page-size="PER_PAGE" v-model:current-page="page" @current-change="refresh" />

    <el-dialog v-model="creating" :title="$t('comm.create')" width="520px">
      <el-form ref="createRef" :model="create" :rules="createRules" label-width="150px" @submit.prevent>
        <el-form-item :label="$t('comm.name')" prop="name"><el-input v-model="create.name" maxlength="60" data-testid="community-name" /></el-form-item>
        <el-form-item :label="$t('comm.owner_id')" prop="owner_id"><el-input-number v-model="create.owner_id" :min="1" :controls="false" data-testid="community-owner" /></el-form-item>
        <el-form-item :label="$t('comm.rate')"><el-input-number v-model="create.rate" :min="0" :max="100" :precision="2" data-testid="community-rate" /></el-form-item>
      </el-form>
      <template #footer>
        <el-button @click="creating = false">{{ $t('common.cancel') }}</el-button>
        <el-button type="primary" :loading="busy" @click="submitCreate" data-testid="community-create">{{ $t('common.confirm') }}</el-button>
      </template>
    </el-dialog>

    <el-drawer :model-value="current !== null" @update:model-value="current = null" size="860px"
               :title="current ? current.name : ''" data-testid="community-drawer">
      <el-tabs v-if="current" v-model="tab">
        <el-tab-pane :label="$t('comm.leaders')" name="leaders">
          <el-form :inline="true" @submit.prevent>
            <el-form-item :label="$t('comm.user_id')"><el-input-number v-model="invite.user_id" :min="1" :controls="false" data-testid="leader-user" /></el-form-item>
            <el-form-item :label="$t('comm.leader_rate')"><el-input-number v-model="invite.rate" :min="0" :max="100" :precision="2" :placeholder="$t('comm.leader_rate_hint')" :controls="false" /></el-form-item>
            <el-form-item><el-button type="primary" :disabled="!invite.user_id" :loading="busy" @click="inviteLeader" data-testid="leader-invite">{{ $t('comm.invite_leader') }}</el-button></el-form-item>
          </el-form>
          <el-table :data="leaders" data-testid="leaders-table">
            <el-table-column :label="$t('comm.leader')" min-width="120">
              <template #default="{ row }">{{ row.nickname }} <span class="muted">#{{ row.user_id }}</span></template>
            </el-table-column>
            <el-table-column :label="$t('comm.leader_rate')" width="110" align="right">
              <template #default="{ row }">{{ row.commission_bps === null ? $t('comm.rate_default', { n: pct(row.effective_bps) }) : pct(row.commission_bps) + '%' }}</template>
            </el-table-column>
            <el-table-column :label="$t('comm.point')" min-width="220">
              <template #default="{ row }">
                <template v-if="row.point">
                  <div>{{ row.point.name }} <el-tag size="small" :type="row.point.active ? 'success' : 'info'">{{ row.point.active ? $t('comm.active') : $t('comm.closed') }}</el-tag></div>
                  <div class="muted">{{ row.point.address }} · {{ row.point.opening_hours }}</div>
                </template>
                <span v-else class="muted">{{ $t('comm.point_none') }}</span>
              </template>
            </el-table-column>
            <el-table-column :label="$t('common.actions')" width="290" align="center">
              <template #default="{ row }">
                <el-button link type="primary" @click="openPoint(row)" data-testid="leader-point">{{ $t('comm.set_point') }}</el-button>
                <el-button link type="primary" @click="setRate(row)">{{ $t('comm.set_rate') }}</el-button>
                <el-button link type="primary" :disabled="!row.point" @click="pickList(row)" data-testid="leader-pick-list">{{ $t('comm.pick_list') }}</el-button>
                <el-button link type="danger" @click="removeLeader(row)">{{ $t('comm.remove') }}</el-button>
              </template>
            </el-table-column>
          </el-table>
        </el-tab-pane>
        <el-tab-pane :label="$t('comm.invitations')" name="invitations">
          <el-table :data="invitations" data-testid="invitations-table">
            <el-table-column prop="user_id" :label="$t('comm.user_id')" width="100" />
            <el-table-column :label="$t('comm.role')" width="90">
              <template #default="{ row }">{{ $t('comm.roles.' + row.role) }}</template>
            </el-table-column>
            <el-table-column :label="$t('comm.leader_rate')" width="110" align="right">
              <template #default="{ row }">{{ row.commission_bps === null ? '' : pct(row.commission_bps) + '%' }}</template>
            </el-table-column>
            <el-table-column :label="$t('comm.inv_status')" width="100">
              <template #default="{ row }">{{ $t('comm.inv_statuses.' + row.status) }}</template>
            </el-table-column>
            <el-table-column :label="$t('comm.created')" min-width="150">
              <template #default="{ row }">{{ dateTime(row.created_at) }}</template>
            </el-table-column>
          </el-table>
        </el-tab-pane>
      </el-tabs>
    </el-drawer>

    <el-dialog :model-value="pointFor !== null" @update:model-value="pointFor = null" width="520px"
               :title="$t('comm.set_point')">
      <el-form v-if="pointFor" ref="pointRef" :model="point" :rules="pointRules" label-width="100px" @submit.prevent>
        <el-form-item :label="$t('comm.point_name')" prop="name"><el-input v-model="point.name" maxlength="60" data-testid="point-name" /></el-form-item>
        <el-form-item :label="$t('comm.address')" prop="address"><el-input v-model="point.address" maxlength="200" data-testid="point-address" /></el-form-item>
        <el-form-item :label="$t('comm.hours')" prop="opening_hours"><el-input v-model="point.opening_hours" maxlength="100" data-testid="point-hours" /></el-form-item>
        <el-form-item :label="$t('comm.active')"><el-switch v-model="point.active" /></el-form-item>
      </el-form>
      <template #footer>
        <el-button @click="pointFor = null">{{ $t('common.cancel') }}</el-button>
        <el-button type="primary" :loading="busy" @click="savePoint" data-testid="point-save">{{ $t('comm.save') }}</el-button>
      </template>
    </el-dialog>

    <el-dialog :model-value="announcing !== null" @update:model-value="announcing = null" width="560px"
               :title="announcing ? $t('comm.announce') + ' · ' + announcing.name : ''">
      <el-form v-if="announcing" ref="announceRef" :model="note" :rules="noteRules" label-width="60px" @submit.prevent>
        <el-form-item :label="$t('comm.title')" prop="title"><el-input v-model="note.title" maxlength="80" show-word-limit data-testid="announce-title" /></el-form-item>
        <el-form-item :label="$t('comm.body')" prop="body"><el-input v-model="note.body" type="textarea" :rows="5" maxlength="2000" show-word-limit data-testid="announce-body" /></el-form-item>
      </el-form>
      <template #footer>
        <el-button @click="announcing = null">{{ $t('common.cancel') }}</el-button>
        <el-button type="primary" :loading="busy" @click="announce" data-testid="announce-send">{{ $t('comm.send') }}</el-button>
      </template>
    </el-dialog>
  </el-card>`,
};
