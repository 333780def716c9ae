// One way to page a list through the API (the buyer app's twin of the
// console's paged.js): `fetchPage(page, perPage)` answers the API's page
// ({items, meta: {total}}); a <van-list> calls `more` as it scrolls;
// `reset` empties it so the list loads its first page again.
import { showError } from "./api.js";

const { ref } = Vue;

export function usePaged(fetchPage, perPage = 20) {
  const items = ref([]);
  const total = ref(0);
  const loading = ref(false);
  const finished = ref(false);
  let page = 0;
  let generation = 0;  // a reset drops the answers of pages asked before it

  async function more() {
    const asked = generation;
    loading.value = true;
    try {
      const body = await fetchPage(page + 1, perPage);
      if (asked !== generation) return;
      page += 1;
      items.value.push(...body.items);
      total.value = body.meta.total;
      finished.value = page * perPage >= body.meta.total;
    } catch (err) {
      if (asked !== generation) return;
      showError(err);
      finished.value = true;
    } finally {
      if (asked === generation) loading.value = false;
    }
  }
  function reset() {
    generation += 1;
    items.value = [];
    total.value = 0;
    page = 0;
    loading.value = false;
    finished.value = false;
  }
  return { items, total, loading, finished, more, reset };
}
