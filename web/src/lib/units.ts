// Unit names instead of codes everywhere: the unit list is read once per sign-in.
import { reactive } from "vue";
import { api, unwrap } from "@/api/client";

const names: Record<string, string> = reactive({});
const order: string[] = reactive([]);
const parents: Record<string, string | null> = reactive({});
const kinds: Record<string, string> = reactive({});
let loading: Promise<void> | null = null;

/** Every unit, page by page (a city has hundreds). */
async function readAll(): Promise<void> {
  const limit = 500;
  for (let offset = 0; ; offset += limit) {
    const page = await unwrap(api.GET("/api/v1/units", { params: { query: { limit, offset } } }));
    for (const unit of page.items) {
      names[unit.code] = unit.short_name || unit.name;
      order.push(unit.code);
      parents[unit.code] = unit.parent_code;
      kinds[unit.code] = unit.kind;
    }
    if (offset + limit >= page.total) return;
  }
}

export function loadUnits(): Promise<void> {
  loading ??= readAll();
  return loading;
}

/** A unit's short name, or its code until the list has arrived. */
export function unitName(code: string | null | undefined): string {
  if (!code) return "—";
  return names[code] ?? code;
}

/** Every unit as {code, name}, in the API's order, for a select; only those of the given
 * kinds (district, town, member_unit …) when any are named. */
export function unitOptions(...only: string[]): { code: string; name: string }[] {
  const wanted = only.length ? order.filter((code) => only.includes(kinds[code] ?? "")) : order;
  return wanted.map((code) => ({ code, name: names[code] ?? code }));
}

/** A unit and every unit below it (a district's territory), as {code, name} for a select. */
export function subtree(root: string): { code: string; name: string }[] {
  const inside = (code: string | null | undefined): boolean =>
    code === root || (code !== null && code !== undefined && inside(parents[code]));
  return unitOptions().filter((unit) => inside(unit.code));
}
