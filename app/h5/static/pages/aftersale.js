// 售后详情: one request as the server keeps it: status, the amounts (asked,
// the merchant's proposal, agreed, what the refund gives), the merchant's
// answer, photos, the return address and the timeline. The buyer's moves
// are offered in the states the server names for them (cancel while
// requested or approved, ship an approved return, accept a proposal); the
// server decides, and its refusals are shown in words.
import { api, showError } from "../api.js";
import { price, dateTime } from "../format.js";
import { t } from "../i18n.js";
import { saleError } from "./aftersale-words.js";

const { ref, reactive, computed, onMounted } = Vue;
const RETURNS = ["return_refund", "exchange"];

export default {
  setup() {
    const route = VueRouter.useRoute();
    const id = route.params.id;
    const sale = ref(null);
    const form = ref(null);
    const parcel = reactive({ carrier: "", tracking_no: "" });
    async function load() {
      try {
        sale.value = await api.get(`/mp/v1/after-sales/${id}`);
        if (!form.value) {  // the reason's words, and where a return goes
          form.value = await api.get(`/mp/v1/orders/${sale.value.order_id}/after-sale-form`);
        }
      } catch (err) {
        showError(err);
      }
    }
    onMounted(load);
    async function act(path, body, question) {
      if (question) {
        try {
          await vant.showConfirmDialog({ message: question });
        } catch (cancelled) {
          return;
        }
      }
      try {
        sale.value = await api.post(`/mp/v1/after-sales/${id}/${path}`, body);
      } catch (err) {
        vant.showToast({ message: saleError(err), wordBreak: "break-word" });
      }
    }
    const cancel = () => act("cancel", {}, t("aftersale.cancel_question"));
    const accept = () => act("accept-amount", {},
                             t("aftersale.accept_question", { amount: price(sale.value.proposed_fen) }));
    const ship = () => act("ship", { carrier: parcel.carrier.trim(),
                                     tracking_no: parcel.tracking_no.trim() });
    const canCancel = computed(() => sale.value && ["requested", "approved"].includes(sale.value.status));
    const canShip = computed(() => sale.value && sale.value.status === "approved"
                             && RETURNS.includes(sale.value.kind));
    const canAccept = computed(() => sale.value && sale.value.status === "requested"
                               && sale.value.proposed_fen !== null && sale.value.agreed_fen === null);
    const reason = computed(() => {
      const found = form.value && form.value.reasons.find((r) => r.code === sale.value.reason_code);
      return found ? found.label : sale.value.reason_code;
    });
    return { sale, form, parcel, cancel, accept, ship, canCancel, canShip, canAccept, reason,
             price, dateTime };
  },
  template: `
    <van-nav-bar :title="$t('aftersale.title')" left-arrow @click-left="$router.push('/after-sales')" />
    <van-loading v-if="!sale" class="page-loading" />
    <template v-else>
      <div class="order-banner">
        <div class="order-banner-status" data-testid="aftersale-status">{{ $t('aftersale.status.' + sale.status) }}</div>
        <div v-if="sale.deadline_at" data-testid="aftersale-deadline">
          {{ $t('aftersale.deadline.' + sale.status, { at: dateTime(sale.deadline_at) }) }}</div>
      </div>
      <van-cell-group class="panel">
        <van-cell :title="$t('aftersale.kind_title')" :value="$t('aftersale.kinds.' + sale.kind)" />
        <van-cell :title="$t('aftersale.order_title')" :value="$t('aftersale.order', { id: sale.order_id })"
                  is-link :to="'/orders/' + sale.order_id" />
        <van-cell :title="$t('aftersale.reason_title')" :value="reason" data-testid="aftersale-reason" />
        <van-cell :title="$t('aftersale.asked')" :value="price(sale.asked_fen)" data-testid="aftersale-asked" />
        <van-cell v-if="sale.proposed_fen !== null" :title="$t('aftersale.proposed')"
                  :value="price(sale.proposed_fen)" data-testid="aftersale-proposed" />
        <van-cell v-if="sale.agreed_fen !== null" :title="$t('aftersale.agreed')"
                  :value="price(sale.agreed_fen)" data-testid="aftersale-agreed" />
        <van-cell :title="$t('aftersale.refund_amount')" :value="price(sale.amount_fen)"
                  value-class="price" data-testid="aftersale-amount" />
        <van-cell v-if="sale.reject_reason" :title="$t('aftersale.reject_reason')"
                  :label="sale.reject_reason" data-testid="aftersale-answer" />
        <van-cell v-if="sale.description" :title="$t('aftersale.description')" :label="sale.description" />
        <van-cell v-if="sale.return_tracking_no" :title="$t('aftersale.parcel')"
                  :value="sale.return_carrier + ' ' + sale.return_tracking_no" data-testid="aftersale-parcel" />
      </van-cell-group>
      <div v-if="sale.photos.length" class="panel aftersale-photos" data-testid="aftersale-photos">
        <van-image v-for="p in sale.photos" :key="p.id" :src="p.thumb_url" width="72" height="72" fit="cover" />
      </div>
      <van-cell-group v-if="canShip" class="panel" :title="$t('aftersale.ship_title')" data-testid="aftersale-ship">
        <van-cell v-if="form && form.return_address" :title="form.return_recipient + ' ' + form.return_phone"
                  :label="form.return_address" icon="location-o" />
        <van-field v-model="parcel.carrier" :label="$t('aftersale.carrier')" maxlength="40"
                   :placeholder="$t('aftersale.carrier_placeholder')" data-testid="parcel-carrier" />
        <van-field v-model="parcel.tracking_no" :label="$t('aftersale.tracking_no')" maxlength="64"
                   data-testid="parcel-number" />
        <div class="page-actions"><van-button round block type="primary" @click="ship"
                    data-testid="parcel-submit">{{ $t('aftersale.ship') }}</van-button></div>
      </van-cell-group>
      <section class="panel" data-testid="aftersale-timeline">
        <van-steps direction="vertical" :active="sale.timeline.length - 1">
          <van-step v-for="(e, i) in sale.timeline" :key="i">
            <div>{{ $t('aftersale.actions.' + e.action) }}
              <span v-if="e.amount_fen !== null" class="price">{{ price(e.amount_fen) }}</span></div>
            <div v-if="e.note" class="muted">{{ e.note }}</div>
            <div class="muted">{{ dateTime(e.at) }}</div>
          </van-step>
        </van-steps>
      </section>
      <div class="action-bar-space"></div>
      <div class="order-actions" v-if="canCancel || canAccept">
        <van-button v-if="canCancel" round size="small" @click="cancel"
                    data-testid="aftersale-cancel">{{ $t('aftersale.cancel') }}</van-button>
        <van-button v-if="canAccept" round size="small" type="primary" @click="accept"
                    data-testid="aftersale-accept">{{ $t('aftersale.accept') }}</van-button>
      </div>
    </template>`,
};
