"use strict";
// The departments' and the office's page: sign in, handle tasks, read notifications, get reports.
// Plain JavaScript with no external resources, so it works on a government intranet.
const tokenKey = "qingling-token";
const statusLabels = { open: "待办", in_progress: "办理中", completed: "已完成", cancelled: "已撤销" };
const escalationLabels = { reminded: "已提醒", warned: "已预警", supervised: "督办中", accountability: "问责" };
const $ = (id) => document.getElementById(id);
const unitNames = {};  // code → short name, loaded once after sign-in

async function api(path, options = {}) {
  const token = sessionStorage.getItem(tokenKey);
  const headers = Object.assign({}, options.headers || {});
  if (token) headers["Authorization"] = "Bearer " + token;
  if (options.json !== undefined) {
    headers["Content-Type"] = "application/json";
    options = Object.assign({}, options, { body: JSON.stringify(options.json) });
  }
  const response = await fetch(path, Object.assign({}, options, { headers }));
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const message = (body.error && body.error.message) || ("请求失败（" + response.status + "）");
    throw new Error(message);
  }
  return body;
}

function cell(row, text, className) {
  const td = document.createElement("td");
  td.textContent = text;
  if (className) td.className = className;
  row.append(td);
  return td;
}

function actionButton(container, label, handler) {
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = label;
  button.addEventListener("click", handler);
  container.append(button);
}

function openForm(task, kind) {
  const titles = { progress: "报告进度", complete: "办结任务", extension: "申请延期" };
  $("action-title").textContent = titles[kind] + "：" + task.title;
  $("action-task").value = task.id;
  $("action-kind").value = kind;
  $("percent-field").hidden = kind !== "progress";
  $("deadline-field").hidden = kind !== "extension";
  $("nil-field").hidden = !(kind === "complete" && task.deliverables.includes("report"));
  $("action-nil").checked = false;
  $("action-percent").value = task.progress;
  $("action-deadline").value = "";
  $("action-note").value = "";
  $("action-form").hidden = false;
}

async function loadTasks() {
  const params = new URLSearchParams({ limit: "200" });
  if ($("only-overdue").checked) params.set("overdue", "true");
  const page = await api("/api/v1/tasks?" + params);
  $("task-summary").textContent = "共 " + page.total + " 项任务";
  const body = $("tasks").querySelector("tbody");
  body.innerHTML = "";
  for (const task of page.items) {
    const row = document.createElement("tr");
    row.dataset.taskId = task.id;
    if (task.overdue) row.className = "overdue";
    cell(row, task.title);
    cell(row, unitNames[task.unit_code] || task.unit_code);
    const deadline = cell(row, task.deadline + (task.overdue ? "（已逾期）" : ""));
    if (task.deadline_provisional) {
      const note = document.createElement("span");
      note.className = "provisional";
      note.textContent = " 暂估";
      note.title = "当年放假安排尚未公布，期限按法定节假日暂估";
      deadline.append(note);
    }
    cell(row, statusLabels[task.status] || task.status, "status");
    cell(row, task.progress + "%");
    cell(row, escalationLabels[task.escalation] || "—");
    const actions = cell(row, "");
    if (task.status === "open" || task.status === "in_progress") {
      actionButton(actions, "进度", () => openForm(task, "progress"));
      actionButton(actions, "办结", () => openForm(task, "complete"));
      if (!task.pending_extension) actionButton(actions, "申请延期", () => openForm(task, "extension"));
    }
    body.append(row);
  }
}

async function submitAction(event) {
  event.preventDefault();
  const id = encodeURIComponent($("action-task").value);
  const kind = $("action-kind").value;
  const note = $("action-note").value;
  const requests = {
    progress: ["/progress", { percent: Number($("action-percent").value), note }],
    complete: ["/complete", { note, nil_report: $("action-nil").checked }],
    extension: ["/extension-requests", { new_deadline: $("action-deadline").value, reason: note }],
  };
  const [suffix, json] = requests[kind];
  try {
    await api("/api/v1/tasks/" + id + suffix, { method: "POST", json });
    $("action-message").textContent = "已提交";
    $("action-message").className = "";
    $("action-form").hidden = true;
    await loadTasks();
  } catch (e) {
    $("action-message").textContent = e.message;
    $("action-message").className = "error";
  }
}

async function download(report, format) {
  // A link cannot carry the bearer token, so fetch the file and hand the browser a blob.
  const response = await fetch("/api/v1/reports/" + encodeURIComponent(report.id) + "/" + format, {
    headers: { Authorization: "Bearer " + sessionStorage.getItem(tokenKey) },
  });
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    throw new Error((body.error && body.error.message) || ("下载失败（" + response.status + "）"));
  }
  const link = document.createElement("a");
  link.href = URL.createObjectURL(await response.blob());
  link.download = report.title + "（" + report.period_label + "）." + format;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 60000);  // after the browser has the file
}

async function offerDownload(report, format) {
  $("report-message").textContent = "";
  try {
    await download(report, format);
  } catch (e) {
    $("report-message").textContent = e.message;
  }
}

async function loadReports() {
  const page = await api("/api/v1/reports?limit=100");
  $("report-summary").textContent = "共 " + page.total + " 份报告";
  const body = $("reports").querySelector("tbody");
  body.innerHTML = "";
  for (const report of page.items) {
    const row = document.createElement("tr");
    row.dataset.reportId = report.id;
    cell(row, report.title);
    cell(row, report.period_label);
    cell(row, new Date(report.created_at).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai" }));
    const links = cell(row, "");
    actionButton(links, "表格 xlsx", () => offerDownload(report, "xlsx"));
    actionButton(links, "通报 docx", () => offerDownload(report, "docx"));
    body.append(row);
  }
}

async function loadNotifications() {
  const page = await api("/api/v1/notifications?limit=100");
  $("unread").textContent = page.unread ? String(page.unread) : "";
  const list = $("notifications");
  list.innerHTML = "";
  for (const item of page.items) {
    const li = document.createElement("li");
    li.textContent = item.created_at.slice(0, 16).replace("T", " ") + "  " + item.title;
    if (!item.read_at) li.className = "unread";
    li.dataset.id = item.id;
    list.append(li);
  }
}

function showView(name) {
  $("tasks-view").hidden = name !== "tasks";
  $("notifications-view").hidden = name !== "notifications";
  $("reports-view").hidden = name !== "reports";
  $("show-reports").classList.toggle("active", name === "reports");
  $("show-tasks").classList.toggle("active", name === "tasks");
  $("show-notifications").classList.toggle("active", name === "notifications");
}

async function showHome() {
  const me = await api("/api/v1/me");
  $("login-panel").hidden = true;
  $("home-panel").hidden = false;
  $("who").textContent = (me.display_name || me.username) + "（" + me.role_label + (me.unit ? "，" + me.unit : "") + "）";
  for (const unit of await api("/api/v1/units")) unitNames[unit.code] = unit.short_name || unit.name;
  await Promise.all([loadTasks(), loadNotifications()]);
}

$("login-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  $("login-error").textContent = "";
  const form = new URLSearchParams();
  form.set("username", $("username").value);
  form.set("password", $("password").value);
  try {
    const answer = await api("/api/v1/auth/token", { method: "POST", body: form });
    sessionStorage.setItem(tokenKey, answer.access_token);
    await showHome();
  } catch (e) {
    $("login-error").textContent = e.message;
  }
});

$("action-form").addEventListener("submit", submitAction);
$("action-cancel").addEventListener("click", () => { $("action-form").hidden = true; });
$("only-overdue").addEventListener("change", loadTasks);
$("show-tasks").addEventListener("click", () => { showView("tasks"); loadTasks(); });
$("show-notifications").addEventListener("click", () => { showView("notifications"); loadNotifications(); });
$("show-reports").addEventListener("click", () => { showView("reports"); loadReports(); });
$("mark-read").addEventListener("click", async () => {
  const ids = [...document.querySelectorAll("#notifications li.unread")].map((li) => Number(li.dataset.id));
  if (ids.length) await api("/api/v1/notifications/read", { method: "POST", json: { ids } });
  await loadNotifications();
});
$("logout-button").addEventListener("click", () => {
  sessionStorage.removeItem(tokenKey);
  location.reload();
});

if (sessionStorage.getItem(tokenKey)) {
  showHome().catch(() => sessionStorage.removeItem(tokenKey));
}
