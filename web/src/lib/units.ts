// Unit names instead of codes everywhere: the unit list is read once per sign-in.
import { reactive } from "vue";
import { api, unwrap } from "@/api/client";

const names: Record<string, string> = reactive({});
const tree: UnitBrief[] = reactive([]);
let loading: Promise<void> | null = null;

/** A unit as choosers list it: its code, the name people read, its parent. */
export interface UnitBrief {
  code: string;
  name: string;
  parent: string | null;
}

export function loadUnits(): Promise<void> {
  loading ??= unwrap(api.GET("/api/v1/units")).then((units) => {
    for (const unit of units) {
      names[unit.code] = unit.short_name || unit.name;
      tree.push({ code: unit.code, name: unit.short_name || unit.name, parent: unit.parent_code });
    }
  });
  return loading;
}

/** Every unit, in the API's order (for choosers). */
export function unitList(): UnitBrief[] {
  return tree;
}

/** A unit and every unit below it: a district's territory. */
export function subtree(root: string): UnitBrief[] {
  const inside = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const unit of tree) {
      if (unit.parent && inside.has(unit.parent) && !inside.has(unit.code)) {
        inside.add(unit.code);
        grew = true;
      }
    }
  }
  return tree.filter((unit) => inside.has(unit.code));
}

/** A unit's short name, or its code until the list has arrived. */
export function unitName(code: string | null | undefined): string {
  if (!code) return "—";
  return names[code] ?? code;
}
