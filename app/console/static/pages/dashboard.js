// 数据概况: today and the last N days (GET /api/v1/merchants/<mid>/dashboard):
// stat cards, the daily trend (GMV and orders), GMV by source, top products.
import { api, showError, yuan } from "../api.js";
import { session } from "../session.js";
import { t, locale } from "../i18n.js";

const { ref, computed, watch, onMounted, onBeforeUnmount, nextTick } = Vue;
const SOURCE_COLOURS = { live: "#f56c6c", share: "#409eff", community: "#67c23a",
                         direct: "#909399" };

function percent(bps) {
  return `${Math.floor(bps / 100)}.${String(bps % 100).padStart(2, "0")}%`;
}

function trendOption(data) {
  return {
    color: ["#409eff", "#b3d8ff"],
    tooltip: { trigger: "axis" },
    legend: { data: [t("dashboard.gmv_series"), t("dashboard.orders_series")], top: 0 },
    grid: { left: 56, right: 48, top: 40, bottom: 32 },
    xAxis: { type: "category", data: data.daily.map((d) => d.day.slice(5)) },
    yAxis: [{ type: "value", name: t("common.yuan") },
            { type: "value", minInterval: 1, splitLine: { show: false } }],
    series: [
      { name: t("dashboard.gmv_series"), type: "line", areaStyle: { opacity: 0.12 },
        data: data.daily.map((d) => d.gmv_fen / 100) },
      { name: t("dashboard.orders_series"), type: "bar", yAxisIndex: 1, barMaxWidth: 16,
        data: data.daily.map((d) => d.orders) },
    ],
  };
}

function sourceOption(data) {
  const sold = data.by_source.some((s) => s.gmv_fen > 0);
  return {
    // nothing sold: no slices (rather than four equal ones), a line of text
    title: { show: !sold, text: t("dashboard.no_sales"), left: "center", top: "middle",
             textStyle: { fontSize: 14, fontWeight: "normal", color: "#909399" } },
    tooltip: { trigger: "item", formatter: (p) => `${p.name}: ¥${yuan(p.data.fen)} (${p.percent}%)` },
    legend: { bottom: 0 },
    series: [{
      type: "pie", radius: ["36%", "60%"], center: ["50%", "45%"], stillShowZeroSum: false,
      label: { formatter: "{b}\n{d}%" },
      // a source that sold nothing stays in the legend, without a label
      data: data.by_source.map((s) => ({ name: t(`dashboard.sources.${s.source}`),
                                         value: s.gmv_fen / 100, fen: s.gmv_fen,
                                         label: { show: s.gmv_fen > 0 },
                                         labelLine: { show: s.gmv_fen > 0 },
                                         itemStyle: { color: SOURCE_COLOURS[s.source] } })),
    }],
  };
}

export default {
  setup() {
    const days = ref(30);
    const data = ref(null);
    const loading = ref(false);
    const trendEl = ref(null);
    const sourceEl = ref(null);
    const charts = [];

    const cards = computed(() => {
      if (!data.value) return [];
      return ["today", "period"].map((span) => {
        const f = data.value[span];
        return { span, items: [
          { key: "gmv", value: yuan(f.gmv_fen), hint: t("dashboard.gmv_hint") },
          { key: "orders", value: String(f.orders) },
          { key: "paying_buyers", value: String(f.paying_buyers) },
          { key: "conversion", value: percent(f.conversion_bps),
            hint: t("dashboard.conversion_hint") },
        ] };
      });
    });

    function draw() {
      if (!data.value || !trendEl.value) return;
      if (!charts.length) charts.push(echarts.init(trendEl.value), echarts.init(sourceEl.value));
      charts[0].setOption(trendOption(data.value), true);
      charts[1].setOption(sourceOption(data.value), true);
    }

    async function fetchData() {
      if (!session.merchantId) return;
      loading.value = true;
      try {
        data.value = await api.get(`/api/v1/merchants/${session.merchantId}/dashboard`,
                                   { days: days.value });
        await nextTick();
        draw();
      } catch (err) {
        showError(err);
      } finally {
        loading.value = false;
      }
    }

    const resize = () => charts.forEach((c) => c.resize());
    onMounted(() => { fetchData(); window.addEventListener("resize", resize); });
    onBeforeUnmount(() => {
      window.removeEventListener("resize", resize);
      charts.forEach((c) => c.dispose());
    });
    watch(days, fetchData);
    watch(locale, draw);

    return { session, days, data, loading, cards, trendEl, sourceEl, yuan };
  },
  template: `
  <div class="dashboard" v-loading="loading">
    <el-empty v-if="!session.merchantId" :description="$t('dashboard.no_merchant')" />
    <template v-else>
      <div class="toolbar">
        <el-radio-group v-model="days" data-testid="days">
          <el-radio-button :value="7">{{ $t('dashboard.days', { n: 7 }) }}</el-radio-button>
          <el-radio-button :value="30">{{ $t('dashboard.days', { n: 30 }) }}</el-radio-button>
          <el-radio-button :value="90">{{ $t('dashboard.days', { n: 90 }) }}</el-radio-button>
        </el-radio-group>
      </div>
      <el-card v-for="group in cards" :key="group.span" shadow="never" class="stat-group"
               :data-span="group.span">
        <template #header>{{ group.span === 'today' ? $t('dashboard.today') : $t('dashboard.period', { days: data.days }) }}</template>
        <el-row :gutter="16">
          <el-col v-for="item in group.items" :key="item.key" :xs="12" :sm="12" :md="6">
            <div class="stat" :data-stat="item.key">
              <div class="stat-label">{{ $t('dashboard.' + item.key) }}
                <el-tooltip v-if="item.hint" :content="item.hint" placement="top">
                  <el-icon class="stat-hint"><QuestionFilled /></el-icon>
                </el-tooltip>
              </div>
              <div class="stat-value">{{ item.value }}</div>
            </div>
          </el-col>
        </el-row>
      </el-card>
      <el-row :gutter="16">
        <el-col :md="16" :sm="24">
          <el-card shadow="never" class="chart-card">
            <template #header>{{ $t('dashboard.trend') }}</template>
            <div ref="trendEl" class="chart" data-testid="trend-chart"></div>
          </el-card>
        </el-col>
        <el-col :md="8" :sm="24">
          <el-card shadow="never" class="chart-card">
            <template #header>{{ $t('dashboard.by_source') }}</template>
            <div ref="sourceEl" class="chart" data-testid="source-chart"></div>
          </el-card>
        </el-col>
      </el-row>
      <el-card shadow="never" class="table-card">
        <template #header>{{ $t('dashboard.top_products') }}</template>
        <el-table :data="data ? data.top_products : []" data-testid="top-products" stripe>
          <el-table-column type="index" :label="$t('dashboard.rank')" width="72" />
          <el-table-column prop="title" :label="$t('dashboard.product')" min-width="200" />
          <el-table-column prop="quantity" :label="$t('dashboard.quantity')" width="120" align="right" />
          <el-table-column :label="$t('dashboard.gmv')" width="160" align="right">
            <template #default="{ row }">{{ yuan(row.gmv_fen) }}</template>
          </el-table-column>
        </el-table>
      </el-card>
    </template>
  </div>`,
};
