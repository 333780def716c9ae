// One way for a console list page to page through the API. usePaged(url,
// query) keeps the rows, the total, the page shown and the loading flag;
// refresh() fetches the page shown with the page's filters (query() is asked
// each time), first() goes back to page 1 (after a filter changes or a row
// is made). An error is shown, the rows shown stay.
import { api, showError } from "./api.js";

const { ref } = Vue;

export const PER_PAGE = 20;

export function usePaged(url, query = () => ({}), perPage = PER_PAGE) {
  const rows = ref([]);
  const total = ref(0);
  const page = ref(1);
  const loading = ref(false);

  async function refresh() {
    loading.value = true;
    try {
      const body = await api.get(typeof url === "function" ? url() : url,
                                 { ...query(), page: page.value, per_page: perPage });
      rows.value = body.items;
      total.value = body.meta.total;
    } catch (err) {
      showError(err);
    } finally {
      loading.value = false;
    }
  }

  function first() {
    page.value = 1;
    return refresh();
  }

  return { rows, total, page, loading, refresh, first };
}
