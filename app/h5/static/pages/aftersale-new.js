// 申请售后: from an order, ask for a refund only or a return and refund:
// which lines and how many units, a reason from the merchant's list, words,
// photos (POST /mp/v1/uploads, purpose after_sale) and an amount. The form
// (GET /mp/v1/orders/<id>/after-sale-form) says per line the units each kind
// allows now, an open request, and what 1, 2, ... units give back at most:
// the page offers those and shows the cap of the units chosen. Left empty,
// the amount is that cap; the server checks everything again and its
// refusals are shown in words.
import { api, showError, token } from "../api.js";
import { price } from "../format.js";
import { t } from "../i18n.js";
import { saleError } from "./aftersale-words.js";

const { ref, reactive, computed, onMounted } = Vue;
const KINDS = ["refund_only", "return_refund"];

// "12.3" yuan -> 1230 fen, or null for what is not an amount of money
export function toFen(text) {
  const match = /^\s*(\d{1,9})(?:\.(\d{1,2}))?\s*$/.exec(text);
  return match ? Number(match[1]) * 100 + Number((match[2] || "").padEnd(2, "0")) : null;
}

async function upload(file) {
  const body = new FormData();
  body.append("purpose", "after_sale");
  body.append("file", file);
  const response = await fetch("/mp/v1/uploads", {
    method: "POST", body, credentials: "omit",
    headers: { Accept: "application/json", Authorization: `Bearer ${token.get()}` } });
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (data && data.error) || {};
    throw Object.assign(new Error(error.message || response.statusText),
                        { code: error.code, details: error.details || {} });
  }
  return data;
}

export default {
  setup() {
    const route = VueRouter.useRoute();
    const router = VueRouter.useRouter();
    const id = route.params.id;
    const form = ref(null);
    const ask = reactive({ kind: "refund_only", reason: "", description: "", amount: "",
                           lines: {}, photos: [] });
    const sending = ref(false);
    onMounted(async () => {
      try {
        const f = await api.get(`/mp/v1/orders/${id}/after-sale-form`);
        const free = f.lines.filter((line) => !line.open && line.units[ask.kind] > 0);
        for (const line of f.lines) {
          ask.lines[line.line_id] = { on: free.length === 1 && free[0] === line,
                                      quantity: Math.max(1, line.units[ask.kind]) };
        }
        form.value = f;
      } catch (err) {
        showError(err);
      }
    });
    async function afterRead(items) {
      await Promise.all([].concat(items).map(uploadOne));
    }
    async function uploadOne(item) {
      item.status = "uploading";
      try {
        const made = await upload(item.file);
        item.status = "done";
        item.key = made.id;
      } catch (err) {
        item.status = "failed";
        item.message = saleError(err);
      }
    }
    // a line may be chosen for this kind: the form's units, no open request
    const usable = (line) => !line.open && line.units[ask.kind] > 0;
    const chosen = () => form.value.lines.filter((line) => usable(line) && ask.lines[line.line_id].on)
      .map((line) => ({ line, quantity: Math.min(ask.lines[line.line_id].quantity,
                                                 line.units[ask.kind]) }));
    // the form's caps of the chosen units, summed (null: nothing chosen)
    const cap = computed(() => {
      if (!form.value) return null;
      const picked = chosen();
      return picked.length ? picked.reduce((sum, p) => sum + p.line.caps_fen[p.quantity - 1], 0)
        : null;
    });
    function lineNote(line) {
      if (line.open) return t("aftersale.line_open");
      if (!line.units[ask.kind]) return t("aftersale.line_refused");
      return t("aftersale.line_units", { n: line.units[ask.kind] });
    }
    async function submit() {
      const lines = chosen().map((p) => ({ line_id: p.line.line_id, quantity: p.quantity }));
      if (!lines.length) return vant.showToast(saleError({ code: "pick_lines" }));
      if (!ask.reason) return vant.showToast(saleError({ code: "pick_reason" }));
      const body = { kind: ask.kind, lines, reason_code: ask.reason,
                     description: ask.description,
                     photos: ask.photos.filter((p) => p.status === "done").map((p) => p.key) };
      if (ask.amount.trim()) {
        const fen = toFen(ask.amount);
        if (fen === null) return vant.showToast(saleError({ code: "amount_format" }));
        body.amount_fen = fen;
      }
      sending.value = true;
      try {
        const made = await api.post(`/mp/v1/orders/${id}/after-sales`, body);
        vant.closeToast();
        router.replace(`/after-sales/${made.id}`);
      } catch (err) {
        vant.showToast({ message: saleError(err), wordBreak: "break-word" });
      } finally {
        sending.value = false;
      }
    }
    return { form, ask, sending, KINDS, afterRead, submit, price, usable, cap, lineNote };
  },
  template: `
    <van-nav-bar :title="$t('aftersale.ask')" left-arrow @click-left="$router.back()" />
    <van-loading v-if="!form" class="page-loading" />
    <template v-else>
      <van-cell-group class="panel" :title="$t('aftersale.kind_title')">
        <van-radio-group v-model="ask.kind" data-testid="aftersale-kind">
          <van-cell v-for="k in KINDS" :key="k" :title="$t('aftersale.kinds.' + k)" clickable
                    @click="ask.kind = k"><template #right-icon><van-radio :name="k" /></template></van-cell>
        </van-radio-group>
      </van-cell-group>
      <van-cell-group class="panel" :title="$t('aftersale.lines_title')">
        <van-cell v-for="line in form.lines" :key="line.line_id" :label="lineNote(line)"
                  :data-testid="'aftersale-line-' + line.line_id">
          <template #title>
            <van-checkbox v-model="ask.lines[line.line_id].on" shape="square"
                          :disabled="!usable(line)">
              {{ line.title }} <span class="muted">{{ line.spec }}</span></van-checkbox>
          </template>
          <template #value>
            <van-stepper v-if="usable(line)" v-model="ask.lines[line.line_id].quantity" :min="1"
                         :max="line.units[ask.kind]" integer :disabled="!ask.lines[line.line_id].on" />
          </template>
        </van-cell>
      </van-cell-group>
      <van-cell-group class="panel" :title="$t('aftersale.reason_title')">
        <van-radio-group v-model="ask.reason" data-testid="aftersale-reasons">
          <van-cell v-for="r in form.reasons" :key="r.code" :title="r.label" clickable
                    :data-testid="'reason-' + r.code" @click="ask.reason = r.code">
            <template #right-icon><van-radio :name="r.code" /></template></van-cell>
        </van-radio-group>
      </van-cell-group>
      <van-cell-group class="panel">
        <van-field v-model="ask.amount" :label="$t('aftersale.amount')" type="number"
                   :placeholder="cap === null ? $t('aftersale.amount_placeholder')
                                   : $t('aftersale.amount_most', { cap: price(cap) })"
                   data-testid="aftersale-amount" />
        <van-field v-model="ask.description" :label="$t('aftersale.description')" type="textarea"
                   rows="2" maxlength="500" show-word-limit autosize
                   :placeholder="$t('aftersale.description_placeholder')"
                   data-testid="aftersale-description" />
        <van-field :label="$t('aftersale.photos')">
          <template #input>
            <van-uploader v-model="ask.photos" :after-read="afterRead" :max-count="9" multiple
                          accept="image/png,image/jpeg,image/webp" data-testid="aftersale-photos" />
          </template>
        </van-field>
      </van-cell-group>
      <div class="page-actions">
        <van-button round block type="primary" :loading="sending" @click="submit"
                    data-testid="aftersale-submit">{{ $t('aftersale.submit') }}</van-button>
      </div>
    </template>`,
};
