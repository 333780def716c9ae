// 商户管理 (platform admins): every merchant, a new one with its owner's
// invitation link, suspend and resume.
import { api, showError, dateTime, absolute, copyText } from "../api.js";
import { usePaged, PER_PAGE } from "../paged.js";
import { t } from "../i18n.js";

const { ref, reactive, computed, onMounted } = Vue;

export default {
  setup() {
    const { rows, total, page, loading, refresh } = usePaged("/api/v1/platform/merchants");
    const dialog = ref(false);
    const created = ref(null);
    const busy = ref(false);
    const formRef = ref(null);
    const form = reactive({ name: "" });
    const rules = computed(() => ({
      name: [{ required: true, message: t("platform.name_required"), trigger: "blur" }] }));


    function openCreate() {
      created.value = null;
      form.name = "";
      dialog.value = true;
    }

    async function create() {
      if (!(await formRef.value.validate().catch(() => false))) return;
      busy.value = true;
      try {
        created.value = await api.post("/api/v1/platform/merchants", { ...form });
        ElementPlus.ElMessage.success(t("platform.created_ok"));
        refresh();
      } catch (err) {
        showError(err);
      } finally {
        busy.value = false;
      }
    }

    async function toggle(row) {
      const action = row.status === "active" ? "suspend" : "resume";
      let reason;
      try {  // both ask why (kept as the merchant's status reason)
        const { value } = await ElementPlus.ElMessageBox.prompt(
          t(`platform.${action}_confirm`, { name: row.name }), t(`platform.${action}`),
          { type: action === "suspend" ? "warning" : "info",
            confirmButtonText: t("common.confirm"), cancelButtonText: t("common.cancel"),
            inputPlaceholder: t("platform.reason"),
            inputValidator: (v) => Boolean(v && v.trim()) || t("platform.reason_required") });
        reason = value.trim();
      } catch (cancelled) {
        return;
      }
      try {
        await api.post(`/api/v1/platform/merchants/${row.id}/${action}`, { reason });
        refresh();
      } catch (err) {
        showError(err);
      }
    }

    const inviteUrl = computed(() => created.value && absolute(created.value.invite.url));

    onMounted(refresh);
    return { rows, total, page, loading, dialog, created, inviteUrl, busy, form, formRef,
             rules, refresh, openCreate, create, toggle, dateTime, copyText, PER_PAGE };
  },
  template: `
  <el-card shadow="never">
    <div class="toolbar">
      <el-button type="primary" :icon="'Plus'" @click="openCreate" data-testid="merchant-create-open">{{ $t('platform.create') }}</el-button>
    </div>
    <el-table :data="rows" v-loading="loading" data-testid="merchants-table" stripe>
      <el-table-column prop="id" label="ID" width="80" />
      <el-table-column prop="name" :label="$t('platform.name')" min-width="200" />
      <el-table-column prop="status_reason" :label="$t('platform.reason')" min-width="160" />
      <el-table-column :label="$t('platform.status')" width="120">
        <template #default="{ row }">
          <el-tag :type="row.status === 'active' ? 'success' : 'info'">{{ $t('status.' + row.status) }}</el-tag>
        </template>
      </el-table-column>
      <el-table-column :label="$t('platform.created')" width="170">
        <template #default="{ row }">{{ dateTime(row.created_at) }}</template>
      </el-table-column>
      <el-table-column :label="$t('common.actions')" width="120" align="center">
        <template #default="{ row }">
          <el-button link :type="row.status === 'active' ? 'danger' : 'primary'" @click="toggle(row)"
                     :data-action="row.status === 'active' ? 'suspend' : 'resume'">{{ row.status === 'active' ? $t('platform.suspend') : $t('platform.resume') }}</el-button>
        </template>
      </el-table-column>
    </el-table>
    <el-pagination class="pager" background layout="total, prev, pager, next" :total="total"
                   :page-size="PER_PAGE" v-model:current-page="page" @current-change="refresh" />
    <el-dialog v-model="dialog" :title="$t('platform.create')" width="520px">
      <el-form v-if="!created" ref="formRef" :model="form" :rules="rules" label-width="auto"
               @submit.prevent="create">
        <el-form-item :label="$t('platform.name')" prop="name">
          <el-input v-model="form.name" maxlength="60" data-testid="merchant-name" />
        </el-form-item>
      </el-form>
      <div v-else class="invite-result">
        <p class="muted">{{ $t('platform.created_ok') }}</p>
        <el-input :model-value="inviteUrl" readonly data-testid="owner-invite-link">
          <template #prepend>{{ $t('platform.owner_invite') }}</template>
          <template #append><el-button :icon="'CopyDocument'" @click="copyText(inviteUrl)">{{ $t('common.copy') }}</el-button></template>
        </el-input>
      </div>
      <template #footer>
        <el-button @click="dialog = false">{{ created ? $t('common.confirm') : $t('common.cancel') }}</el-button>
        <el-button v-if="!created" type="primary" :loading="busy" @click="create" data-testid="merchant-create">{{ $t('common.confirm') }}</el-button>
      </template>
    </el-dialog>
  </el-card>`,
};
