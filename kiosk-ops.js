// kiosk-ops.js keeps an unattended kiosk page running all day: it keeps
// the screen awake, reports to the server every few seconds (and carries
// out what staff ask from the admin page), reloads a page that stopped
// drawing or failed, and has the service worker (sw.js) keep everything
// the kiosk shows, so that the tour starts again without the network.
import { $, visit } from "./shared.js";

// REPORT_MS is how often the kiosk reports: the server counts a kiosk
// online for three missed reports (15 s).
const REPORT_MS = 5000;
// REPORT_WAIT_MS gives up on a report the server does not answer, so that
// reports do not pile up on a dead connection.
const REPORT_WAIT_MS = 4000;
// STALL_MS reloads a page whose client drew nothing for this long: a hung
// or crashed viewer, which no one at a kiosk would notice or fix.
const STALL_MS = 20000;
// LOAD_MS reloads a page that has not drawn at all this long after it
// opened: generous, for a first start that downloads everything.
const LOAD_MS = 180000;
// RELOAD_GAP_MS is the least time between two reloads of the watchdog, so
// that a broken build does not reload as fast as it fails.
const RELOAD_GAP_MS = 60000;
// WATCH_MS is how often the watchdog looks.
const WATCH_MS = 2000;
// PRECACHE_RETRY_MS tries again to keep the kiosk's files when the last
// try could not reach the server.
const PRECACHE_RETRY_MS = 60000;
// MAX_ERROR is the most characters of lastError the server accepts.
const MAX_ERROR = 200;
const ID_KEY = "yunyou.kiosk.id";
const RELOAD_KEY = "yunyou.kiosk.reloadAt";

// clientState returns window.yunyou.state() parsed, or null.
function clientState() {
  try {
    return JSON.parse(window.yunyou.state());
  } catch (e) {
    return null;
  }
}

// instanceID is this kiosk page's random id, kept for the tab's life so
// that a reload reports as the same kiosk to the admin page.
function instanceID() {
  try {
    const kept = sessionStorage.getItem(ID_KEY);
    if (kept && /^[A-Za-z0-9_-]{8,64}$/.test(kept)) return kept;
  } catch (e) { /* a new id for each page */ }
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  const id = btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  try { sessionStorage.setItem(ID_KEY, id); } catch (e) { /* see above */ }
  return id;
}

// startOps starts keeping the kiosk name running. wasmURL is the
// client's hashed address (its hash is the version reported); mode()
// and scene() say what the kiosk shows; setLanguage(l) carries out a
// language command from the admin page. It returns precache(urls), which
// has the service worker keep urls.
export function startOps({ name, wasmURL, mode, scene, setLanguage }) {
  const started = performance.now();
  const id = instanceID();
  const hash = /\.([0-9a-f]{8,})\.wasm$/.exec(wasmURL);
  const version = hash ? hash[1] : "unversioned";
  let lastError = "";
  const noteError = (msg) => { lastError = String(msg || "").replace(/\s+/g, " ").trim().slice(0, MAX_ERROR); };

  // ---- Errors: the latest one goes with every report, for staff.
  window.addEventListener("error", (e) => noteError(e.message || (e.error && e.error.message)));
  window.addEventListener("unhandledrejection", (e) => noteError((e.reason && e.reason.message) || e.reason));
  const consoleError = console.error.bind(console);
  console.error = (...args) => {
    noteError(args.map((a) => (a && a.message) || String(a)).join(" "));
    consoleError(...args);
  };

  // ---- The screen stays awake.
  let wakeLock = null;
  async function stayAwake() {
    if (!navigator.wakeLock || document.hidden || wakeLock) return;
    try {
      wakeLock = await navigator.wakeLock.request("screen");
      wakeLock.addEventListener("release", () => { wakeLock = null; });
    } catch (e) {
      console.warn("yunyou: the screen may dim (no wake lock):", e);
    }
  }
  // The browser drops the lock whenever the page is hidden.
  document.addEventListener("visibilitychange", stayAwake);
  stayAwake();

  // ---- Reports, and the commands that come back.
  let lastFrames = -1, lastFramesAt = performance.now(), fps = 0;
  async function report() {
    const s = clientState();
    const now = performance.now();
    if (s && typeof s.frames === "number") {
      if (lastFrames >= 0 && now > lastFramesAt && s.frames >= lastFrames) fps = (s.frames - lastFrames) * 1000 / (now - lastFramesAt);
      lastFrames = s.frames;
      lastFramesAt = now;
    }
    if (visit.failed) noteError($("error").textContent);
    const body = {
      id, version, scene: scene(), mode: mode(),
      fps: Math.round(fps * 10) / 10,
      uptime: Math.round((now - started) / 1000),
      lastError,
    };
    let answer;
    try {
      const res = await fetch("/api/kiosks/" + encodeURIComponent(name) + "/report", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
        cache: "no-store",
        signal: AbortSignal.timeout(REPORT_WAIT_MS),
      });
      answer = await res.json();
      if (!res.ok) {
        console.warn("yunyou: the server refused the kiosk's report:", answer && answer.error);
        return;
      }
    } catch (e) {
      return; // offline: the show goes on, and reports resume when the server answers
    }
    for (const c of (answer && Array.isArray(answer.commands) ? answer.commands : [])) {
      if (c.type === "reload") location.reload();
      else if (c.type === "language" && typeof c.language === "string") setLanguage(c.language);
    }
  }
  setInterval(report, REPORT_MS);
  setTimeout(report, 1000); // show up on the admin page soon after a start

  // ---- The watchdog: a page that stopped drawing, or failed, reloads.
  let seenFrames = 0, advancedAt = performance.now();
  function reload(why) {
    let last = 0;
    try { last = parseInt(sessionStorage.getItem(RELOAD_KEY) || "0", 10) || 0; } catch (e) { /* no limit kept */ }
    if (Date.now() - last < RELOAD_GAP_MS) return; // the next look tries again
    try { sessionStorage.setItem(RELOAD_KEY, String(Date.now())); } catch (e) { /* see above */ }
    console.warn("yunyou: reloading the kiosk page: " + why);
    location.reload();
  }
  setInterval(() => {
    const s = clientState();
    const now = performance.now();
    if (visit.failed || (s && s.exited)) {
      reload("the page failed: " + $("error").textContent);
      return;
    }
    const frames = (s && s.frames) || 0;
    if (frames > seenFrames) {
      seenFrames = frames;
      advancedAt = now;
      return;
    }
    // A hidden page draws nothing, rightly.
    if (document.hidden) { advancedAt = now; return; }
    if (seenFrames > 0 && now - advancedAt > STALL_MS) reload(`no frame drawn for ${Math.round((now - advancedAt) / 1000)} s`);
    else if (seenFrames === 0 && now - started > LOAD_MS) reload(`nothing drawn ${Math.round((now - started) / 1000)} s after opening`);
  }, WATCH_MS);

  // ---- Offline: the service worker keeps the kiosk's files.
  const registered = "serviceWorker" in navigator
    ? navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch((e) => {
      console.warn("yunyou: the kiosk cannot keep its files for offline use:", e);
      return null;
    })
    : Promise.resolve(null);

  // precache asks the service worker to keep urls; the body's
  // data-offline-ready turns "true" once everything is kept.
  async function precache(urls) {
    const reg = await registered;
    if (!reg) return;
    const worker = (await navigator.serviceWorker.ready).active;
    if (!worker) return;
    const result = await new Promise((resolve) => {
      const ch = new MessageChannel();
      ch.port1.onmessage = (e) => resolve(e.data || {});
      worker.postMessage({ type: "precache", urls }, [ch.port2]);
    });
    const failed = Array.isArray(result.failed) ? result.failed : [];
    if (failed.length === 0) {
      document.body.dataset.offlineReady = "true";
      return;
    }
    console.warn(`yunyou: ${failed.length} of the kiosk's files could not be kept for offline use (trying again in a minute): ${failed.join(", ")}`);
    setTimeout(() => precache(urls), PRECACHE_RETRY_MS);
  }
  return { precache };
}
