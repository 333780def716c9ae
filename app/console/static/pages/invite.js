// #/invite/<token>: who invites you as what; accept with a login, a
// password and a nickname, then sign in.
import { api, errorText, dateTime } from "../api.js";
import { load } from "../session.js";
import { firstAllowed } from "../menu.js";
import { t } from "../i18n.js";

const { ref, reactive, computed, onMounted } = Vue;
const { useRouter, useRoute } = VueRouter;

export default {
  setup() {
    const router = useRouter();
    const token = useRoute().params.token;
    const invite = ref(null);
    const problem = ref("");
    const error = ref("");
    const busy = ref(false);
    const formRef = ref(null);
    const form = reactive({ nickname: "", login: "", password: "" });
    const rules = computed(() => ({
      nickname: [{ required: true, message: t("invite.nickname_required"), trigger: "blur" }],
      login: [{ required: true, message: t("invite.login_required"), trigger: "blur" }],
      password: [{ required: true, min: 8, message: t("invite.password_rule"), trigger: "blur" }],
    }));
    const path = `/api/v1/console/invites/${encodeURIComponent(token)}`;

    onMounted(async () => {
      try {
        invite.value = await api.get(path);
      } catch (err) {
        problem.value = errorText(err);
      }
    });

    async function submit() {
      error.value = "";
      if (!(await formRef.value.validate().catch(() => false))) return;
      busy.value = true;
      try {
        await api.post(`${path}/accept`, { ...form });
        ElementPlus.ElMessage.success(t("invite.accepted",
                                        { merchant: invite.value.merchant.name }));
        if (await load()) router.replace(firstAllowed());
        else router.replace({ path: "/signin", query: { login: form.login } });
      } catch (err) {
        error.value = errorText(err);
      } finally {
        busy.value = false;
      }
    }

    return { invite, problem, error, busy, form, formRef, rules, submit, dateTime };
  },
  template: `
  <div class="signin-page">
    <el-card class="signin-card" shadow="always" data-testid="invite-card">
      <div class="signin-head"><h1>{{ $t('invite.title') }}</h1></div>
      <el-result v-if="problem" icon="warning" :title="$t('invite.invalid')" :sub-title="problem" />
      <template v-else-if="invite">
        <p class="invite-intro" data-testid="invite-intro">{{ $t('invite.intro', { merchant: invite.merchant.name, role: $t('roles.' + invite.role) }) }}</p>
        <p class="muted">{{ $t('invite.expires', { at: dateTime(invite.expires_at) }) }}</p>
        <el-form ref="formRef" :model="form" :rules="rules" label-position="top"
                 @submit.prevent="submit">
          <el-form-item :label="$t('invite.nickname')" prop="nickname">
            <el-input v-model="form.nickname" name="nickname" maxlength="32" />
          </el-form-item>
          <el-form-item :label="$t('invite.login')" prop="login">
            <el-input v-model="form.login" name="login" autocomplete="username" />
          </el-form-item>
          <el-form-item :label="$t('invite.password')" prop="password">
            <el-input v-model="form.password" name="password" type="password" show-password
                      autocomplete="new-password" />
          </el-form-item>
          <el-alert v-if="error" :title="error" type="error" show-icon :closable="false"
                    class="signin-error" data-testid="invite-error" />
          <el-button type="primary" native-type="submit" :loading="busy" class="signin-submit"
                     data-testid="invite-accept">{{ $t('invite.accept') }}</el-button>
        </el-form>
      </template>
    </el-card>
  </div>`,
};
