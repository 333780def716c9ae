// One after-sale request in a drawer (GET .../after-sales/<id>, its order's
// lines and the merchant's reasons): kind, reason, photos, lines, amounts,
// the buyer's return parcel, the timeline; and the moves the server lists
// in `actions` (approve, reject with a reason, propose a lower amount,
// confirm the returned goods, ship the exchange), each one POST.
import { api, showError, dateTime, yuan } from "../api.js";
import { session } from "../session.js";
import { extend, t } from "../i18n.js";
import { loadCarriers, carrierName } from "./carriers.js";

extend({
  "zh-CN": {
    aftersales: {
      title: "售后单 {id}", reason: "原因", description: "买家说明", photos: "凭证图片",
      lines: "售后商品", quantity: "数量", cap: "最多可退 (元)", asked: "申请金额 (元)",
      proposed: "商家提议 (元)", agreed: "同意金额 (元)", return_parcel: "买家退货物流",
      reject_reason: "拒绝原因", deadline: "处理截止", timeline: "处理记录",
      approve: "同意", reject: "拒绝", propose: "提议金额", confirm_receipt: "确认收货",
      ship_exchange: "换货发货", submit: "确定", done: "已处理",
      approve_hint: "同意后，仅退款申请将立即原路退款；退货或换货申请等待买家寄回",
      amount_yuan: "金额 (元)", amount_hint: "不超过 {cap} 元", amount_invalid: "请填写正数金额，最多两位小数",
      reason_required: "请填写拒绝原因", parcel_required: "请选择快递公司并填写快递单号", restock: "退回的商品重新入库",
      actors: { buyer: "买家", merchant: "商家", system: "系统" },
      actions: { requested: "提交申请", approved: "同意申请", approved_by_deadline: "超时自动同意",
                 rejected: "拒绝申请", proposed_amount: "提议退款金额", accepted_amount: "接受提议金额",
                 shipped_return: "寄回商品", confirmed_receipt: "确认收到退货",
                 refund_requested: "发起退款", refunded: "退款成功",
                 refunded_by_deadline: "超时自动退款", shipped_exchange: "换货已发出",
                 cancelled: "撤销申请", closed_by_deadline: "超时关闭", closed_no_refund: "已关闭" },
    },
    errors: {
      after_sale_not_found: "售后单不存在", after_sale_illegal_transition: "售后单当前状态不能执行此操作",
      after_sale_amount_too_high: "金额超过可退金额", refund_exceeds_paid: "退款金额超过实付金额",
    },
  },
  en: {
    aftersales: {
      title: "After-sale {id}", reason: "Reason", description: "Buyer's note", photos: "Photos",
      lines: "Items", quantity: "Qty", cap: "At most (yuan)", asked: "Asked (yuan)",
      proposed: "Proposed (yuan)", agreed: "Agreed (yuan)", return_parcel: "Buyer's return parcel",
      reject_reason: "Rejected because", deadline: "Deadline", timeline: "History",
      approve: "Approve", reject: "Reject", propose: "Propose an amount",
      confirm_receipt: "Confirm receipt", ship_exchange: "Ship the exchange", submit: "OK",
      done: "Done",
      approve_hint: "A refund-only request is refunded at once; a return or exchange waits for the buyer's parcel",
      amount_yuan: "Amount (yuan)", amount_hint: "At most {cap}",
      amount_invalid: "A positive amount, two decimals at most",
      reason_required: "Give a reason", parcel_required: "Choose a carrier and enter the number", restock: "Put the returned goods back in stock",
      actors: { buyer: "Buyer", merchant: "Merchant", system: "System" },
      actions: { requested: "Asked", approved: "Approved", approved_by_deadline: "Approved (deadline)",
                 rejected: "Rejected", proposed_amount: "Proposed an amount",
                 accepted_amount: "Accepted the amount", shipped_return: "Shipped the return",
                 confirmed_receipt: "Confirmed receipt", refund_requested: "Refund started",
                 refunded: "Refunded", refunded_by_deadline: "Refunded (deadline)",
                 shipped_exchange: "Exchange shipped", cancelled: "Cancelled",
                 closed_by_deadline: "Closed (deadline)", closed_no_refund: "Closed" },
    },
    errors: {
      after_sale_not_found: "No such after-sale request",
      after_sale_illegal_transition: "Not possible in the request's state",
      after_sale_amount_too_high: "More than the request may refund",
      refund_exceeds_paid: "More than was paid",
    },
  },
});

const { ref, reactive } = Vue;
const PATHS = { approve: "approve", reject: "reject", propose: "propose",
                confirm_receipt: "confirm-receipt", ship_exchange: "ship-exchange" };

// "12.5" -> 1250 fen; anything but a positive amount with at most two decimals -> null
export function fenOf(text) {
  const match = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(String(text).trim());
  if (!match) return null;
  const fen = Number(match[1]) * 100 + Number((match[2] || "").padEnd(2, "0"));
  return fen > 0 ? fen : null;
}

export default {
  emits: ["changed"],
  setup(props, { emit, expose }) {
    const drawer = ref(false);
    const sale = ref(null);
    const titles = ref({});
    const reasons = ref({});
    const carriers = ref([]);
    const dialog = ref(false);
    const busy = ref(false);
    const move = reactive({ action: "", amount: "", reason: "", restock: true, carrier: "",
                            tracking_no: "", error: "" });
    const base = () => `/api/v1/merchants/${session.merchantId}`;

    async function open(id) {
      try {
        const got = await api.get(`${base()}/after-sales/${id}`);
        const [order, settings, list] = await Promise.all([
          api.get(`${base()}/orders/${got.order_id}`),
          api.get(`${base()}/after-sale-settings`), loadCarriers()]);
        carriers.value = list;
        titles.value = Object.fromEntries(order.lines.map((l) =>
          [l.id, `${l.title} ${l.spec || ""}`.trim()]));
        reasons.value = Object.fromEntries(settings.reasons.map((r) => [r.code, r.label]));
        sale.value = got;
        drawer.value = true;
      } catch (err) {
        showError(err);
      }
    }
    expose({ open });

    const carrierOf = (code) => {
      const carrier = carriers.value.find((c) => c.code === code);
      return carrier ? carrierName(carrier) : code;
    };

    function start(action) {
      Object.assign(move, { action, amount: "", reason: "", restock: true, carrier: "",
                            tracking_no: "", error: "" });
      dialog.value = true;
    }

    function body() {
      if (move.action === "approve" || move.action === "propose") {
        if (move.action === "approve" && !move.amount.trim()) return { amount_fen: null };
        const fen = fenOf(move.amount);
        if (fen === null) return null;  // the cap is the server's to check
        return { amount_fen: fen };
      }
      if (move.action === "reject") return move.reason.trim() ? { reason: move.reason.trim() } : null;
      if (move.action === "confirm_receipt") return { restock: move.restock };
      if (!move.carrier || !move.tracking_no.trim()) return null;
      return { carrier: move.carrier, tracking_no: move.tracking_no.trim() };
    }

    async function submit() {
      const payload = body();
      if (payload === null) {
        move.error = move.action === "reject" ? t("aftersales.reason_required")
          : move.action === "ship_exchange" ? t("aftersales.parcel_required") : t("aftersales.amount_invalid");
        return;
      }
      busy.value = true;
      try {
        sale.value = await api.post(`${base()}/after-sales/${sale.value.id}/${PATHS[move.action]}`,
                                    payload);
        dialog.value = false;
        ElementPlus.ElMessage.success(t("aftersales.done"));
        emit("changed");
      } catch (err) {
        showError(err);
      } finally {
        busy.value = false;
      }
    }

    return { drawer, sale, titles, reasons, carriers, dialog, busy, move, open, start, submit,
             carrierName, carrierOf, dateTime, yuan };
  },
  template: `
  <el-drawer v-model="drawer" size="640px" :title="sale ? $t('aftersales.title', { id: sale.id }) : ''"
             data-testid="after-sale-drawer">
    <template v-if="sale">
      <div class="toolbar" data-testid="after-sale-actions">
        <el-tag size="large" data-testid="after-sale-state">{{ $t('aftersales.statuses.' + sale.status) }}</el-tag>
        <el-button v-for="a in sale.actions" :key="a" :type="a === 'reject' ? 'danger' : 'primary'"
                   :plain="a === 'propose' || a === 'reject'" @click="start(a)" :data-action="a">{{ $t('aftersales.' + a) }}</el-button>
      </div>
      <el-descriptions :column="2" border>
        <el-descriptions-item :label="$t('aftersales.order_no')">{{ sale.order_id }}</el-descriptions-item>
        <el-descriptions-item :label="$t('aftersales.kind')">{{ $t('aftersales.kinds.' + sale.kind) }}</el-descriptions-item>
        <el-descriptions-item :label="$t('aftersales.reason')" :span="2">{{ reasons[sale.reason_code] || sale.reason_code }}</el-descriptions-item>
        <el-descriptions-item v-if="sale.description" :label="$t('aftersales.description')" :span="2">{{ sale.description }}</el-descriptions-item>
        <el-descriptions-item :label="$t('aftersales.cap')">{{ yuan(sale.cap_fen) }}</el-descriptions-item>
        <el-descriptions-item :label="$t('aftersales.asked')">{{ yuan(sale.asked_fen) }}</el-descriptions-item>
        <el-descriptions-item v-if="sale.proposed_fen !== null" :label="$t('aftersales.proposed')">{{ yuan(sale.proposed_fen) }}</el-descriptions-item>
        <el-descriptions-item v-if="sale.agreed_fen !== null" :label="$t('aftersales.agreed')">{{ yuan(sale.agreed_fen) }}</el-descriptions-item>
        <el-descriptions-item :label="$t('aftersales.amount')">{{ yuan(sale.amount_fen) }}</el-descriptions-item>
        <el-descriptions-item v-if="sale.deadline_at" :label="$t('aftersales.deadline')">{{ dateTime(sale.deadline_at) }}</el-descriptions-item>
        <el-descriptions-item v-if="sale.return_tracking_no" :label="$t('aftersales.return_parcel')" :span="2">{{ carrierOf(sale.return_carrier) }} {{ sale.return_tracking_no }}</el-descriptions-item>
        <el-descriptions-item v-if="sale.reject_reason" :label="$t('aftersales.reject_reason')" :span="2">{{ sale.reject_reason }}</el-descriptions-item>
      </el-descriptions>
      <div v-if="sale.photos.length" class="section-head">{{ $t('aftersales.photos') }}</div>
      <el-image v-for="p in sale.photos" :key="p.id" :src="p.thumb_url" :preview-src-list="sale.photos.map(x => x.url)"
                fit="cover" class="photo" />
      <el-table :data="sale.lines" class="detail-lines" data-testid="after-sale-lines">
        <el-table-column :label="$t('aftersales.lines')" min-width="200">
          <template #default="{ row }">{{ titles[row.line_id] || row.line_id }}</template>
        </el-table-column>
        <el-table-column prop="quantity" :label="$t('aftersales.quantity')" width="80" align="right" />
        <el-table-column :label="$t('aftersales.cap')" width="130" align="right">
          <template #default="{ row }">{{ yuan(row.cap_fen) }}</template>
        </el-table-column>
      </el-table>
      <div class="section-head">{{ $t('aftersales.timeline') }}</div>
      <el-timeline data-testid="after-sale-timeline">
        <el-timeline-item v-for="(e, i) in sale.timeline" :key="i" :timestamp="dateTime(e.at)">
          {{ $t('aftersales.actors.' + e.actor) }} · {{ $t('aftersales.actions.' + e.action) }}<template v-if="e.amount_fen !== null"> · {{ yuan(e.amount_fen) }}</template><template v-if="e.note"> · {{ e.note }}</template>
        </el-timeline-item>
      </el-timeline>
    </template>
    <el-dialog v-model="dialog" :title="move.action ? $t('aftersales.' + move.action) : ''" width="460px"
               append-to-body data-testid="after-sale-dialog">
      <el-form label-width="auto" @submit.prevent="submit">
        <p v-if="move.action === 'approve'" class="muted">{{ $t('aftersales.approve_hint') }}</p>
        <el-form-item v-if="move.action === 'approve' || move.action === 'propose'" :label="$t('aftersales.amount_yuan')">
          <el-input v-model="move.amount" :placeholder="move.action === 'approve' ? yuan(sale.amount_fen) : $t('aftersales.amount_hint', { cap: yuan(sale.cap_fen) })"
                    data-testid="move-amount" />
        </el-form-item>
        <el-form-item v-if="move.action === 'reject'" :label="$t('aftersales.reject_reason')">
          <el-input v-model="move.reason" type="textarea" maxlength="200" show-word-limit data-testid="move-reason" />
        </el-form-item>
        <el-form-item v-if="move.action === 'confirm_receipt'">
          <el-checkbox v-model="move.restock" data-testid="move-restock">{{ $t('aftersales.restock') }}</el-checkbox>
        </el-form-item>
        <template v-if="move.action === 'ship_exchange'">
          <el-form-item :label="$t('orders.carrier')">
            <el-select v-model="move.carrier" filterable data-testid="move-carrier">
              <el-option v-for="c in carriers" :key="c.code" :value="c.code" :label="carrierName(c)" />
            </el-select>
          </el-form-item>
          <el-form-item :label="$t('orders.tracking_no')">
            <el-input v-model="move.tracking_no" maxlength="64" data-testid="move-tracking" />
          </el-form-item>
        </template>
        <div v-if="move.error" class="row-error" data-testid="move-error">{{ move.error }}</div>
      </el-form>
      <template #footer>
        <el-button @click="dialog = false">{{ $t('common.cancel') }}</el-button>
        <el-button type="primary" :loading="busy" @click="submit" data-testid="move-submit">{{ $t('aftersales.submit') }}</el-button>
      </template>
    </el-dialog>
  </el-drawer>`,
};
