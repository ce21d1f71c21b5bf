// Unit names instead of codes everywhere: the unit list is read once per sign-in.
import { reactive } from "vue";
import { api, unwrap } from "@/api/client";

export interface UnitOption {
  code: string;
  name: string;
  kind: string;
}

const names: Record<string, string> = reactive({});
const options: UnitOption[] = reactive([]);
let loading: Promise<void> | null = null;

export function loadUnits(): Promise<void> {
  loading ??= unwrap(api.GET("/api/v1/units")).then((units) => {
    for (const unit of units) {
      names[unit.code] = unit.short_name || unit.name;
      options.push({ code: unit.code, name: unit.short_name || unit.name, kind: unit.kind });
    }
  });
  return loading;
}

/** Units to choose from by name (of the given kinds, or all), once the list has arrived. */
export function unitOptions(...kinds: string[]): UnitOption[] {
  return kinds.length ? options.filter((unit) => kinds.includes(unit.kind)) : options;
}

/** A unit's short name, or its code until the list has arrived. */
export function unitName(code: string | null | undefined): string {
  if (!code) return "—";
  return names[code] ?? code;
}
