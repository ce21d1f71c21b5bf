// Hash routes (/#/tasks/…): the API serves one index.html and needs no catch-all route.
import { createRouter, createWebHashHistory, type RouteRecordRaw } from "vue-router";
import { api, unwrap } from "@/api/client";
import { session, type Me } from "@/lib/session";
import { sectionsFor } from "@/lib/menu";
import AppLayout from "@/components/AppLayout.vue";
import LoginView from "@/views/LoginView.vue";

const routes: RouteRecordRaw[] = [
  { path: "/login", name: "login", component: LoginView, meta: { public: true } },
  {
    path: "/",
    component: AppLayout,
    children: [
      // the guard below sends each role to its first section, once it knows who is signed in
      { path: "", name: "home", component: { render: () => null } },
      { path: "tasks", name: "tasks", component: () => import("@/views/TasksView.vue") },
      { path: "tasks/:id", name: "task", component: () => import("@/views/TaskDetailView.vue"), meta: { section: "tasks" } },
      { path: "notifications", name: "notifications", component: () => import("@/views/NotificationsView.vue") },
      { path: "reports", name: "reports", component: () => import("@/views/ReportsView.vue") },
      { path: "supervision", name: "supervision", component: () => import("@/views/SupervisionView.vue") },
      { path: "accounts", name: "accounts", component: () => import("@/views/AccountsView.vue") },
      { path: "cases", name: "cases", component: () => import("@/views/cases/CasesView.vue") },
      { path: "cases/new", name: "case-new", component: () => import("@/views/cases/CaseRegisterView.vue"), meta: { section: "cases" } },
      { path: "cases/import", name: "case-import", component: () => import("@/views/cases/CaseImportView.vue"), meta: { section: "cases" } },
      { path: "cases/:id", name: "case", component: () => import("@/views/cases/CaseDetailView.vue"), meta: { section: "cases" } },
      { path: "hazards", name: "hazards", component: () => import("@/views/hazards/HazardsView.vue") },
      { path: "hazards/:id", name: "hazard", component: () => import("@/views/hazards/HazardDetailView.vue"), meta: { section: "hazards" } },
      { path: "blacklist", name: "blacklist", component: () => import("@/views/BlacklistView.vue") },
      { path: "projects", name: "projects", component: () => import("@/views/projects/ProjectsView.vue") },
      { path: "dashboard", name: "dashboard", component: () => import("@/views/DashboardView.vue") },
      { path: "campaigns", name: "campaigns", component: () => import("@/views/CampaignsView.vue") },
      { path: "leader", name: "leader", component: () => import("@/views/LeaderView.vue") },
    ],
  },
];

export const router = createRouter({ history: createWebHashHistory(), routes });

/** Who is signed in, asked once per page load; an expired token goes back to the login page. */
export async function loadMe(): Promise<Me | null> {
  if (!session.token) return null;
  if (!session.me) {
    try {
      session.me = (await unwrap(api.GET("/api/v1/me"))) as Me;
    } catch {
      session.expire();
      return null;
    }
  }
  return session.me;
}

router.beforeEach(async (to) => {
  if (to.meta.public) return true;
  const me = await loadMe();
  if (!me) return { name: "login", query: { next: to.fullPath } };
  return to.name === "home" ? { name: sectionsFor(me.role)[0]?.name ?? "tasks" } : true;
});
