// Unit names instead of codes everywhere: the unit list is read once per sign-in.
import { reactive } from "vue";
import { api, unwrap } from "@/api/client";

const names: Record<string, string> = reactive({});
const order: string[] = reactive([]);
let loading: Promise<void> | null = null;

export function loadUnits(): Promise<void> {
  loading ??= unwrap(api.GET("/api/v1/units")).then((units) => {
    for (const unit of units) {
      names[unit.code] = unit.short_name || unit.name;
      order.push(unit.code);
    }
  });
  return loading;
}

/** A unit's short name, or its code until the list has arrived. */
export function unitName(code: string | null | undefined): string {
  if (!code) return "—";
  return names[code] ?? code;
}

/** Every unit as {code, name}, in the API's order, for a select. */
export function unitOptions(): { code: string; name: string }[] {
  return order.map((code) => ({ code, name: names[code] ?? code }));
}
