// 操作日志: every staff write of the merchant, newest first (GET
// .../operation-log), filtered by who and by China days, a page at a time.
import { api, dateTime } from "../api.js";
import { usePaged, PER_PAGE } from "../paged.js";
import { session } from "../session.js";

const { ref, reactive, computed, onMounted } = Vue;

function nextDay(day) {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

function targetsText(targets) {
  return Object.entries(targets || {}).map(([k, v]) => `${k}: ${v}`).join(", ");
}

export default {
  setup() {
    const { rows, total, page, loading, refresh, first } = usePaged(() => `${base()}/operation-log`, listQuery);
    const staff = ref([]);
    const filters = reactive({ user_id: null, days: null });
    const names = computed(() => Object.fromEntries(staff.value.map((p) => [p.user_id,
                                                                            p.nickname])));
    const base = () => `/api/v1/merchants/${session.merchantId}`;

    function listQuery() {  // the page's filters, as the API takes them
      const query = {};
      if (filters.user_id) query.user_id = filters.user_id;
      if (filters.days) {  // whole China days: [first midnight, midnight after the last)
        query.from = `${filters.days[0]}T00:00:00+08:00`;
        query.to = `${nextDay(filters.days[1])}T00:00:00+08:00`;
      }
      return query;
    }

    async function loadStaff() {
      try {
        const body = await api.get(`${base()}/staff`);
        staff.value = Array.isArray(body) ? body : body.items;
      } catch (err) {
        staff.value = [];
      }
    }

    function search() { first(); }
    function reset() { Object.assign(filters, { user_id: null, days: null }); search(); }

    onMounted(() => { loadStaff(); refresh(); });
    return { rows, total, page, loading, staff, names, filters, search, reset, refresh,
             dateTime, targetsText, PER_PAGE };
  },
  template: `
  <el-card shadow="never">
    <el-form :inline="true" :model="filters" class="filters" @submit.prevent="search">
      <el-form-item :label="$t('oplog.filter_who')">
        <el-select v-model="filters.user_id" clearable :placeholder="$t('common.all')"
                   class="status-select" data-testid="filter-who">
          <el-option v-for="p in staff" :key="p.user_id" :value="p.user_id" :label="p.nickname" />
        </el-select>
      </el-form-item>
      <el-form-item :label="$t('oplog.filter_day')">
        <el-date-picker v-model="filters.days" type="daterange" value-format="YYYY-MM-DD"
                        :start-placeholder="$t('oplog.from')" :end-placeholder="$t('oplog.to')"
                        data-testid="filter-days" />
      </el-form-item>
      <el-form-item>
        <el-button type="primary" native-type="submit" :icon="'Search'">{{ $t('common.search') }}</el-button>
        <el-button @click="reset">{{ $t('common.reset') }}</el-button>
      </el-form-item>
    </el-form>
    <el-table :data="rows" v-loading="loading" data-testid="oplog-table" stripe>
      <el-table-column :label="$t('oplog.time')" width="160">
        <template #default="{ row }">{{ dateTime(row.at) }}</template>
      </el-table-column>
      <el-table-column :label="$t('oplog.who')" width="140">
        <template #default="{ row }">{{ names[row.user_id] || ('#' + row.user_id) }}</template>
      </el-table-column>
      <el-table-column :label="$t('oplog.action')" min-width="280">
        <template #default="{ row }"><span class="method">{{ row.method }}</span>{{ row.path }}</template>
      </el-table-column>
      <el-table-column :label="$t('oplog.target')" min-width="160">
        <template #default="{ row }">{{ targetsText(row.targets) }}</template>
      </el-table-column>
      <el-table-column prop="status" :label="$t('oplog.result')" width="80" align="center" />
      <el-table-column prop="ip" :label="$t('oplog.ip')" width="130" />
    </el-table>
    <el-pagination class="pager" background layout="total, prev, pager, next"
                   :total="total" :page-size="PER_PAGE" v-model:current-page="page"
                   @current-change="refresh" />
  </el-card>`,
};
