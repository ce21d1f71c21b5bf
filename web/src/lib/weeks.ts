// Weeks of the indicators, named by their Monday (the API's week_start) in Beijing's calendar.
import { reactive, ref, watch, type Ref } from "vue";
import { beijingToday, chineseDate } from "@/lib/format";

const DAY_MS = 86_400_000;

function mondayOf(day: string): Date {
  const date = new Date(`${day}T00:00:00Z`);
  return new Date(date.getTime() - ((date.getUTCDay() + 6) % 7) * DAY_MS);
}

/** The last `count` weeks' Mondays, this week's first (YYYY-MM-DD). */
export function recentMondays(count = 12): string[] {
  const monday = mondayOf(beijingToday()).getTime();
  return Array.from({ length: count }, (_, i) => new Date(monday - i * 7 * DAY_MS).toISOString().slice(0, 10));
}

export const weekLabel = (monday: string): string => `${chineseDate(monday)}起一周`;

export interface WeekRows<T> {
  rows: Ref<T[]>;
  total: Ref<number>;
  page: { limit: number; offset: number };
  error: Ref<string>;
  load: () => Promise<void>;
  turn: (current: number) => void;
}

/** A week's rows page by page, read again whenever the week changes (and after an upload). */
export function useWeekRows<T>(
  week: () => string,
  read: (week: string, page: { limit: number; offset: number }) => Promise<{ items: T[]; total: number }>,
): WeekRows<T> {
  const rows = ref<T[]>([]) as Ref<T[]>;
  const total = ref(0);
  const page = reactive({ limit: 50, offset: 0 });
  const error = ref("");
  async function load(): Promise<void> {
    error.value = "";
    try {
      const answer = await read(week(), page);
      rows.value = answer.items;
      total.value = answer.total;
    } catch (failure) {
      error.value = failure instanceof Error ? failure.message : "加载失败";
    }
  }
  function turn(current: number): void {
    page.offset = (current - 1) * page.limit;
    void load();
  }
  watch(week, () => {
    page.offset = 0;
    void load();
  }, { immediate: true });
  return { rows, total, page, error, load, turn };
}
