// 秒杀活动: the shop's flash sales (GET .../flashsales) with their phase,
// sold and remaining; a new sale (POST), editing one before it starts
// (PATCH), publish and stop; and one sale's live view (flash-sale-live.js).
import { api, request, showError, yuan, dateTime } from "../api.js";
import { usePaged, PER_PAGE } from "../paged.js";
import { session } from "../session.js";
import { extend, t } from "../i18n.js";
import { loadSkus, skuName, SkuPicker } from "./sku-picker.js";
import { PICKER_FORMAT, toIso, fromIso, span } from "./china-time.js";
import { FlashSaleLive, PHASE_TAGS } from "./flash-sale-live.js";

extend({
  "zh-CN": {
    menu: { flash_sales: "秒杀活动" },
    flash: {
      create: "新建秒杀", edit: "编辑", edit_title: "编辑秒杀", title: "活动名称", title_hint: "不填则用商品名称", sku: "秒杀商品",
      price: "秒杀价 (元)", list_price: "原价 ¥{price}", quota: "限量 (件)",
      per_user: "每人限购", per_order: "每单限购", starts_at: "开始时间", ends_at: "结束时间",
      window: "活动时间 (北京时间)", china_time: "北京时间", status: "状态",
      slots: "每日场次", slots_hint: "不设场次则整段时间开放；最多 4 场", add_slot: "添加场次",
      slot_from: "开始", slot_to: "结束", daily: "每日 {slots}", next_open: "下场 {at}",
      slot_required: "请填写场次的开始和结束时间",
      sold: "已售", remaining: "剩余", publish: "发布", stop: "停止", live: "实时数据",
      publish_confirm: "发布「{title}」后，{quota} 件库存将从商品库存中划出，确定发布吗？",
      stop_confirm: "确定停止「{title}」吗？未售出的库存将退回商品。",
      published: "已发布", stopped: "已停止", created: "秒杀活动已创建（草稿），发布后生效",
      sku_required: "请选择秒杀商品", price_required: "请填写秒杀价",
      quota_required: "请填写限量", time_required: "请选择时间",
      end_after_start: "结束时间须晚于开始时间", live_title: "实时数据 · {title}",
      live_hint: "每 2 秒自动刷新", progress: "售出进度（限量 {quota} 件）",
      phases: { draft: "草稿", upcoming: "未开始", open: "进行中", between_slots: "场次间隔",
                ended: "已结束", stopped: "已停止" },
      invalid: { price_fen: "秒杀价须在 0.01 元与原价之间", quota: "限量超出范围",
                 per_user_limit: "每人限购超出范围", per_order_limit: "每单限购不能超过每人限购",
                 ends_at: "结束时间须晚于开始时间，且活动最长 90 天", sku_id: "请选择本店商品",
                 slots: "场次须在同一天内先开始后结束、互不重叠，且落在活动时间内" },
    },
    errors: {
      invalid_flashsale: "秒杀活动信息有误", flashsale_not_found: "秒杀活动不存在",
      flashsale_illegal_status: "活动当前状态不能执行此操作", ended: "活动已结束",
      flashsale_not_editable: "活动已开始，不能再修改",
      out_of_stock: "商品库存不足，无法划出秒杀库存",
    },
  },
  en: {
    menu: { flash_sales: "Flash sales" },
    flash: {
      create: "New flash sale", edit: "Edit", edit_title: "Edit the flash sale", title: "Name", title_hint: "The product's name if empty",
      sku: "Product", price: "Flash price (yuan)", list_price: "List price ¥{price}",
      quota: "Quota (units)", per_user: "Per buyer", per_order: "Per order",
      starts_at: "Starts", ends_at: "Ends", window: "Time (China time)",
      china_time: "China time", status: "Status", sold: "Sold", remaining: "Remaining",
      slots: "Daily slots", slots_hint: "Without slots the whole window is open; at most 4",
      add_slot: "Add a slot", slot_from: "From", slot_to: "To", daily: "Daily {slots}",
      next_open: "Next {at}", slot_required: "Give each slot a start and an end",
      publish: "Publish", stop: "Stop", live: "Live figures",
      publish_confirm: "Publishing \"{title}\" sets {quota} units aside from the product's stock. Publish?",
      stop_confirm: "Stop \"{title}\"? Unsold units go back to the product.",
      published: "Published", stopped: "Stopped",
      created: "Flash sale created as a draft: publish it to start",
      sku_required: "Choose a product", price_required: "Enter the flash price",
      quota_required: "Enter the quota", time_required: "Choose a time",
      end_after_start: "The end must come after the start", live_title: "Live · {title}",
      live_hint: "Refreshes every 2 s", progress: "Sold so far (quota {quota})",
      phases: { draft: "Draft", upcoming: "Upcoming", open: "Open", between_slots: "Between slots",
                ended: "Ended", stopped: "Stopped" },
      invalid: { price_fen: "The flash price must be 0.01 up to the list price",
                 quota: "The quota is out of range", per_user_limit: "Per-buyer limit out of range",
                 per_order_limit: "The per-order limit cannot pass the per-buyer limit",
                 ends_at: "The end must come after the start, within 90 days",
                 sku_id: "Choose a product of this shop",
                 slots: "Slots must start before they end, not overlap, and fall in the window" },
    },
    errors: {
      invalid_flashsale: "The flash sale's terms are not valid",
      flashsale_not_found: "No such flash sale",
      flashsale_illegal_status: "Not possible in the sale's current state",
      flashsale_not_editable: "The sale has started: it cannot change any more",
      ended: "The sale has ended", out_of_stock: "Not enough stock for the quota",
    },
  },
});

const { ref, reactive, computed, onMounted } = Vue;
const MAX_SLOTS = 4;

function blankForm() {
  return { title: "", sku_id: null, price_yuan: null, quota: 100, per_user_limit: 1,
           per_order_limit: 1, starts_at: "", ends_at: "", slots: [] };
}

// the server's refusal of one field, in the merchant's words when known
function invalidText(err) {
  const field = Object.keys(err.details || {})[0];
  return field && t(`flash.invalid.${field}`) !== `flash.invalid.${field}`
    ? t(`flash.invalid.${field}`) : null;
}

export default {
  components: { SkuPicker, FlashSaleLive },
  setup() {
    const { rows, total, page, loading, refresh } = usePaged(() => base());
    const skus = ref([]);
    const dialog = ref(false);
    const busy = ref(false);
    const formRef = ref(null);
    const form = reactive(blankForm());
    const watched = ref(null);
    const editing = ref(null);  // the sale the dialog edits; null: a new one
    const base = () => `/api/v1/merchants/${session.merchantId}/flashsales`;

    const chosen = computed(() => skus.value.find((s) => s.sku_id === form.sku_id) || null);
    const rules = computed(() => ({
      sku_id: [{ required: true, message: t("flash.sku_required"), trigger: "change" }],
      price_yuan: [{ required: true, message: t("flash.price_required"), trigger: "blur" }],
      quota: [{ required: true, message: t("flash.quota_required"), trigger: "blur" }],
      starts_at: [{ required: true, message: t("flash.time_required"), trigger: "change" }],
      ends_at: [{ required: true, message: t("flash.time_required"), trigger: "change" },
                { validator: (rule, value, done) => done(
                  value && form.starts_at && value <= form.starts_at
                    ? new Error(t("flash.end_after_start")) : undefined),
                  trigger: "change" }],
      slots: [{ validator: (rule, value, done) => done(
        value.some((slot) => !slot.from || !slot.to) ? new Error(t("flash.slot_required"))
          : undefined), trigger: "change" }] }));


    async function openCreate() {
      editing.value = null;
      Object.assign(form, blankForm());
      dialog.value = true;
      try {
        skus.value = await loadSkus(session.merchantId);
      } catch (err) {
        showError(err);
      }
    }

    // before the start the terms may change (the server says when no longer)
    function openEdit(row) {
      editing.value = row.id;
      Object.assign(form, {
        title: row.title, sku_id: row.sku_id, price_yuan: row.price_fen / 100, quota: row.quota,
        per_user_limit: row.per_user_limit, per_order_limit: row.per_order_limit,
        starts_at: fromIso(row.starts_at), ends_at: fromIso(row.ends_at),
        slots: row.slots.map((slot) => { const [from, to] = slot.split("-"); return { from, to }; }) });
      dialog.value = true;
    }

    async function save() {
      if (!(await formRef.value.validate().catch(() => false))) return;
      busy.value = true;
      try {
        const body = { price_fen: Math.round(form.price_yuan * 100),
                       quota: form.quota, per_user_limit: form.per_user_limit,
                       per_order_limit: form.per_order_limit,
                       starts_at: toIso(form.starts_at), ends_at: toIso(form.ends_at),
                       slots: form.slots.map((slot) => `${slot.from}-${slot.to}`) };
        if (form.title.trim()) body.title = form.title.trim();
        if (editing.value) {
          await request("PATCH", `${base()}/${editing.value}`, body);
          ElementPlus.ElMessage.success(t("common.saved"));
        } else {
          await api.post(base(), { sku_id: form.sku_id, ...body });
          ElementPlus.ElMessage.success(t("flash.created"));
          page.value = 1;
        }
        dialog.value = false;
        refresh();
      } catch (err) {
        const text = invalidText(err);
        if (text) ElementPlus.ElMessage.error(text);
        else showError(err);
      } finally {
        busy.value = false;
      }
    }

    async function confirmed(text, title) {
      try {
        await ElementPlus.ElMessageBox.confirm(text, title, {
          type: "warning", confirmButtonText: t("common.confirm"),
          cancelButtonText: t("common.cancel") });
        return true;
      } catch (cancelled) {
        return false;
      }
    }

    async function act(row, action) {
      const text = t(`flash.${action}_confirm`, { title: row.title, quota: row.quota });
      if (!(await confirmed(text, t(`flash.${action}`)))) return;
      try {
        await api.post(`${base()}/${row.id}/${action}`);
        ElementPlus.ElMessage.success(t(action === "publish" ? "flash.published" : "flash.stopped"));
        refresh();
      } catch (err) {
        showError(err);
      }
    }

    const openLive = (row) => { watched.value = row; };
    function closeLive() {
      watched.value = null;
      refresh();
    }

    // the live view's newest figures, shown in the list too
    function onFresh(fresh) {
      watched.value = fresh;
      rows.value = rows.value.map((r) => (r.id === fresh.id ? fresh : r));
    }

    const addSlot = () => form.slots.push({ from: "", to: "" });
    const removeSlot = (i) => form.slots.splice(i, 1);
    const shown = (value) => (value === null || value === undefined ? "-" : String(value));

    onMounted(async () => {
      refresh();
      try {
        skus.value = await loadSkus(session.merchantId);
      } catch (err) {
        showError(err);
      }
    });
    return { rows, total, page, loading, skus, dialog, busy, form, formRef, rules, chosen,
             watched, editing, PER_PAGE, PICKER_FORMAT, PHASE_TAGS, MAX_SLOTS, refresh,
             openCreate, openEdit, save, act, openLive, closeLive, onFresh, base, addSlot,
             removeSlot, shown, skuName, span, yuan, dateTime };
  },
  template: `
  <el-card shadow="never">
    <div class="toolbar">
      <el-button type="primary" :icon="'Plus'" @click="openCreate" data-testid="flash-create-open">{{ $t('flash.create') }}</el-button>
      <el-button :icon="'Refresh'" @click="refresh">{{ $t('common.refresh') }}</el-button>
    </div>
    <el-table :data="rows" v-loading="loading" data-testid="flash-table" stripe>
      <el-table-column :label="$t('flash.title')" min-width="200">
        <template #default="{ row }">
          <div>{{ row.title }}</div>
          <div class="muted">{{ skuName(skus, row.sku_id) }}</div>
        </template>
      </el-table-column>
      <el-table-column :label="$t('flash.price')" width="120" align="right">
        <template #default="{ row }">{{ yuan(row.price_fen) }}</template>
      </el-table-column>
      <el-table-column prop="quota" :label="$t('flash.quota')" width="96" align="right" />
      <el-table-column :label="$t('flash.sold')" width="80" align="right">
        <template #default="{ row }"><span data-col="sold">{{ row.sold }}</span></template>
      </el-table-column>
      <el-table-column :label="$t('flash.remaining')" width="80" align="right">
        <template #default="{ row }"><span data-col="remaining">{{ shown(row.remaining) }}</span></template>
      </el-table-column>
      <el-table-column :label="$t('flash.window')" min-width="220">
        <template #default="{ row }">
          <div>{{ span(row.starts_at, row.ends_at) }}</div>
          <div v-if="row.slots.length" class="muted" data-col="slots">{{ $t('flash.daily', { slots: row.slots.join('，') }) }}</div>
          <div v-if="row.next_open_at" class="muted">{{ $t('flash.next_open', { at: dateTime(row.next_open_at) }) }}</div>
        </template>
      </el-table-column>
      <el-table-column :label="$t('flash.status')" width="100">
        <template #default="{ row }"><el-tag :type="PHASE_TAGS[row.phase]" data-col="phase">{{ $t('flash.phases.' + row.phase) }}</el-tag></template>
      </el-table-column>
      <el-table-column :label="$t('common.actions')" width="200" align="center">
        <template #default="{ row }">
          <el-button v-if="row.status === 'draft' || row.phase === 'upcoming'" link type="primary" @click="openEdit(row)" data-action="edit">{{ $t('flash.edit') }}</el-button>
          <el-button v-if="row.status === 'draft'" link type="primary" @click="act(row, 'publish')" data-action="publish">{{ $t('flash.publish') }}</el-button>
          <el-button v-if="row.status === 'published'" link type="primary" @click="openLive(row)" data-action="live">{{ $t('flash.live') }}</el-button>
          <el-button v-if="row.status === 'published' && row.phase !== 'ended'" link type="danger" @click="act(row, 'stop')" data-action="stop">{{ $t('flash.stop') }}</el-button>
        </template>
      </el-table-column>
    </el-table>
    <el-pagination class="pager" background layout="total, prev, pager, next" :total="total"
                   :page-size="PER_PAGE" v-model:current-page="page" @current-change="refresh" />

    <el-dialog v-model="dialog" :title="editing ? $t('flash.edit_title') : $t('flash.create')" width="600px">
      <el-form ref="formRef" :model="form" :rules="rules" label-width="auto" data-testid="flash-form">
        <el-form-item :label="$t('flash.sku')" prop="sku_id">
          <sku-picker v-model="form.sku_id" :skus="skus" :disabled="editing !== null" data-testid="flash-sku" />
        </el-form-item>
        <el-form-item :label="$t('flash.title')" prop="title">
          <el-input v-model="form.title" maxlength="120" :placeholder="$t('flash.title_hint')" data-testid="flash-title" />
        </el-form-item>
        <el-form-item :label="$t('flash.price')" prop="price_yuan">
          <el-input-number v-model="form.price_yuan" :min="0.01" :precision="2" :step="1" :controls="false" data-testid="flash-price" />
          <span v-if="chosen" class="promo-hint">{{ $t('flash.list_price', { price: yuan(chosen.price_fen) }) }}</span>
        </el-form-item>
        <el-form-item :label="$t('flash.quota')" prop="quota">
          <el-input-number v-model="form.quota" :min="1" :max="1000000" :step="1" step-strictly data-testid="flash-quota" />
        </el-form-item>
        <el-form-item :label="$t('flash.per_user')" prop="per_user_limit">
          <el-input-number v-model="form.per_user_limit" :min="1" :max="99" step-strictly data-testid="flash-per-user" />
        </el-form-item>
        <el-form-item :label="$t('flash.per_order')" prop="per_order_limit">
          <el-input-number v-model="form.per_order_limit" :min="1" :max="form.per_user_limit" step-strictly data-testid="flash-per-order" />
        </el-form-item>
        <el-form-item :label="$t('flash.starts_at')" prop="starts_at">
          <div data-testid="flash-starts"><el-date-picker v-model="form.starts_at" type="datetime" :format="PICKER_FORMAT"
            :value-format="PICKER_FORMAT" :placeholder="$t('flash.china_time')" /></div>
        </el-form-item>
        <el-form-item :label="$t('flash.ends_at')" prop="ends_at">
          <div data-testid="flash-ends"><el-date-picker v-model="form.ends_at" type="datetime" :format="PICKER_FORMAT"
            :value-format="PICKER_FORMAT" :placeholder="$t('flash.china_time')" /></div>
        </el-form-item>
        <el-form-item :label="$t('flash.slots')" prop="slots">
          <div class="promo-rows">
            <div v-for="(slot, i) in form.slots" :key="i" class="promo-row" :data-testid="'flash-slot-' + i">
              <div data-slot="from"><el-time-select v-model="slot.from" start="00:00" step="00:30" end="23:30" :placeholder="$t('flash.slot_from')" class="promo-slot-time" /></div>
              <span>-</span>
              <div data-slot="to"><el-time-select v-model="slot.to" start="00:30" step="00:30" end="24:00" :min-time="slot.from" :placeholder="$t('flash.slot_to')" class="promo-slot-time" /></div>
              <el-button :icon="'Delete'" link type="danger" @click="removeSlot(i)" />
            </div>
            <el-button v-if="form.slots.length < MAX_SLOTS" :icon="'Plus'" link type="primary" @click="addSlot" data-testid="flash-add-slot">{{ $t('flash.add_slot') }}</el-button>
            <div class="muted">{{ $t('flash.slots_hint') }}</div>
          </div>
        </el-form-item>
      </el-form>
      <template #footer>
        <el-button @click="dialog = false">{{ $t('common.cancel') }}</el-button>
        <el-button type="primary" :loading="busy" @click="save" data-testid="flash-create">{{ $t('common.confirm') }}</el-button>
      </template>
    </el-dialog>

    <flash-sale-live :sale="watched" :skus="skus" :url="watched ? base() + '/' + watched.id : ''"
                     @update="onFresh" @close="closeLive" />
  </el-card>`,
};
