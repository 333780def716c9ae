// The host console's interaction panel: the chat stream (click a viewer's
// line to mute, kick or ban them), coupon drops (one of the shop's coupons,
// picked by name: GET .../live/rooms/<id>/coupons), the lottery (open, then
// draw; winners by nickname) and announcements. Every action is a socket
// event the server checks; the panel shows its answer.
import "./live-words.js";
import { api, showError, yuan } from "../api.js";
import { t } from "../i18n.js";

const { ref, reactive, computed, watch, nextTick, onMounted } = Vue;
const MUTE_CHOICES = [{ value: 10, label: "live.mute_10" }, { value: 60, label: "live.mute_60" },
                      { value: 0, label: "live.mute_forever" }];

// a coupon's terms as merchants read them ("满 100.00 减 5.00 元")
export function terms(c) {
  if (c.kind === "percent_off") {
    return t("live.terms_percent", { zhe: String((10_000 - c.percent_bps) / 1000),
                                     off: String(c.percent_bps / 100) });
  }
  const amount = yuan(c.amount_fen);
  return c.min_spend_fen ? t("live.terms_over", { amount, min: yuan(c.min_spend_fen) })
    : t("live.terms_amount", { amount });
}

export default {
  props: { live: { type: Object, required: true }, send: { type: Function, required: true },
           roomBase: { type: String, required: true } },
  setup(props) {
    const tab = ref("chat");
    const chatEl = ref(null);
    const target = ref(null);
    const muteFor = ref(10);
    const coupons = ref([]);
    const drop = reactive({ coupon_id: null, quantity: 1 });
    const lottery = reactive({ prize: "", winners: 1, qualify: "like", keyword: "" });
    const announcement = ref("");
    const chosen = computed(() => coupons.value.find((c) => c.id === drop.coupon_id) || null);

    async function loadCoupons() {
      try {
        coupons.value = (await api.get(`${props.roomBase}/coupons`)).items;
      } catch (err) {
        showError(err);
      }
    }

    // a viewer's own line opens the actions; staff and announcements do not
    function choose(m) {
      if (m.kind !== "chat" || !m.user_id || (props.live.me && m.user_id === props.live.me.user_id)) return;
      target.value = { user_id: m.user_id, nickname: m.nickname };
      muteFor.value = 10;
    }

    async function act(event, done, data = {}) {
      const who = target.value;
      if (event === "ban") {
        try {
          await ElementPlus.ElMessageBox.confirm(t("live.ban_confirm", { name: who.nickname }),
            t("live.ban"), { type: "warning", confirmButtonText: t("common.confirm"),
                             cancelButtonText: t("common.cancel") });
        } catch (cancelled) {
          return;
        }
      }
      if (await props.send(event, { user_id: who.user_id, ...data })) {
        ElementPlus.ElMessage.success(t(done, { name: who.nickname }));
        // what this page did to the viewer, shown beside their lines
        if (event === "unmute") delete props.live.marks[who.user_id];
        else props.live.marks[who.user_id] = event;
        target.value = null;
      }
    }
    const mute = () => act("mute", "live.muted_ok", { minutes: muteFor.value || null });

    async function dropCoupon() {
      if (!chosen.value) {
        ElementPlus.ElMessage.warning(t("live.coupon_required"));
        return;
      }
      const name = chosen.value.name;
      if (await props.send("coupon_drop", { coupon_id: drop.coupon_id, quantity: drop.quantity })) {
        ElementPlus.ElMessage.success(t("live.dropped_ok", { name, n: drop.quantity }));
        drop.coupon_id = null;
        loadCoupons();
      }
    }

    async function openLottery() {
      if (!lottery.prize.trim()) return ElementPlus.ElMessage.warning(t("live.prize_required"));
      if (lottery.qualify === "keyword" && !lottery.keyword.trim()) {
        return ElementPlus.ElMessage.warning(t("live.keyword_required"));
      }
      const answer = await props.send("lottery_open", {
        prize: lottery.prize.trim(), winners: lottery.winners, qualify: lottery.qualify,
        keyword: lottery.qualify === "keyword" ? lottery.keyword.trim() : "" });
      if (answer) props.live.lottery = answer.lottery;
      return answer;
    }

    async function draw() {
      const answer = await props.send("lottery_draw", { lottery_id: props.live.lottery.id });
      if (answer) props.live.lottery = answer.lottery;
    }

    async function announce() {
      if (await props.send("announce", { text: announcement.value })) {
        announcement.value = "";
        ElementPlus.ElMessage.success(t("live.announced_ok"));
      }
    }

    // the stream follows the newest line
    watch(() => props.live.messages.length, async () => {
      await nextTick();
      if (chatEl.value) chatEl.value.scrollTop = chatEl.value.scrollHeight;
    });
    onMounted(loadCoupons);
    return { tab, chatEl, target, muteFor, coupons, drop, lottery, announcement, MUTE_CHOICES,
             choose, act, mute, dropCoupon, openLottery, draw, announce, terms };
  },
  template: `
  <el-card shadow="never" class="interact-card">
    <el-tabs v-model="tab" data-testid="interact-tabs">
      <el-tab-pane :label="$t('live.tabs.chat')" name="chat">
        <div class="muted">{{ $t('live.chat_hint') }}</div>
        <div ref="chatEl" class="chat-stream" data-testid="chat-stream">
          <div v-if="!live.messages.length" class="muted chat-empty">{{ $t('live.chat_empty') }}</div>
          <div v-for="m in live.messages" :key="m.id" :class="['chat-line', m.kind]"
               :data-user-id="m.user_id" data-testid="chat-line" @click="choose(m)">
            <template v-if="m.kind === 'announcement'"><el-tag size="small" type="warning">{{ $t('live.tabs.announce') }}</el-tag> {{ m.text }}</template>
            <template v-else><span class="chat-name">{{ m.nickname }}</span>{{ m.text }}
              <el-tag v-if="live.marks[m.user_id]" size="small" type="info" class="chat-mark"
                      data-testid="chat-mark">{{ $t('live.marks.' + live.marks[m.user_id]) }}</el-tag></template>
          </div>
        </div>
      </el-tab-pane>
      <el-tab-pane :label="$t('live.tabs.coupon')" name="coupon">
        <el-form label-width="auto">
          <el-form-item :label="$t('live.coupon')">
            <el-select v-model="drop.coupon_id" filterable :placeholder="$t('live.coupon_placeholder')"
                       :no-data-text="$t('live.no_coupons')" data-testid="drop-coupon" class="wide">
              <el-option v-for="c in coupons" :key="c.id" :value="c.id" :label="c.name">
                <span>{{ c.name }}</span><span class="option-price">{{ terms(c) }} · {{ $t('live.left', { n: c.left }) }}</span>
              </el-option>
            </el-select>
          </el-form-item>
          <el-form-item :label="$t('live.quantity')">
            <el-input-number v-model="drop.quantity" :min="1" :max="100000" data-testid="drop-quantity" />
          </el-form-item>
          <el-button type="primary" @click="dropCoupon" data-testid="drop-submit">{{ $t('live.drop') }}</el-button>
        </el-form>
        <div v-if="live.drops.length" class="drops" data-testid="drops">
          <div class="muted">{{ $t('live.drops') }}</div>
          <div v-for="d in live.drops" :key="d.id" class="drop-row">
            <span>{{ d.name }} · {{ terms(d) }}</span>
            <span class="muted">{{ $t('live.coupon_left', { left: d.left, quantity: d.quantity }) }}</span>
          </div>
        </div>
      </el-tab-pane>
      <el-tab-pane :label="$t('live.tabs.lottery')" name="lottery">
        <el-form label-width="auto">
          <el-form-item :label="$t('live.prize')"><el-input v-model="lottery.prize" maxlength="80" data-testid="lottery-prize" /></el-form-item>
          <el-form-item :label="$t('live.winners')"><el-input-number v-model="lottery.winners" :min="1" :max="100" /></el-form-item>
          <el-form-item :label="$t('live.qualify')">
            <el-radio-group v-model="lottery.qualify">
              <el-radio value="like">{{ $t('live.qualify_like') }}</el-radio>
              <el-radio value="keyword">{{ $t('live.qualify_keyword') }}</el-radio>
            </el-radio-group>
          </el-form-item>
          <el-form-item v-if="lottery.qualify === 'keyword'" :label="$t('live.keyword')">
            <el-input v-model="lottery.keyword" maxlength="40" data-testid="lottery-keyword" />
          </el-form-item>
          <el-button type="primary" @click="openLottery" data-testid="lottery-open">{{ $t('live.lottery_open') }}</el-button>
        </el-form>
        <div v-if="live.lottery" class="lottery-result" data-testid="lottery-result">
          <div><b>{{ live.lottery.prize }}</b> ·
            {{ live.lottery.state === 'open' ? $t('live.lottery_opened') : $t('live.lottery_drawn') }}</div>
          <el-button v-if="live.lottery.state === 'open'" type="danger" @click="draw" data-testid="lottery-draw">{{ $t('live.lottery_draw') }}</el-button>
          <template v-else>
            <div class="muted">{{ $t('live.candidates', { n: live.lottery.candidates }) }} · {{ $t('live.winners_list') }}</div>
            <el-tag v-for="w in live.lottery.winner_names" :key="w.user_id" type="success"
                    class="winner" data-testid="winner">{{ w.nickname }}</el-tag>
          </template>
        </div>
      </el-tab-pane>
      <el-tab-pane :label="$t('live.tabs.announce')" name="announce">
        <el-input v-model="announcement" type="textarea" :rows="3" maxlength="200" show-word-limit
                  :placeholder="$t('live.announcement')" data-testid="announcement" />
        <el-button type="primary" class="announce-button" @click="announce" data-testid="announce">{{ $t('live.announce') }}</el-button>
      </el-tab-pane>
    </el-tabs>
    <el-dialog :model-value="target !== null" @update:model-value="target = null" width="420px"
               :title="target ? $t('live.viewer_actions', { name: target.nickname }) : ''" append-to-body>
      <el-form label-width="auto">
        <el-form-item :label="$t('live.mute_minutes')">
          <el-radio-group v-model="muteFor" data-testid="mute-for">
            <el-radio-button v-for="c in MUTE_CHOICES" :key="c.value" :value="c.value">{{ $t(c.label) }}</el-radio-button>
          </el-radio-group>
        </el-form-item>
      </el-form>
      <template #footer>
        <el-button @click="act('unmute', 'live.unmuted_ok')" data-testid="viewer-unmute">{{ $t('live.unmute') }}</el-button>
        <el-button type="warning" @click="mute" data-testid="viewer-mute">{{ $t('live.mute') }}</el-button>
        <el-button type="danger" plain @click="act('kick', 'live.kicked_ok')" data-testid="viewer-kick">{{ $t('live.kick') }}</el-button>
        <el-button type="danger" @click="act('ban', 'live.banned_ok')" data-testid="viewer-ban">{{ $t('live.ban') }}</el-button>
      </template>
    </el-dialog>
  </el-card>`,
};
