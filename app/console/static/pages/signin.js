// Sign-in: login + password, or a QR code scanned and confirmed in WeChat
// (the page long-polls the ticket until it is confirmed, then enters).
import { api, errorText } from "../api.js";
import { accept, load } from "../session.js";
import { t } from "../i18n.js";
import { firstAllowed } from "../menu.js";

const { ref, reactive, computed, onBeforeUnmount } = Vue;
const { useRouter, useRoute } = VueRouter;
const WAIT_S = 25;

function useQrTicket(enter) {
  const qr = reactive({ src: "", status: "", error: "" });
  let ticket = null;
  let stopped = false;
  let controller = null;

  async function start() {
    qr.src = ""; qr.status = ""; qr.error = "";
    try {
      const body = await api.post("/api/v1/console/login-tickets");
      ticket = body.ticket;
      qr.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(body.qr_svg)}`;
      qr.status = "pending";
      poll(ticket);
    } catch (err) {
      qr.error = errorText(err);
    }
  }

  async function poll(current) {
    while (!stopped && ticket === current) {
      controller = new AbortController();
      let body;
      try {
        const resp = await fetch(`/api/v1/console/login-tickets/${current}?wait=${WAIT_S}`,
                                 { credentials: "same-origin", signal: controller.signal });
        body = await resp.json();
        if (!resp.ok) throw Object.assign(new Error(body.error.message), body.error);
      } catch (err) {
        if (stopped || ticket !== current) return;
        qr.error = errorText(err);
        return;
      }
      if (ticket !== current) return;
      qr.status = body.status;
      if (body.status === "confirmed") return enter(body);
      if (body.status === "expired" || body.status === "used") return;
    }
  }

  function stop() {
    stopped = true;
    ticket = null;
    if (controller) controller.abort();
  }

  return { qr, start, stop, restart: () => { stopped = false; start(); } };
}

export default {
  setup() {
    const router = useRouter();
    const route = useRoute();
    const tab = ref("password");
    const form = reactive({ login: String(route.query.login || ""), password: "" });
    const formRef = ref(null);
    const busy = ref(false);
    const error = ref("");
    const rules = computed(() => ({
      login: [{ required: true, message: t("signin.login_required"), trigger: "blur" }],
      password: [{ required: true, message: t("signin.password_required"), trigger: "blur" }],
    }));

    async function enter(body) {
      if (body && body.permissions) accept(body);
      else await load();
      const next = route.query.next;
      router.replace(typeof next === "string" && next.startsWith("/") && next !== "/signin"
        ? next : firstAllowed());
    }

    const { qr, start, stop, restart } = useQrTicket(enter);
    onBeforeUnmount(stop);

    async function submit() {
      error.value = "";
      if (!(await formRef.value.validate().catch(() => false))) return;
      busy.value = true;
      try {
        await api.post("/api/v1/console/session", { login: form.login, password: form.password });
        await enter(null);
      } catch (err) {
        error.value = errorText(err);
      } finally {
        busy.value = false;
      }
    }

    function onTab(name) {
      if (name === "qr") restart();
      else stop();
    }

    return { tab, form, formRef, rules, busy, error, submit, qr, onTab, restart };
  },
  template: `
  <div class="signin-page">
    <el-card class="signin-card" shadow="always">
      <div class="signin-head">
        <h1>{{ $t('signin.title') }}</h1>
        <p>{{ $t('signin.subtitle') }}</p>
      </div>
      <el-tabs v-model="tab" @tab-change="onTab" stretch>
        <el-tab-pane :label="$t('signin.password_tab')" name="password">
          <el-form ref="formRef" :model="form" :rules="rules" label-position="top"
                   @submit.prevent="submit" data-testid="signin-form">
            <el-form-item :label="$t('signin.login')" prop="login">
              <el-input v-model="form.login" name="login" autocomplete="username" size="large">
                <template #prefix><el-icon><User /></el-icon></template>
              </el-input>
            </el-form-item>
            <el-form-item :label="$t('signin.password')" prop="password">
              <el-input v-model="form.password" name="password" type="password" show-password
                        autocomplete="current-password" size="large" @keyup.enter="submit">
                <template #prefix><el-icon><Lock /></el-icon></template>
              </el-input>
            </el-form-item>
            <el-alert v-if="error" :title="error" type="error" show-icon :closable="false"
                      class="signin-error" data-testid="signin-error" />
            <el-button type="primary" native-type="submit" size="large" :loading="busy"
                       class="signin-submit" data-testid="signin-submit">{{ $t('signin.submit') }}</el-button>
          </el-form>
        </el-tab-pane>
        <el-tab-pane :label="$t('signin.qr_tab')" name="qr">
          <div class="qr-box" data-testid="qr-box">
            <img v-if="qr.src" :src="qr.src" alt="QR" class="qr-image"
                 :class="{ faded: qr.status === 'expired' || qr.status === 'used' }" />
            <p v-if="qr.status === 'scanned'" class="qr-status">{{ $t('signin.qr_scanned') }}</p>
            <template v-else-if="qr.status === 'expired' || qr.status === 'used' || qr.error">
              <p class="qr-status">{{ qr.error || $t('signin.qr_expired') }}</p>
              <el-button @click="restart" :icon="'Refresh'">{{ $t('signin.qr_refresh') }}</el-button>
            </template>
            <p v-else class="qr-status">{{ $t('signin.qr_hint') }}</p>
          </div>
        </el-tab-pane>
      </el-tabs>
    </el-card>
  </div>`,
};
