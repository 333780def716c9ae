// 会员中心: my points, tier and what it gives, the next tier, the daily
// check-in with this month's calendar, and my points history. Today, the
// streak, what a check-in gives and every balance are the server's answers
// (GET .../members/merchants/<id>, .../checkins, .../points); the calendar
// only lays the month's days out.
import { api, showError, errorText } from "../api.js";
import { dateTime } from "../format.js";
import { shopId } from "../shop.js";
import { t } from "../i18n.js";

const { ref, computed, onMounted } = Vue;
const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6];

// the cells of a month "YYYY-MM": blanks before the 1st, then its days
function monthCells(month) {
  const [year, mon] = month.split("-").map(Number);
  const blanks = new Date(Date.UTC(year, mon - 1, 1)).getUTCDay();
  const days = new Date(Date.UTC(year, mon, 0)).getUTCDate();
  const cells = Array.from({ length: blanks }, (_, i) => ({ key: `b${i}`, day: null }));
  for (let d = 1; d <= days; d += 1) {
    cells.push({ key: `d${d}`, day: `${month}-${String(d).padStart(2, "0")}`, label: d });
  }
  return cells;
}

function shiftMonth(month, by) {
  const [year, mon] = month.split("-").map(Number);
  const moved = new Date(Date.UTC(year, mon - 1 + by, 1));
  return `${moved.getUTCFullYear()}-${String(moved.getUTCMonth() + 1).padStart(2, "0")}`;
}

export default {
  setup() {
    const route = VueRouter.useRoute();
    const merchant = ref(0);
    const standing = ref(null);
    const calendar = ref(null);
    const entries = ref([]);
    const loading = ref(true);
    const busy = ref(false);
    const refusal = ref("");

    const base = () => `/mp/v1/members/merchants/${merchant.value}`;
    async function loadCalendar(month) {
      calendar.value = await api.get(`${base()}/checkins`, month ? { month } : undefined);
    }
    async function loadAll() {
      const [mine, history] = await Promise.all([
        api.get(base()), api.get(`${base()}/points`, { per_page: 20 })]);
      standing.value = mine;
      entries.value = history.entries;
      await loadCalendar(calendar.value ? calendar.value.month : "");
    }
    onMounted(async () => {
      try {
        merchant.value = await shopId(route);
        await loadAll();
      } catch (err) {
        showError(err);
      } finally {
        loading.value = false;
      }
    });

    async function checkIn() {
      busy.value = true;
      refusal.value = "";
      try {
        const done = await api.post(`${base()}/checkin`);
        vant.showToast(t("membership.checked_in", { points: done.points, streak: done.streak }));
        calendar.value = null;  // back to the month of today
        await loadAll();
      } catch (err) {
        refusal.value = errorText(err);
      } finally {
        busy.value = false;
      }
    }
    async function moveMonth(by) {
      try {
        await loadCalendar(shiftMonth(calendar.value.month, by));
      } catch (err) {
        showError(err);
      }
    }

    const checked = computed(() => new Map((calendar.value ? calendar.value.days : [])
      .map((d) => [d.day, d])));
    const cells = computed(() => (calendar.value ? monthCells(calendar.value.month) : []));
    const percent = (bps) => String(bps / 100);
    const signed = (n) => (n > 0 ? `+${n}` : String(n));
    const kindText = (kind) => t(`membership.kinds.${kind}`);
    return { standing, calendar, entries, loading, busy, refusal, checkIn, moveMonth, checked,
             cells, WEEKDAYS, percent, signed, kindText, dateTime };
  },
  template: `
    <van-nav-bar :title="$t('membership.title')" left-arrow @click-left="$router.back()" />
    <van-loading v-if="loading" class="page-loading" />
    <template v-else-if="standing">
      <div class="member-head">
        <div class="member-points" data-testid="points-balance">{{ standing.points }}</div>
        <div>{{ $t('membership.points') }}</div>
        <div class="member-growth">{{ $t('membership.growth', { n: standing.growth }) }}</div>
      </div>
      <van-cell-group class="panel" data-testid="tier">
        <van-cell :title="$t('membership.tier')"
                  :value="standing.tier ? standing.tier.name : $t('membership.no_tier')" />
        <van-cell v-if="standing.tier" :title="$t('membership.perks')">
          <template #label>
            <van-tag v-if="standing.tier.discount_bps" plain type="primary" class="member-perk">
              {{ $t('membership.discount', { pct: percent(standing.tier.discount_bps) }) }}</van-tag>
            <van-tag v-if="standing.tier.free_shipping" plain type="primary" class="member-perk">
              {{ $t('membership.free_shipping') }}</van-tag>
            <span v-if="!standing.tier.discount_bps && !standing.tier.free_shipping">
              {{ $t('membership.no_perks') }}</span>
          </template>
        </van-cell>
        <van-cell v-if="standing.next_tier" :title="$t('membership.next_tier')"
                  :label="$t('membership.next_needs', { need: standing.next_tier.min_growth,
                                                         have: standing.growth })"
                  :value="standing.next_tier.name" data-testid="next-tier" />
      </van-cell-group>

      <section class="panel checkin" v-if="calendar" data-testid="checkin">
        <div class="checkin-head">
          <div>
            <div class="checkin-title">{{ $t('membership.checkin') }}</div>
            <div class="muted" data-testid="checkin-streak">
              {{ $t('membership.streak', { n: calendar.streak }) }}</div>
          </div>
          <van-button round size="small" :type="calendar.checked_in_today ? 'default' : 'primary'"
                      :loading="busy" @click="checkIn" data-testid="checkin-button">
            {{ calendar.checked_in_today ? $t('membership.checked_today')
               : $t('membership.check_in', { points: calendar.reward_points }) }}
          </van-button>
        </div>
        <div v-if="refusal" class="checkin-refusal" data-testid="checkin-refusal">{{ refusal }}</div>
        <div class="calendar-bar">
          <van-icon name="arrow-left" @click="moveMonth(-1)" data-testid="month-prev" />
          <span data-testid="calendar-month">{{ calendar.month }}</span>
          <van-icon name="arrow" @click="moveMonth(1)" data-testid="month-next" />
        </div>
        <div class="calendar" data-testid="calendar">
          <div v-for="w in WEEKDAYS" :key="'w' + w" class="calendar-weekday">
            {{ $t('membership.weekdays.' + w) }}</div>
          <div v-for="cell in cells" :key="cell.key" class="calendar-day"
               :class="{ 'is-checked': cell.day && checked.has(cell.day),
                         'is-today': cell.day === calendar.today }"
               :data-day="cell.day || undefined">
            <template v-if="cell.day">
              <span>{{ cell.label }}</span>
              <small v-if="checked.has(cell.day)">+{{ checked.get(cell.day).points }}</small>
            </template>
          </div>
        </div>
      </section>

      <h2 class="section-title">{{ $t('membership.history') }}</h2>
      <van-cell-group class="panel" data-testid="points-history">
        <van-empty v-if="!entries.length" :description="$t('membership.no_history')" />
        <van-cell v-for="e in entries" :key="e.id" :title="kindText(e.kind)"
                  :label="e.note || dateTime(e.created_at)" :value="signed(e.points)"
                  :value-class="e.points > 0 ? 'points-plus' : 'points-minus'" />
      </van-cell-group>
    </template>`,
};
