// page.js runs Yunyou's page (index.html): it checks the browser, asks for
// a name, downloads the client, the scene and its textures with a progress
// bar, hands them to the client as window.yunyouBoot and starts it. Once the
// client draws, the scene's hotspots and portals show over the canvas
// (content.js), guided tours have their controls (tour.js), and the page
// says everything in the visitor's language (strings.js; the menu at the
// top offers the six languages of the United Nations). At /kiosk/NAME the
// page is a gallery kiosk (kiosk.js): no name, an attract loop, a visitor
// taking over with a touch. It is the page's entry module; the scripts are
// files of their own, not inline in the page, so that the
// Content-Security-Policy can forbid inline scripts.

// tourlink.js comes first: it takes a guide's token out of the address
// before any other part of the page runs.
import { guideToken, takeMove, tourCode, validCode } from "./tourlink.js";
import { LANGUAGES, LANGUAGE_NAMES, RTL, known, lang, pick, setLang, t } from "./strings.js";
import { $, params, NAME_KEY, visit, focusGame } from "./shared.js";
import { LoadError, decodePNG, fetchBytes, fetchJSON, why } from "./load.js";
import { createContent } from "./content.js";
import { createTour } from "./tour.js";
import { kioskName, prepareKiosk, startKiosk } from "./kiosk.js";

// The server writes the content-hashed address of the client into the
// page's <body data-wasm="...">.
const WASM_URL = document.body.dataset.wasm || "";
// Share of the progress bar for the client; the rest is the scene and
// its textures, which download at the same time.
const WASM_SHARE = 0.7;

// The parts of the page, made once the browser is known to run the
// client.
let boot = null; // window.yunyouBoot
let content = null; // the scene's hotspots and portals (content.js)
let tour = null; // guided tours (tour.js)
// kiosk is the gallery kiosk the page was opened as (/kiosk/NAME, see
// kiosk.js), or null.
let kiosk = null;
const menu = $("language-menu");

// fail stops the page and says why.
function fail(msg) {
  visit.failed = true;
  document.body.classList.add("failed");
  console.error("yunyou: " + msg);
  const el = $("error");
  el.textContent = msg;
  el.hidden = false;
  visit.progressKey = "stopped";
  $("progress-detail").textContent = t("stopped");
}

// Until the client runs, state() says so; the client replaces it.
window.yunyou = window.yunyou || {};
window.yunyou.state = () => JSON.stringify({ scene: "", session: "", id: 0, pose: null, peers: [], frames: 0, frameMs: 0, connected: false, loading: true });

// canRun checks that this browser can run the client, and says why not
// when it cannot.
function canRun() {
  const gl = document.createElement("canvas").getContext("webgl2");
  if (!gl) {
    fail(t("noWebGL"));
    return false;
  }
  gl.getExtension("WEBGL_lose_context")?.loseContext();
  if (!window.Go || typeof WebAssembly !== "object") {
    fail(t("noWasm"));
    return false;
  }

  if (!WASM_URL || WASM_URL.startsWith("__")) {
    fail(t("pageNotFromServer"));
    return false;
  }
  return true;
}

// run starts the page: the name, the scene's content, tours, the
// language, and the download of the client and the scene.
function run() {
  // ---- Name: from ?name=, or the form (remembered for next time). ----
  boot = visit.boot = window.yunyouBoot = { scene: null, textures: {}, name: "" };
  const nameParam = (params.get("name") || "").trim();
  const form = $("name-form"), input = $("name-input");
  if (kioskName) {
    // A kiosk joins no session: no name to ask for.
  } else if (nameParam) {
    boot.name = nameParam;
  } else {
    try { input.value = localStorage.getItem(NAME_KEY) || ""; } catch (e) { /* storage may be blocked */ }
    form.hidden = false;
    input.focus();
  }
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const name = input.value.trim();
    if (!name) {
      $("name-hint").textContent = t("nameMissing");
      input.focus();
      return;
    }
    $("name-hint").textContent = "";
    try { localStorage.setItem(NAME_KEY, name); } catch (e) { /* not remembered, no harm */ }
    boot.name = name;
    if (typeof window.yunyou.join === "function") {
      window.yunyou.join(name); // the client hides the form when it joins
    } else {
      form.hidden = true;
      const w = $("waiting");
      w.textContent = t("waiting", { name });
      w.hidden = false;
    }
  });

  content = createContent({
    panelChanged: () => tour.panelChanged(),
    active: () => tour.active(),
    portal: (p) => tour.portal(p),
  });
  tour = createTour(content);

  // ---- Language: the menu, and re-saying everything on a change. ----
  for (const l of LANGUAGES) {
    const o = document.createElement("option");
    o.value = l;
    o.lang = l;
    o.textContent = LANGUAGE_NAMES[l];
    menu.append(o);
  }
  new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) if (n.nodeType === 1) sayNotice(n);
  }).observe($("chat-log"), { childList: true });
  new MutationObserver(sayStatus).observe($("status"), { attributes: true, attributeFilter: ["data-key", "data-secs", "data-why"] });
  new MutationObserver(sayPeople).observe($("people"), { attributes: true, attributeFilter: ["data-count"] });
  menu.addEventListener("change", () => {
    if (!LANGUAGES.includes(menu.value)) return;
    setLang(menu.value);
    applyLanguage();
    focusGame();
  });
  applyLanguage();

  catchClientErrors();

  start().catch((e) => {
    if (e instanceof TourError) {
      tour.showError(e.message);
      return;
    }
    console.error(e);
    fail(e instanceof LoadError ? e.message : t("loadFailed", { why: why(e) }));
  });
  // "Copy link to this view": the client keeps state().link pointing at
  // the scene and the pose the visitor stands in; anyone who opens it
  // stands in the same place, looking the same way.
  const copyButton = $("copy-link");
  copyButton.addEventListener("click", async () => {
    let link = "";
    try {
      link = JSON.parse(window.yunyou.state()).link || "";
    } catch (e) {
      console.error("yunyou: reading the view's link:", e);
    }
    if (!link) return;
    let copied = false;
    try {
      await navigator.clipboard.writeText(link);
      copied = true;
    } catch (e) {
      // No clipboard (an insecure origin, or refused): show the link so it
      // can be copied by hand.
      window.prompt(t("copyPrompt"), link);
    }
    copyButton.dataset.link = link;
    if (copied) {
      copyButton.textContent = t("linkCopied");
      copyButton.dataset.done = "";
      setTimeout(() => { copyButton.textContent = t("copyLink"); delete copyButton.dataset.done; }, 2000);
    }
    copyButton.blur(); // keys go back to walking
  });
}

// ---- Progress ----
let wasmFrac = 0;
const assetFracs = new Map();
function showProgress(detail) {
  let assets = 0;
  if (assetFracs.size > 0) {
    for (const f of assetFracs.values()) assets += f;
    assets /= assetFracs.size;
  }
  const pct = Math.min(100, Math.floor(100 * (WASM_SHARE * wasmFrac + (1 - WASM_SHARE) * assets) + 1e-6));
  $("progress-fill").style.width = pct + "%";
  $("progress").setAttribute("aria-valuenow", String(pct));
  $("progress-text").textContent = pct + "%";
  if (detail) {
    visit.progressKey = detail;
    $("progress-detail").textContent = t(detail);
  }
}

// TourError is a tour link that cannot be followed; its message is the
// server's explanation, shown after a lead-in of the page's own.
class TourError extends Error {}

// lookupTour asks the server about the tour in the link: which scene it
// is in, who guides it, and whether it can be joined at all.
async function lookupTour(code) {
  if (!validCode(code)) throw new TourError(t("codeInvalid"));
  let res;
  try {
    res = await fetch("/api/tours/" + encodeURIComponent(code), { cache: "no-store" });
  } catch (e) {
    throw new TourError(t("unreachable"));
  }
  let body = null;
  try { body = await res.json(); } catch (e) { /* explained by the status below */ }
  if (!res.ok) throw new TourError((body && typeof body.error === "string" && body.error) || `HTTP ${res.status} ${res.statusText}`);
  if (!body || typeof body.scene !== "string" || !body.scene) throw new TourError(`The server did not say which scene tour ${code} is in. Reload the page.`);
  return body;
}

// showSceneTitle names the scene in the visitor's language, with the
// Chinese name beneath where that is different.
function showSceneTitle() {
  const sceneEntry = visit.sceneEntry;
  if (!sceneEntry) return;
  const title = pick(sceneEntry.title).text || sceneEntry.id;
  const zh = (sceneEntry.title && sceneEntry.title.zh) || "";
  const era = pick(sceneEntry.era).text;
  $("scene-name").textContent = title;
  $("scene-name-zh").textContent = zh !== title ? zh : "";
  $("scene-era").textContent = era;
  $("title-card-name").textContent = title;
  $("title-card-zh").textContent = zh !== title ? zh : "";
  $("title-card-sub").textContent = era;
  document.title = `${title} · Yunyou 云游`;
}

async function loadScene() {
  // In a tour, the tour says where everyone is, not ?scene=.
  let tourInfo = null;
  if (tourCode) {
    tourInfo = await lookupTour(tourCode);
    boot.tour = { code: tourCode, token: guideToken(tourCode) };
    tour.begin(tourInfo);
  }
  const list = await fetchJSON("the list of scenes", "/api/scenes");
  visit.sceneList = Array.isArray(list.scenes) ? list.scenes : [];
  const moved = takeMove();
  if (tourInfo && moved && visit.sceneList.some((s) => s.id === moved)) tourInfo.scene = moved;
  const wanted = tourInfo ? tourInfo.scene : kiosk ? kiosk.scene : (params.get("scene") || list.default || "").trim();
  const entry = (list.scenes || []).find((s) => s.id === wanted);
  if (!entry && tourInfo) throw new TourError(`Tour ${tourCode} is in the scene “${wanted}”, which this server does not have.`);
  if (!entry) {
    const ids = (list.scenes || []).map((s) => s.id).join(", ") || "none";
    throw new LoadError(t("noScene", { scene: wanted, ids }));
  }
  visit.sceneEntry = entry;
  showSceneTitle();

  const files = [entry.url || `/api/scenes/${encodeURIComponent(entry.id)}`, ...(entry.textures || [])];
  for (const f of files) assetFracs.set(f, 0);
  const progress = (f) => (got, total) => { assetFracs.set(f, total ? got / total : 0); showProgress(); };
  const sceneBytes = fetchBytes(`the scene ${entry.id}`, files[0], progress(files[0]));
  const textures = {};
  await Promise.all([
    sceneBytes.then((b) => {
      boot.scene = new TextDecoder().decode(b);
      try {
        content.setScene(JSON.parse(boot.scene));
      } catch (e) {
        // The client reports a scene it cannot read; the page only
        // goes without markers.
        console.error("yunyou: reading the scene's hotspots and portals:", e);
      }
    }),
    ...files.slice(1).map(async (url) => {
      const name = url.split("/").pop().replace(/\.png$/i, "");
      const bytes = await fetchBytes(`the texture ${name}`, url, progress(url));
      try {
        textures[name] = await decodePNG(bytes);
      } catch (e) {
        throw new LoadError(t("badTexture", { name, url, why: why(e) }));
      }
    }),
  ]);
  boot.textures = textures;
}

// The client shows the connection status and the number of people in
// English, with what they mean in data attributes: say those here.
function sayStatus() {
  const el = $("status"), key = el.dataset.key;
  if (!key || el.hidden) return;
  const k = key === "reconnect-in" ? "reconnectIn" : key;
  if (known(k)) el.textContent = t(k, { secs: el.dataset.secs || "" }) + (el.dataset.why ? ` (${el.dataset.why})` : "");
}
function sayPeople() {
  const el = $("people"), n = parseInt(el.dataset.count || "0", 10);
  el.textContent = n === 1 ? t("peopleOne") : n > 1 ? t("peopleMany", { n }) : "";
}
// Notices about the session come from the client in English, with
// data-key and data-name saying what they mean.
function sayNotice(el) {
  const key = el.dataset && el.dataset.key;
  if (key && known(key)) el.textContent = t(key, { name: el.dataset.name || "" });
}

function applyLanguage() {
  const root = document.documentElement;
  root.lang = lang === "zh" ? "zh-Hans" : lang;
  root.dir = RTL.has(lang) ? "rtl" : "ltr";
  menu.value = lang;
  menu.setAttribute("aria-label", t("language"));
  menu.title = t("language");
  $("progress").setAttribute("aria-label", t("loading"));
  $("progress-detail").textContent = t(visit.progressKey);
  document.querySelector('label[for="name-input"]').textContent = t("nameLabel");
  $("name-input").placeholder = t("namePlaceholder");
  $("join-button").textContent = t("enter");
  const copy = $("copy-link");
  copy.title = t("copyLinkTitle");
  copy.textContent = "done" in copy.dataset ? t("linkCopied") : t("copyLink");
  $("chat").setAttribute("aria-label", t("chat"));
  const chat = $("chat-input");
  chat.placeholder = t("chatPlaceholder");
  chat.setAttribute("aria-label", t("chatMessage"));
  document.querySelector("#help .help-mouse").textContent = t("helpMouse");
  document.querySelector("#help .help-touch").textContent = t("helpTouch");
  $("hotspot-close").setAttribute("aria-label", t("close"));
  $("hotspot-close").title = t("close");
  document.title = t("pageTitle");
  if (!visit.sceneEntry) $("scene-name").textContent = t("sceneFallback");
  showSceneTitle();
  sayStatus();
  sayPeople();
  for (const el of document.querySelectorAll("#chat-log .chat-notice[data-key]")) sayNotice(el);
  content.translate();
  tour.translate();
  if (kiosk && kiosk.page) kiosk.page.translate();
}

// The client's standard error (panics, its own error reports) goes to
// the console as errors, line by line; the start is kept to show a panic.
let panicText = "", errLine = "";
function catchClientErrors() {
  const writeSync = globalThis.fs.writeSync.bind(globalThis.fs);
  const decoder = new TextDecoder();
  globalThis.fs.writeSync = (fd, buf) => {
    if (fd !== 2) return writeSync(fd, buf);
    const text = decoder.decode(buf, { stream: true });
    if (panicText.length < 4000) panicText += text;
    errLine += text;
    const nl = errLine.lastIndexOf("\n");
    if (nl !== -1) {
      console.error(errLine.substring(0, nl));
      errLine = errLine.substring(nl + 1);
    }
    return buf.length;
  };
}

async function start() {
  showProgress("loadingViewer");
  const wasm = fetchBytes("the viewer", WASM_URL, (got, total) => { wasmFrac = total ? got / total : 0; showProgress(); });
  // A kiosk's profile says which scene and language it starts in.
  const kioskFirst = async () => {
    if (!kioskName) return;
    kiosk = await prepareKiosk({ wasmURL: WASM_URL });
    boot.kiosk = { name: kiosk.name, profile: kiosk.profile };
    applyLanguage();
  };
  await Promise.all([wasm, kioskFirst().then(loadScene)]);
  if (kiosk) kiosk.page = startKiosk(kiosk, { content, applyLanguage });
  showProgress("starting");
  const go = new Go();
  go.exit = (code) => {
    if (code === 0 || visit.failed) return;
    const first = panicText.split("\n").find((l) => l.startsWith("panic:") || l.startsWith("fatal error:")) || "";
    fail(t("viewerStopped", { detail: first ? ": " + first : "", code }));
  };
  let instance;
  try {
    ({ instance } = await WebAssembly.instantiate(await wasm, go.importObject));
  } catch (e) {
    throw new LoadError(t("viewerStart", { why: why(e) }));
  }
  await go.run(instance);
  // The client has stopped: keep state() answering, for scripts and
  // tests that poll it, with what went wrong.
  window.yunyou.state = () => JSON.stringify({ scene: "", session: "", id: 0, pose: null, peers: [], frames: 0, frameMs: 0, connected: false, exited: true, error: $("error").textContent });
}

// Last, once every declaration above is in place: start the page, if the
// browser can run the client.
if (canRun()) run();
