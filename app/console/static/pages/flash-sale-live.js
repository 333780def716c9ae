// A running flash sale's live view: sold and remaining as the staff API
// gives them (GET .../flashsales/<id>), asked again every 2 s while the
// drawer is open; each answer also goes to the page (`update`).
import { api, showError, yuan } from "../api.js";
import { skuName } from "./sku-picker.js";
import { span } from "./china-time.js";

const { computed, watch, onBeforeUnmount } = Vue;
const POLL_MS = 2000;

export const PHASE_TAGS = { draft: "info", upcoming: "warning", open: "success",
                            between_slots: "warning", ended: "info", stopped: "danger" };

export const FlashSaleLive = {
  props: { sale: { type: Object, default: null }, skus: { type: Array, required: true },
           url: { type: String, required: true } },
  emits: ["update", "close"],
  setup(props, { emit }) {
    let timer = null;

    async function poll() {
      const asked = props.url;
      if (!asked) return;
      try {
        const fresh = await api.get(asked);
        if (asked === props.url) emit("update", fresh);  // still the sale shown
      } catch (err) {
        showError(err);
      }
    }

    function stop() {
      if (timer !== null) window.clearInterval(timer);
      timer = null;
    }

    watch(() => props.url, (url) => {
      stop();
      if (!url) return;
      poll();
      timer = window.setInterval(poll, POLL_MS);
    }, { immediate: true });
    onBeforeUnmount(stop);

    const soldPercent = computed(() => (props.sale && props.sale.quota
      ? Math.min(100, Math.floor((props.sale.sold * 100) / props.sale.quota)) : 0));
    const shown = (value) => (value === null || value === undefined ? "-" : String(value));
    return { soldPercent, shown, PHASE_TAGS, skuName, span, yuan };
  },
  template: `
    <el-drawer :model-value="sale !== null" @close="$emit('close')" size="480px"
               :title="sale ? $t('flash.live_title', { title: sale.title }) : ''" data-testid="flash-live">
      <template v-if="sale">
        <el-row :gutter="16">
          <el-col :span="12">
            <div class="stat"><div class="stat-label">{{ $t('flash.sold') }}</div>
              <div class="stat-value" data-testid="live-sold">{{ sale.sold }}</div></div>
          </el-col>
          <el-col :span="12">
            <div class="stat"><div class="stat-label">{{ $t('flash.remaining') }}</div>
              <div class="stat-value" data-testid="live-remaining">{{ shown(sale.remaining) }}</div></div>
          </el-col>
        </el-row>
        <div class="promo-live-progress">
          <div class="stat-label">{{ $t('flash.progress', { quota: sale.quota }) }}</div>
          <el-progress :percentage="soldPercent" :stroke-width="14" />
        </div>
        <el-descriptions :column="1" border class="promo-live-terms">
          <el-descriptions-item :label="$t('flash.status')"><el-tag :type="PHASE_TAGS[sale.phase]" data-testid="live-phase">{{ $t('flash.phases.' + sale.phase) }}</el-tag></el-descriptions-item>
          <el-descriptions-item :label="$t('flash.sku')">{{ skuName(skus, sale.sku_id) }}</el-descriptions-item>
          <el-descriptions-item :label="$t('flash.price')">{{ yuan(sale.price_fen) }}</el-descriptions-item>
          <el-descriptions-item :label="$t('flash.window')">{{ span(sale.starts_at, sale.ends_at) }}</el-descriptions-item>
          <el-descriptions-item v-if="sale.slots.length" :label="$t('flash.slots')">{{ sale.slots.join('，') }}</el-descriptions-item>
        </el-descriptions>
        <p class="muted">{{ $t('flash.live_hint') }}</p>
      </template>
    </el-drawer>
  `,
};
