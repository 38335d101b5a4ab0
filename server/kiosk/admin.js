// The kiosks' admin page: asks for the admin token, then lists every kiosk
// page every few seconds and sends it commands. Everything a kiosk reports
// reaches the page through textContent only, never as HTML.
"use strict";

(() => {
  const REFRESH_MS = 3000; // how often the list is fetched again
  const TOKEN_KEY = "yunyou-admin-token"; // sessionStorage: gone when the tab closes
  const LANGUAGES = ["zh", "en", "fr", "es", "ru", "ar"];

  const $ = (id) => document.getElementById(id);
  const rows = new Map(); // page id → {tr, cells, select}
  let timer = 0;

  function token() { return sessionStorage.getItem(TOKEN_KEY) || ""; }

  function showError(text) {
    $("error").textContent = text;
    $("error").hidden = text === "";
  }

  function notice(text) { $("notice").textContent = text; }

  // api calls the admin API; a 401 forgets the token and asks again.
  async function api(method, path, body) {
    const init = { method, headers: { Authorization: "Bearer " + token() }, cache: "no-store" };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const res = await fetch(path, init);
    let data = {};
    try { data = await res.json(); } catch { /* not JSON: use the status */ }
    if (res.status === 401) {
      sessionStorage.removeItem(TOKEN_KEY);
      showLogin();
      throw new Error("Wrong admin token (401): " + (data.error || "enter the token the server was started with"));
    }
    if (!res.ok) throw new Error((data.error || res.statusText) + " (" + res.status + ")");
    return data;
  }

  function ago(seconds) {
    if (seconds < 60) return Math.max(0, Math.round(seconds)) + " s ago";
    if (seconds < 3600) return Math.round(seconds / 60) + " min ago";
    if (seconds < 86400) return Math.round(seconds / 3600) + " h ago";
    return Math.round(seconds / 86400) + " d ago";
  }

  function duration(seconds) {
    const s = Math.floor(seconds);
    const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60);
    if (h > 0) return h + " h " + String(m).padStart(2, "0") + " min";
    if (m > 0) return m + " min " + String(s % 60).padStart(2, "0") + " s";
    return s + " s";
  }

  // row returns the table row of page id, made once so that a language
  // being chosen is not reset by the next refresh.
  function row(k) {
    let r = rows.get(k.id);
    if (r) return r;
    const tr = document.createElement("tr");
    const cells = {};
    for (const key of ["state", "name", "id", "seen", "version", "scene", "mode", "fps", "uptime", "err"]) {
      const td = document.createElement("td");
      if (key === "state") td.className = "state";
      if (key === "id" || key === "err") td.className = key;
      if (key === "fps" || key === "uptime") td.className = "num";
      tr.appendChild(td);
      cells[key] = td;
    }
    const actions = document.createElement("td");
    const reload = document.createElement("button");
    reload.type = "button";
    reload.textContent = "Reload";
    reload.addEventListener("click", () => send(k.id, "reload"));
    const select = document.createElement("select");
    select.setAttribute("aria-label", "language");
    const set = document.createElement("button");
    set.type = "button";
    set.textContent = "Set";
    set.addEventListener("click", () => send(k.id, "language", { language: select.value }));
    actions.append(reload, " ", select, " ", set);
    tr.appendChild(actions);
    r = { tr, cells, select, langs: "" };
    rows.set(k.id, r);
    return r;
  }

  function fill(r, k, now) {
    const langs = (k.languages && k.languages.length ? k.languages : LANGUAGES).join(",");
    if (r.langs !== langs) {
      r.langs = langs;
      r.select.replaceChildren();
      for (const l of langs.split(",")) {
        const o = document.createElement("option");
        o.value = l;
        o.textContent = l;
        r.select.appendChild(o);
      }
    }
    r.tr.className = k.online ? "online" : "offline";
    r.cells.state.textContent = k.online ? "● online" : "○ OFFLINE";
    r.cells.name.textContent = k.name;
    r.cells.id.textContent = k.id;
    r.cells.seen.textContent = ago((now - Date.parse(k.lastSeen)) / 1000);
    r.cells.version.textContent = k.version;
    r.cells.scene.textContent = k.scene;
    r.cells.mode.textContent = k.mode;
    r.cells.fps.textContent = Number(k.fps).toFixed(1);
    r.cells.uptime.textContent = duration(k.uptime);
    r.cells.err.textContent = k.lastError;
  }

  async function refresh() {
    clearTimeout(timer);
    if (!token()) return;
    try {
      const data = await api("GET", "/api/admin/kiosks");
      // Ages are measured against the server's clock, not this computer's.
      const now = Date.parse(data.now);
      const seen = new Set();
      const body = $("kiosks");
      for (const k of data.kiosks) {
        const r = row(k);
        fill(r, k, now);
        body.appendChild(r.tr); // in the server's order
        seen.add(k.id);
      }
      for (const [id, r] of rows) {
        if (!seen.has(id)) { r.tr.remove(); rows.delete(id); }
      }
      const online = data.kiosks.filter((k) => k.online).length;
      $("summary").textContent = online + " of " + data.kiosks.length + " kiosk pages online · updated " + new Date().toLocaleTimeString();
      $("empty").hidden = data.kiosks.length > 0;
      showBoard();
      showError("");
    } catch (e) {
      showError(e.message);
    }
    if (token()) timer = setTimeout(refresh, REFRESH_MS);
  }

  async function send(id, command, body) {
    try {
      await api("POST", "/api/admin/kiosks/" + encodeURIComponent(id) + "/" + command, body);
      notice(command === "reload" ? "Reload sent to " + id + "; it takes effect at its next report (within 5 s)."
        : "Language " + body.language + " sent to " + id + "; it takes effect at its next report (within 5 s).");
      showError("");
    } catch (e) {
      showError(e.message);
    }
  }

  function showLogin() {
    clearTimeout(timer);
    $("login").hidden = false;
    $("board").hidden = true;
    $("token").focus();
  }

  function showBoard() {
    $("login").hidden = true;
    $("board").hidden = false;
  }

  $("login").addEventListener("submit", (ev) => {
    ev.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, $("token").value.trim());
    $("token").value = "";
    refresh();
  });
  $("logout").addEventListener("click", () => {
    sessionStorage.removeItem(TOKEN_KEY);
    for (const r of rows.values()) r.tr.remove();
    rows.clear();
    showError("");
    showLogin();
  });

  if (token()) refresh(); else showLogin();
})();
