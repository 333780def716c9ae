// 员工与角色: the merchant's staff (GET .../staff), an invitation with a
// link to copy (POST .../staff-invites), and removing a role.
import { api, showError, dateTime, absolute, copyText } from "../api.js";
import { session } from "../session.js";
import { t } from "../i18n.js";

const { ref, reactive, computed, onMounted } = Vue;
// what an owner may grant by invitation; room and community roles name their scope
export const INVITABLE_ROLES = ["merchant_operator", "merchant_finance", "live_host",
                                "room_assistant", "community_leader"];
const SCOPED = { live_host: "room", room_assistant: "room", community_leader: "community" };

export default {
  setup() {
    const rows = ref([]);
    const loading = ref(false);
    const dialog = ref(false);
    const link = ref(null);
    const busy = ref(false);
    const formRef = ref(null);
    const form = reactive({ role: "merchant_operator", scope_id: null, note: "" });
    const scope = computed(() => SCOPED[form.role] || null);
    const rules = computed(() => ({
      role: [{ required: true, message: t("staff.role_required"), trigger: "change" }],
      scope_id: [{ required: scope.value !== null, type: "integer", min: 1,
                   message: t("staff.scope_required"), trigger: "blur" }] }));
    const base = () => `/api/v1/merchants/${session.merchantId}`;

    async function refresh() {
      loading.value = true;
      try {
        const body = await api.get(`${base()}/staff`);
        // one row per role a person holds here
        rows.value = (Array.isArray(body) ? body : body.items).flatMap((person) =>
          person.roles.map((r) => ({ ...r, user_id: person.user_id, nickname: person.nickname,
                                     login: person.login })));
      } catch (err) {
        showError(err);
      } finally {
        loading.value = false;
      }
    }

    function openInvite() {
      link.value = null;
      Object.assign(form, { role: "merchant_operator", scope_id: null, note: "" });
      dialog.value = true;
    }

    async function createInvite() {
      if (!(await formRef.value.validate().catch(() => false))) return;
      busy.value = true;
      try {
        const body = { role: form.role, note: form.note };
        if (scope.value) body.scope_id = form.scope_id;
        const made = await api.post(`${base()}/staff-invites`, body);
        link.value = { ...made, url: absolute(made.url) };
      } catch (err) {
        showError(err);
      } finally {
        busy.value = false;
      }
    }

    const copy = () => copyText(link.value.url);

    async function revoke(row) {
      try {
        await ElementPlus.ElMessageBox.confirm(
          t("staff.revoke_confirm", { name: row.nickname, role: t(`roles.${row.role}`) }),
          t("staff.revoke"), { type: "warning", confirmButtonText: t("common.confirm"),
                               cancelButtonText: t("common.cancel") });
      } catch (cancelled) {
        return;
      }
      try {
        await api.del(`${base()}/staff/${row.user_id}/roles/${row.role}`);
        ElementPlus.ElMessage.success(t("staff.revoked"));
        refresh();
      } catch (err) {
        showError(err);
      }
    }

    onMounted(refresh);
    return { rows, loading, dialog, link, busy, form, formRef, rules, scope, INVITABLE_ROLES,
             openInvite, createInvite, copy, revoke, dateTime };
  },
  template: `
  <el-card shadow="never">
    <div class="toolbar">
      <el-button type="primary" :icon="'Plus'" @click="openInvite" data-testid="invite-open">{{ $t('staff.invite') }}</el-button>
    </div>
    <el-table :data="rows" v-loading="loading" data-testid="staff-table" stripe>
      <el-table-column prop="nickname" :label="$t('staff.name')" min-width="160" />
      <el-table-column prop="login" :label="$t('staff.login')" min-width="140" />
      <el-table-column :label="$t('staff.role')" width="160">
        <template #default="{ row }"><el-tag>{{ $t('roles.' + row.role) }}</el-tag></template>
      </el-table-column>
      <el-table-column :label="$t('staff.scope')" min-width="160">
        <template #default="{ row }">{{ row.scope_name }}</template>
      </el-table-column>
      <el-table-column :label="$t('common.actions')" width="120" align="center">
        <template #default="{ row }">
          <el-button v-if="row.role !== 'merchant_owner'" link type="danger" @click="revoke(row)">{{ $t('staff.revoke') }}</el-button>
        </template>
      </el-table-column>
    </el-table>
    <el-dialog v-model="dialog" :title="$t('staff.invite_title')" width="520px">
      <el-form ref="formRef" :model="form" :rules="rules" label-width="auto" v-if="!link">
        <el-form-item :label="$t('staff.role')" prop="role">
          <el-select v-model="form.role" data-testid="invite-role">
            <el-option v-for="r in INVITABLE_ROLES" :key="r" :value="r" :label="$t('roles.' + r)" />
          </el-select>
        </el-form-item>
        <el-form-item v-if="scope" :label="$t('staff.scope_' + scope)" prop="scope_id">
          <el-input-number v-model="form.scope_id" :min="1" :controls="false" data-testid="invite-scope" />
        </el-form-item>
        <el-form-item :label="$t('staff.note')" prop="note">
          <el-input v-model="form.note" maxlength="60" show-word-limit data-testid="invite-note" />
        </el-form-item>
      </el-form>
      <div v-else class="invite-result">
        <p class="muted">{{ $t('staff.invite_hint') }}</p>
        <el-input :model-value="link.url" readonly data-testid="invite-link">
          <template #append><el-button :icon="'CopyDocument'" @click="copy">{{ $t('common.copy') }}</el-button></template>
        </el-input>
        <p class="muted">{{ $t('staff.invite_expires', { at: dateTime(link.expires_at) }) }}</p>
      </div>
      <template #footer>
        <el-button @click="dialog = false">{{ link ? $t('common.confirm') : $t('common.cancel') }}</el-button>
        <el-button v-if="!link" type="primary" :loading="busy" @click="createInvite" data-testid="invite-create">{{ $t('staff.create_link') }}</el-button>
      </template>
    </el-dialog>
  </el-card>`,
};
