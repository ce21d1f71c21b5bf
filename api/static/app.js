"use strict";
// The office and departments' page: sign in, then see who you are. No external resources.
const tokenKey = "qingling-token";

async function api(path, options = {}) {
  const token = sessionStorage.getItem(tokenKey);
  const headers = Object.assign({}, options.headers || {});
  if (token) headers["Authorization"] = "Bearer " + token;
  const response = await fetch(path, Object.assign({}, options, { headers }));
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const message = (body.error && body.error.message) || ("请求失败（" + response.status + "）");
    throw new Error(message);
  }
  return body;
}

async function showHome() {
  const me = await api("/api/v1/me");
  document.getElementById("login-panel").hidden = true;
  document.getElementById("home-panel").hidden = false;
  document.getElementById("who").textContent = (me.display_name || me.username) + "（" + me.role_label + "）";
  const rows = [["用户名", me.username], ["角色", me.role_label], ["所属单位", me.unit || "—"]];
  document.getElementById("me").innerHTML = "";
  for (const [k, v] of rows) {
    const dt = document.createElement("dt"); dt.textContent = k;
    const dd = document.createElement("dd"); dd.textContent = v;
    document.getElementById("me").append(dt, dd);
  }
}

document.getElementById("login-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const error = document.getElementById("login-error");
  error.textContent = "";
  const form = new URLSearchParams();
  form.set("username", document.getElementById("username").value);
  form.set("password", document.getElementById("password").value);
  try {
    const answer = await api("/api/v1/auth/token", { method: "POST", body: form });
    sessionStorage.setItem(tokenKey, answer.access_token);
    await showHome();
  } catch (e) {
    error.textContent = e.message;
  }
});

document.getElementById("logout-button").addEventListener("click", () => {
  sessionStorage.removeItem(tokenKey);
  location.reload();
});

if (sessionStorage.getItem(tokenKey)) {
  showHome().catch(() => sessionStorage.removeItem(tokenKey));
}
