// 操作日志: every staff write of the merchant, newest first (GET
// .../operation-log), filtered by who and what, a page at a time.
import { api, showError, dateTime } from "../api.js";
import { session } from "../session.js";

const { ref, reactive, onMounted } = Vue;
const PER_PAGE = 20;

export default {
  setup() {
    const rows = ref([]);
    const total = ref(0);
    const page = ref(1);
    const loading = ref(false);
    const filters = reactive({ actor: "", action: "" });

    async function refresh() {
      loading.value = true;
      const query = { page: page.value, per_page: PER_PAGE };
      for (const [k, v] of Object.entries(filters)) if (v) query[k] = v;
      try {
        const body = await api.get(`/api/v1/merchants/${session.merchantId}/operation-log`,
                                   query);
        rows.value = body.items;
        total.value = body.meta.total;
      } catch (err) {
        showError(err);
      } finally {
        loading.value = false;
      }
    }

    function search() { page.value = 1; refresh(); }
    function reset() { Object.assign(filters, { actor: "", action: "" }); search(); }

    onMounted(refresh);
    return { rows, total, page, loading, filters, search, reset, refresh, dateTime,
             PER_PAGE };
  },
  template: `
  <el-card shadow="never">
    <el-form :inline="true" :model="filters" class="filters" @submit.prevent="search">
      <el-form-item :label="$t('oplog.filter_who')">
        <el-input v-model="filters.actor" clearable data-testid="filter-actor" />
      </el-form-item>
      <el-form-item :label="$t('oplog.filter_action')">
        <el-input v-model="filters.action" clearable data-testid="filter-action" />
      </el-form-item>
      <el-form-item>
        <el-button type="primary" native-type="submit" :icon="'Search'">{{ $t('common.search') }}</el-button>
        <el-button @click="reset">{{ $t('common.reset') }}</el-button>
      </el-form-item>
    </el-form>
    <el-table :data="rows" v-loading="loading" data-testid="oplog-table" stripe>
      <el-table-column :label="$t('oplog.time')" width="170">
        <template #default="{ row }">{{ dateTime(row.at || row.created_at) }}</template>
      </el-table-column>
      <el-table-column :label="$t('oplog.who')" width="140">
        <template #default="{ row }">{{ row.actor ? row.actor.nickname : '' }}</template>
      </el-table-column>
      <el-table-column prop="action" :label="$t('oplog.action')" min-width="200" />
      <el-table-column prop="target" :label="$t('oplog.target')" min-width="160" />
      <el-table-column prop="ip" :label="$t('oplog.ip')" width="140" />
    </el-table>
    <el-pagination class="pager" background layout="total, prev, pager, next"
                   :total="total" :page-size="PER_PAGE" v-model:current-page="page"
                   @current-change="refresh" />
  </el-card>`,
};
