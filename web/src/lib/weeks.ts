// Weeks of the indicators, named by their Monday (the API's week_start) in Beijing's calendar.
import { ref, watch, type Ref } from "vue";
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

/** A week's rows, read again whenever the week changes (and after an upload). */
export function useWeekRows<T>(week: () => string, read: (week: string) => Promise<T[]>): { rows: Ref<T[]>; error: Ref<string>; load: () => Promise<void> } {
  const rows = ref<T[]>([]) as Ref<T[]>;
  const error = ref("");
  async function load(): Promise<void> {
    error.value = "";
    try {
      rows.value = await read(week());
    } catch (failure) {
      error.value = failure instanceof Error ? failure.message : "加载失败";
    }
  }
  watch(week, load, { immediate: true });
  return { rows, error, load };
}
