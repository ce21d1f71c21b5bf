// One list page's state: a window (limit, offset) on the API's page, its rows and total, and
// the error and loading flags every list shows.
import { reactive, ref, type Ref } from "vue";

export interface PageAnswer<T> {
  items: T[];
  total: number;
}

export interface PageWindow {
  limit: number;
  offset: number;
}

export function usePagedList<T>(fetchPage: (window: PageWindow) => Promise<PageAnswer<T>>, limit = 20) {
  const page = reactive<PageWindow>({ limit, offset: 0 });
  const rows = ref([]) as Ref<T[]>;
  const total = ref(0);
  const error = ref("");
  const loading = ref(false);

  async function load(): Promise<void> {
    loading.value = true;
    error.value = "";
    try {
      const answer = await fetchPage({ ...page });
      rows.value = answer.items;
      total.value = answer.total;
    } catch (failure) {
      error.value = failure instanceof Error ? failure.message : "加载失败";
    } finally {
      loading.value = false;
    }
  }

  /** The pager's page number (from 1). */
  function onPage(current: number): void {
    page.offset = (current - 1) * page.limit;
    void load();
  }

  /** From the first page again, after a filter changed. */
  function restart(): void {
    page.offset = 0;
    void load();
  }

  return { page, rows, total, error, loading, load, onPage, restart };
}
