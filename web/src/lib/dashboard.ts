// The dashboard's types (from the API's schema) and the lists its figures open.
import type { RouteLocationRaw, Router } from "vue-router";
import type { Schemas } from "@/api/client";

export type Board = Schemas["Dashboard"];
export type Panels = Schemas["TaskPanels"];
export type Query = Record<string, string | undefined>;
/** Builds the link to a list page by its route name (tasks, cases, hazards, supervision). */
export type ListLink = (name: string, query?: Query) => RouteLocationRaw;

/** Query parameters the list pages read: tasks (campaign, phase, status, unit, overdue=1,
 * escalation), cases (status, district, sector), hazards (district, status), supervision
 * (campaign). A page not in this build yet is reached by its path, the same as its name. */
export function listLink(router: Router): ListLink {
  return (name, query = {}) => {
    const clean = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined)) as Record<string, string>;
    return router.hasRoute(name) ? { name, query: clean } : { path: `/${name}`, query: clean };
  };
}

/** Builds the link to one item's page by its route name (task, case) and id; a page not in
 * this build yet is reached at /<plural>/<id>. */
export type ItemLink = (name: "task" | "case", id: string) => RouteLocationRaw;

export function itemLink(router: Router): ItemLink {
  return (name, id) => (router.hasRoute(name) ? { name, params: { id } } : { path: `/${name}s/${encodeURIComponent(id)}` });
}

/** A share as the offices print it: 66.7% (the API gives percents with one decimal). */
export function share(part: number, whole: number): string {
  return whole ? `${((part / whole) * 100).toFixed(1)}%` : "—";
}
