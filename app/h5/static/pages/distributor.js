// 分销中心 (one shop): join as a distributor; my balances from the ledger;
// earnings by day as a chart (the console's vendored ECharts, loaded here
// only); my team by level; withdraw under the shop's terms, with the
// server's refusals in words and my withdrawals with their states; my
// invite poster (an `invite` share and its poster image). Every figure is
// the server's (GET /mp/v1/referral/merchants/<id>/me, /earnings, /team,
// /withdrawals); the page turns typed yuan into fen and nothing more.
import { api, showError, errorText } from "../api.js";
import { price, dateTime } from "../format.js";
import { shopId, loadScript } from "../shop.js";
import { usePaged } from "../paged.js";
import { t, locale } from "../i18n.js";

const { ref, reactive, computed, onMounted, onBeforeUnmount, nextTick, watch } = Vue;
const BALANCES = ["pending", "available", "withdrawing", "paid"];
const LEVELS = [1, 2, 3];

// "12.5" -> 1250 fen, by the digits (no float touches money); null if not an amount
export function fenOf(text) {
  const match = /^\s*(\d{1,9})(?:\.(\d{1,2}))?\s*$/.exec(text || "");
  return match ? Number(match[1]) * 100 + Number((match[2] || "").padEnd(2, "0")) : null;
}

function newKey() {
  return `wd-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

export default {
  setup() {
    const route = VueRouter.useRoute();
    const merchant = ref(0);
    const center = ref(null);
    const earnings = ref(null);
    const level = ref(1);
    const tab = ref("earnings");
    const loading = ref(true);
    const accept = ref(false);
    const amount = ref("");
    const problem = ref("");
    const requestKey = ref(newKey());
    const busy = ref(false);
    const share = ref(null);
    const chartEl = ref(null);
    let chart = null;

    const base = () => `/mp/v1/referral/merchants/${merchant.value}`;
    // my team (one level at a time) and my withdrawals, a page at a time
    const team = reactive(usePaged((page, perPage) =>
      api.get(`${base()}/team`, { level: level.value, page, per_page: perPage })));
    const withdrawals = reactive(usePaged((page, perPage) =>
      api.get(`${base()}/withdrawals`, { page, per_page: perPage })));
    const active = computed(() => center.value && center.value.status === "active");

    async function loadCenter() {
      center.value = await api.get(`${base()}/me`);
      if (!active.value) return;
      earnings.value = await api.get(`${base()}/earnings`, { days: 30 });
      withdrawals.reset();  // the lists load their first pages
      team.reset();
      await nextTick();
      draw().catch(showError);  // the chart library loads on its own time
    }
    onMounted(async () => {
      try {
        merchant.value = await shopId(route);
        await loadCenter();
      } catch (err) {
        showError(err);
      } finally {
        loading.value = false;
      }
    });
    onBeforeUnmount(() => chart && chart.dispose());
    watch(level, () => team.reset());
    watch(tab, async (name) => {
      if (name !== "earnings") return;
      await nextTick();
      draw().catch(showError);
    });
    watch(locale, () => draw().catch(showError));
    watch(chartEl, (el) => el && draw().catch(showError));  // once its box is on the page

    async function draw() {
      if (!earnings.value || !chartEl.value) return;
      await loadScript("echarts");
      if (chart && chart.getDom() !== chartEl.value) chart.dispose();
      if (!chart || chart.isDisposed()) chart = echarts.init(chartEl.value);
      const days = earnings.value.by_day;
      chart.setOption({
        animation: false,
        grid: { left: 44, right: 12, top: 24, bottom: 28 },
        xAxis: { type: "category", data: days.map((d) => d.day.slice(5)) },
        yAxis: { type: "value", name: t("distributor.yuan") },
        series: [{ type: "bar", name: t("distributor.earned"), barMaxWidth: 18,
                   itemStyle: { color: "#ee0a24" },
                   data: days.map((d) => d.commission_fen / 100) }],
      }, true);
    }

    async function join() {
      busy.value = true;
      try {
        await api.post(`${base()}/join`, { accept_terms: accept.value });
      } catch (err) {
        showError(err);
        return;
      } finally {
        busy.value = false;
      }
      await loadCenter().catch(showError);
    }

    function refusalText(err) {
      const d = err.details || {};
      if (["below_minimum", "insufficient_balance", "negative_balance"].includes(err.code)) {
        return t(`distributor.refused.${err.code}`, {
          min: price(d.min_fen || 0), available: price(d.available_fen || 0) });
      }
      return errorText(err);
    }
    async function withdraw() {
      problem.value = "";
      const fen = fenOf(amount.value);
      if (fen === null || fen === 0) {
        problem.value = t("distributor.amount_format");
        return;
      }
      busy.value = true;
      try {
        await api.post(`${base()}/withdrawals`, { request_id: requestKey.value, amount_fen: fen });
        requestKey.value = newKey();
        amount.value = "";
        vant.showToast(t("distributor.requested"));
        await loadCenter();
      } catch (err) {
        problem.value = refusalText(err);
      } finally {
        busy.value = false;
      }
    }

    async function makePoster() {
      busy.value = true;
      try {
        share.value = await api.post("/mp/v1/shares", { kind: "invite", channel: "poster" });
      } catch (err) {
        showError(err);
      } finally {
        busy.value = false;
      }
    }

    const feeText = computed(() => center.value && t("distributor.terms", {
      min: price(center.value.withdraw_min_fen),
      fee: String(center.value.withdraw_fee_bps / 100) }));
    return { center, earnings, withdrawals, team, level, tab, loading, accept, amount, problem,
             busy, share, chartEl, active, join, withdraw, makePoster, feeText, BALANCES, LEVELS,
             price, dateTime };
  },
  template: `
    <van-nav-bar :title="$t('distributor.title')" left-arrow @click-left="$router.back()" />
    <van-loading v-if="loading" class="page-loading" />
    <template v-else-if="center">
      <section v-if="center.status === 'none'" class="panel dist-join" data-testid="dist-join">
        <h2>{{ $t('distributor.join_title') }}</h2>
        <p class="muted">{{ $t('distributor.join_text') }}</p>
        <van-checkbox v-model="accept" data-testid="dist-terms">{{ $t('distributor.accept') }}</van-checkbox>
        <van-button round block type="primary" class="gap-top" :loading="busy" @click="join"
                    data-testid="dist-join-submit">{{ $t('distributor.join') }}</van-button>
      </section>
      <van-empty v-else-if="center.status === 'pending'" image="search" data-testid="dist-pending"
                 :description="$t('distributor.pending')" />
      <van-empty v-else-if="center.status === 'rejected'" image="error"
                 :description="$t('distributor.rejected')" />
      <template v-else>
        <div class="dist-head">
          <div class="dist-available">
            <div class="muted-light">{{ $t('distributor.balances.available') }}</div>
            <div class="dist-figure" data-testid="balance-available">{{ price(center.balances.available) }}</div>
          </div>
          <div class="dist-balances">
            <div v-for="b in BALANCES.filter((x) => x !== 'available')" :key="b"
                 :data-testid="'balance-' + b">
              <div class="dist-small">{{ price(center.balances[b]) }}</div>
              <div class="muted-light">{{ $t('distributor.balances.' + b) }}</div>
            </div>
          </div>
          <div class="dist-code">{{ $t('distributor.invite_code') }}
            <b data-testid="invite-code">{{ center.invite_code }}</b></div>
        </div>
        <van-tabs v-model:active="tab" sticky data-testid="dist-tabs">
          <van-tab name="earnings" :title="$t('distributor.tabs.earnings')">
            <div class="panel dist-earnings">
              <div class="dist-total" data-testid="earnings-total">
                {{ $t('distributor.total_30', { total: price(earnings.total_fen) }) }}</div>
              <div ref="chartEl" class="dist-chart" data-testid="earnings-chart"></div>
              <van-cell v-for="s in earnings.by_source" :key="s.source"
                        :title="$t('distributor.sources.' + s.source)"
                        :label="$t('distributor.orders', { n: s.orders })"
                        :value="price(s.commission_fen)" />
            </div>
          </van-tab>
          <van-tab name="team" :title="$t('distributor.tabs.team')">
            <van-tabs v-model:active="level" type="card" class="dist-levels">
              <van-tab v-for="n in LEVELS" :key="n" :name="n"
                       :title="$t('distributor.level', { n })" />
            </van-tabs>
            <van-list :key="'team-' + level" v-model:loading="team.loading"
                      :finished="team.finished" @load="team.more"
                      :finished-text="team.items.length ? $t('orders.no_more') : ''">
              <van-cell-group class="panel" data-testid="team">
                <van-empty v-if="team.finished && !team.items.length"
                           :description="$t('distributor.no_team')" />
                <van-cell v-for="m in team.items" :key="m.user_id" :title="m.nickname"
                          :label="dateTime(m.bound_at)" :value="$t('distributor.via.' + m.via)"
                          :data-testid="'member-' + m.user_id" />
              </van-cell-group>
            </van-list>
          </van-tab>
          <van-tab name="withdraw" :title="$t('distributor.tabs.withdraw')">
            <van-cell-group class="panel" data-testid="withdraw-form">
              <van-field v-model="amount" type="number" inputmode="decimal" :label="$t('distributor.amount')"
                         :placeholder="$t('distributor.amount_hint')" data-testid="withdraw-amount" />
              <div class="muted dist-terms" data-testid="withdraw-terms">{{ feeText }}</div>
              <div v-if="problem" class="dist-problem" data-testid="withdraw-problem">{{ problem }}</div>
              <div class="page-actions">
                <van-button round block type="primary" :loading="busy" @click="withdraw"
                            data-testid="withdraw-submit">{{ $t('distributor.withdraw') }}</van-button>
              </div>
            </van-cell-group>
            <h2 class="section-title">{{ $t('distributor.my_withdrawals') }}</h2>
            <van-list v-model:loading="withdrawals.loading" :finished="withdrawals.finished"
                      @load="withdrawals.more"
                      :finished-text="withdrawals.items.length ? $t('orders.no_more') : ''">
              <van-cell-group class="panel" data-testid="withdrawals">
                <van-empty v-if="withdrawals.finished && !withdrawals.items.length"
                           :description="$t('distributor.no_withdrawals')" />
                <van-cell v-for="w in withdrawals.items" :key="w.id" :data-testid="'withdrawal-' + w.id"
                          :title="price(w.amount_fen)"
                          :label="$t('distributor.net', { fee: price(w.fee_fen), net: price(w.net_fen) }) + ' · ' + dateTime(w.created_at)">
                  <template #value>
                    <span :class="'wd-' + w.status">{{ $t('distributor.wd_status.' + w.status) }}</span>
                    <div v-if="w.reason" class="muted">{{ w.reason }}</div>
                  </template>
                </van-cell>
              </van-cell-group>
            </van-list>
          </van-tab>
          <van-tab name="poster" :title="$t('distributor.tabs.poster')">
            <div class="panel dist-poster" data-testid="poster-panel">
              <p class="muted">{{ $t('distributor.poster_text') }}</p>
              <van-button v-if="!share" round block type="primary" :loading="busy" @click="makePoster"
                          data-testid="make-poster">{{ $t('distributor.make_poster') }}</van-button>
              <template v-else>
                <img :src="share.poster_url" class="dist-poster-image" data-testid="poster-image"
                     :alt="$t('distributor.tabs.poster')" />
                <div class="muted dist-link" data-testid="share-link">{{ share.url }}</div>
                <p class="muted">{{ $t('distributor.poster_save') }}</p>
              </template>
            </div>
          </van-tab>
        </van-tabs>
      </template>
    </template>`,
};
