// One order in a drawer (GET .../orders/<id> and .../packages): ship-to,
// lines, amounts, the order's moments, its packages with their tracking
// events; and shipping in one package (POST .../ship) what is left, or some
// of it (units per line, up to what the server says is left), while the
// server says units are still to ship.
import { api, showError, dateTime, yuan } from "../api.js";
import { session } from "../session.js";
import { extend, t } from "../i18n.js";
import { loadCarriers, carrierName } from "./carriers.js";

extend({
  "zh-CN": {
    orders: {
      quantity: "数量", ship_units: "本次发货", packages: "包裹", no_packages: "暂无包裹", package_no: "包裹 {n}", tracking_no: "快递单号",
      carrier: "快递公司", ship: "发货", ship_title: "订单发货", shipped_ok: "已发货",
      carrier_required: "请选择快递公司", tracking_required: "请填写快递单号",
      to_ship_units: "待发货 {n} 件", no_events: "暂无物流信息", postage: "运费 (元)",
      discount: "优惠 (元)", refunded: "已退 (元)", tracking_example: "例如 {example}",
      track_states: { collected: "已揽收", in_transit: "运输中", out_for_delivery: "派送中",
                      signed: "已签收", problem: "疑难件", rejected: "拒签", returning: "退回中",
                      redirected: "转寄", customs: "清关" },
    },
    errors: {
      carrier_unknown: "快递公司不在列表中", tracking_no_invalid: "快递单号格式不正确",
      tracking_no_in_use: "该快递单号已被其他包裹使用", exceeds_shippable: "发货数量超过待发货数量",
      nothing_to_ship: "该订单没有待发货的商品", illegal_transition: "订单当前状态不能执行此操作",
      order_not_found: "订单不存在", ship_to_missing: "订单还没有收货地址",
    },
  },
  en: {
    orders: {
      quantity: "Qty", ship_units: "In this package", packages: "Packages", no_packages: "No package yet", package_no: "Package {n}",
      tracking_no: "Tracking no.", carrier: "Carrier", ship: "Ship", ship_title: "Ship the order",
      shipped_ok: "Shipped", carrier_required: "Choose a carrier",
      tracking_required: "Enter the tracking number", to_ship_units: "{n} units to ship",
      no_events: "No tracking yet", postage: "Postage (yuan)", discount: "Discount (yuan)",
      refunded: "Refunded (yuan)", tracking_example: "e.g. {example}",
      track_states: { collected: "Collected", in_transit: "In transit",
                      out_for_delivery: "Out for delivery", signed: "Signed for",
                      problem: "Problem", rejected: "Refused", returning: "Returning",
                      redirected: "Redirected", customs: "Customs" },
    },
    errors: {
      carrier_unknown: "Unknown carrier", tracking_no_invalid: "The tracking number's format is wrong",
      tracking_no_in_use: "Another package has this tracking number",
      exceeds_shippable: "More units than are left to ship",
      nothing_to_ship: "Nothing is left to ship", illegal_transition: "Not possible in the order's state",
      order_not_found: "No such order", ship_to_missing: "The order has no address yet",
    },
  },
});

const { ref, reactive, computed } = Vue;
const MOMENTS = ["created_at", "paid_at", "shipped_at", "received_at", "completed_at",
                 "cancelled_at"];

export default {
  emits: ["changed"],
  setup(props, { emit, expose }) {
    const drawer = ref(false);
    const order = ref(null);
    const parcels = ref(null);
    const carriers = ref([]);
    const shipping = ref(false);
    const busy = ref(false);
    const formRef = ref(null);
    const form = reactive({ carrier: "", tracking_no: "", units: [] });
    const rules = computed(() => ({
      carrier: [{ required: true, message: t("orders.carrier_required"), trigger: "change" }],
      tracking_no: [{ required: true, message: t("orders.tracking_required"), trigger: "blur" }],
    }));
    const base = () => `/api/v1/merchants/${session.merchantId}/orders`;

    async function load(id) {
      const [o, p] = await Promise.all([api.get(`${base()}/${id}`),
                                        api.get(`${base()}/${id}/packages`)]);
      order.value = o;
      parcels.value = p;
    }

    async function open(id) {
      try {
        await load(id);
        shipping.value = false;
        drawer.value = true;
      } catch (err) {
        showError(err);
      }
    }
    expose({ open });

    const timeline = computed(() => (order.value
      ? MOMENTS.filter((m) => order.value[m]).map((m) => ({ key: m, at: order.value[m] }))
      : []));
    const toShip = computed(() => (parcels.value
      ? parcels.value.unshipped.reduce((n, u) => n + u.quantity, 0) : 0));
    const example = computed(() => {
      const c = carriers.value.find((x) => x.code === form.carrier);
      return c ? t("orders.tracking_example", { example: c.example }) : "";
    });
    const lineTitle = (id) => {
      const line = order.value.lines.find((l) => l.id === id);
      return line ? `${line.title} ${line.spec || ""}`.trim() : id;
    };

    async function startShip() {
      try {
        carriers.value = await loadCarriers();
      } catch (err) {
        showError(err);
        return;
      }
      Object.assign(form, { carrier: "", tracking_no: "",
                            units: parcels.value.unshipped.map((u) => ({ ...u, left: u.quantity })) });
      shipping.value = true;
    }

    async function ship() {
      if (!(await formRef.value.validate().catch(() => false))) return;
      busy.value = true;
      try {
        const body = { carrier: form.carrier, tracking_no: form.tracking_no.trim() };
        // all that is left: no lines named; else the units chosen per line
        if (form.units.some((u) => u.quantity !== u.left)) {
          body.lines = form.units.filter((u) => u.quantity > 0)
            .map((u) => ({ line_id: u.line_id, quantity: u.quantity }));
        }
        await api.post(`${base()}/${order.value.id}/ship`, body);
        ElementPlus.ElMessage.success(t("orders.shipped_ok"));
        shipping.value = false;
        await load(order.value.id);
        emit("changed");
      } catch (err) {
        showError(err);
      } finally {
        busy.value = false;
      }
    }

    return { drawer, order, parcels, carriers, shipping, busy, form, formRef, rules, timeline,
             toShip, example, lineTitle, startShip, ship, carrierName, dateTime, yuan };
  },
  template: `
  <el-drawer v-model="drawer" size="600px" :title="order ? $t('orders.order_no') + ' ' + order.id : ''"
             data-testid="order-drawer">
    <template v-if="order">
      <el-descriptions :column="1" border>
        <el-descriptions-item :label="$t('orders.status')">{{ $t('orders.statuses.' + order.status) }}</el-descriptions-item>
        <el-descriptions-item :label="$t('orders.buyer')">{{ order.buyer ? order.buyer.nickname : '' }}</el-descriptions-item>
        <el-descriptions-item v-if="order.ship_to" :label="$t('orders.ship_to')">
          {{ order.ship_to.recipient }} {{ order.ship_to.phone }}<br>
          {{ order.ship_to.province }}{{ order.ship_to.city }}{{ order.ship_to.district }}{{ order.ship_to.detail }}
        </el-descriptions-item>
        <el-descriptions-item :label="$t('orders.postage')">{{ yuan(order.postage_fen) }}</el-descriptions-item>
        <el-descriptions-item :label="$t('orders.discount')">{{ yuan(order.discount_fen) }}</el-descriptions-item>
        <el-descriptions-item :label="$t('orders.amount')">{{ yuan(order.total_fen) }}</el-descriptions-item>
        <el-descriptions-item v-if="order.refunded_fen" :label="$t('orders.refunded')">{{ yuan(order.refunded_fen) }}</el-descriptions-item>
      </el-descriptions>
      <el-table :data="order.lines" class="detail-lines">
        <el-table-column prop="title" :label="$t('dashboard.product')" min-width="160" />
        <el-table-column prop="spec" min-width="80" />
        <el-table-column prop="quantity" :label="$t('orders.quantity')" width="70" align="right" />
        <el-table-column :label="$t('orders.line_amount')" width="110" align="right">
          <template #default="{ row }">{{ yuan(row.amount_fen) }}</template>
        </el-table-column>
      </el-table>
      <el-timeline class="detail-timeline">
        <el-timeline-item v-for="m in timeline" :key="m.key" :timestamp="dateTime(m.at)">{{ $t('orders.moments.' + m.key) }}</el-timeline-item>
      </el-timeline>
      <div class="section-head">
        <span>{{ $t('orders.packages') }}</span>
        <span v-if="toShip" class="muted">{{ $t('orders.to_ship_units', { n: toShip }) }}</span>
        <el-button v-if="toShip && !shipping" type="primary" size="small" @click="startShip"
                   data-testid="ship-open">{{ $t('orders.ship') }}</el-button>
      </div>
      <el-form v-if="shipping" ref="formRef" :model="form" :rules="rules" label-width="auto"
               class="ship-form" data-testid="ship-form">
        <el-form-item :label="$t('orders.carrier')" prop="carrier">
          <el-select v-model="form.carrier" filterable data-testid="ship-carrier">
            <el-option v-for="c in carriers" :key="c.code" :value="c.code" :label="carrierName(c)" />
          </el-select>
        </el-form-item>
        <el-form-item :label="$t('orders.tracking_no')" prop="tracking_no">
          <el-input v-model="form.tracking_no" maxlength="64" :placeholder="example" data-testid="ship-tracking" />
        </el-form-item>
        <el-form-item :label="$t('orders.ship_units')">
          <div class="ship-units">
            <div v-for="u in form.units" :key="u.line_id" class="ship-unit">
              <span>{{ lineTitle(u.line_id) }}</span>
              <el-input-number v-model="u.quantity" :min="0" :max="u.left" size="small"
                               :data-line="u.line_id" data-testid="ship-quantity" />
            </div>
          </div>
        </el-form-item>
        <el-form-item>
          <el-button type="primary" :loading="busy" @click="ship" data-testid="ship-submit">{{ $t('orders.ship') }}</el-button>
          <el-button @click="shipping = false">{{ $t('common.cancel') }}</el-button>
        </el-form-item>
      </el-form>
      <el-empty v-if="parcels && !parcels.packages.length" :image-size="60" :description="$t('orders.no_packages')" />
      <el-card v-for="(p, i) in (parcels ? parcels.packages : [])" :key="p.id" shadow="never"
               class="package" data-testid="package">
        <div class="package-head">
          <strong>{{ $t('orders.package_no', { n: i + 1 }) }}</strong>
          <span>{{ $t('orders.carrier') }}: {{ carrierName(p) }}</span>
          <span data-testid="package-tracking">{{ p.tracking_no }}</span>
          <el-tag v-if="p.state" size="small" type="success">{{ $t('orders.track_states.' + p.state) }}</el-tag>
        </div>
        <div class="muted">{{ dateTime(p.shipped_at) }} · {{ p.lines.map(l => lineTitle(l.line_id) + ' × ' + l.quantity).join('，') }}</div>
        <el-timeline v-if="p.events.length" class="detail-timeline">
          <el-timeline-item v-for="(e, k) in p.events" :key="k" :timestamp="dateTime(e.at)">{{ e.context }}</el-timeline-item>
        </el-timeline>
        <div v-else class="muted">{{ $t('orders.no_events') }}</div>
      </el-card>
    </template>
  </el-drawer>`,
};
