// kiosk.js runs the page as a gallery kiosk (/kiosk/NAME): an attract loop
// that glides along the scene's tour route by itself, with subtitles and
// narration at each stop and a call to touch the screen; a touch hands the
// scene to the visitor (walking, or stepping from stop to stop, and a
// language picker); after the profile's idle time a countdown returns the
// kiosk to the loop for the next visitor. At the end of a scene's route
// the loop moves to the profile's next scene, and after the last one
// starts again in its next language. The client takes kioskMode,
// kioskReset and kioskStep on window.yunyou and calls
// window.yunyouKiosk.arrived and routeEnd; kiosk-ops.js keeps the page
// running unattended.
import { $, params, visit, focusGame } from "./shared.js";
import { LANGUAGES, LANGUAGE_NAMES, lang, pick, setLang } from "./strings.js";
import { LoadError, fetchJSON } from "./load.js";
import { FLAGS, KIOSK_STRINGS } from "./kiosk-strings.js";
import { startOps } from "./kiosk-ops.js";

// COUNTDOWN_S is how long the "still there?" countdown lasts before the
// kiosk goes back to its loop: long enough to notice and touch.
const COUNTDOWN_S = 10;
// DEFAULT_IDLE_S is the profile's idle time when it names none.
const DEFAULT_IDLE_S = 60;
// SHORT_TEXT is the longest hotspot text the subtitles show in full, in
// characters; longer texts stay in the panel a visitor opens.
const SHORT_TEXT = 260;
// FADE_MS matches the #fade transition: the screen is black before the
// page changes beneath it.
const FADE_MS = 400;
// TICK_MS is how often the idle timer looks at the clock.
const TICK_MS = 250;
// ARRIVE_KEY is content.js's: the next page fades in from black.
const ARRIVE_KEY = "yunyou.arriving";

// kioskName is the kiosk the page was opened as, from /kiosk/NAME, or "".
export const kioskName = (/^\/kiosk\/([a-z0-9-]{1,40})\/?$/.exec(location.pathname) || [])[1] || "";

// kt says a kiosk string in the visitor's language.
const kt = (key, fields) => {
  const s = (KIOSK_STRINGS[lang] && KIOSK_STRINGS[lang][key]) || KIOSK_STRINGS.en[key] || key;
  return fields ? s.replace(/\{(\w+)\}/g, (m, f) => (f in fields ? String(fields[f]) : m)) : s;
};

// lockDown keeps the page a kiosk: no context menu, no text selection, no
// zooming the page with two fingers or the wheel.
function lockDown() {
  document.body.classList.add("kiosk");
  document.addEventListener("contextmenu", (e) => e.preventDefault());
  document.addEventListener("selectstart", (e) => e.preventDefault());
  document.addEventListener("dragstart", (e) => e.preventDefault());
  document.addEventListener("gesturestart", (e) => e.preventDefault()); // Safari's pinch
  document.addEventListener("touchmove", (e) => { if (e.touches.length > 1 && !e.target.closest("canvas")) e.preventDefault(); }, { passive: false });
  document.addEventListener("wheel", (e) => { if (e.ctrlKey) e.preventDefault(); }, { passive: false });
  const viewport = document.querySelector('meta[name="viewport"]');
  if (viewport) viewport.content = "width=device-width, initial-scale=1, maximum-scale=1, user-scalable=no, viewport-fit=cover";
}

// prepareKiosk fetches the kiosk's profile (kept by the service worker
// for offline starts) and chooses the scene (?scene=, else the profile's
// first) and the language (?lang=, else the profile's first), which it
// makes the page's. It starts kiosk-ops.js first, so that a page that
// cannot start is reloaded until it does.
export async function prepareKiosk({ wasmURL }) {
  lockDown();
  const k = { name: kioskName, profile: null, scene: "", cycleLang: "", mode: "attract", ops: null, ctl: null };
  k.ops = startOps({
    name: kioskName, wasmURL,
    mode: () => k.mode,
    scene: () => k.scene,
    setLanguage: (l) => k.ctl && k.ctl.setLanguage(l),
  });
  const profile = await fetchJSON(`the settings of the kiosk “${kioskName}”`, "/api/kiosks/" + encodeURIComponent(kioskName));
  const scenes = Array.isArray(profile.scenes) ? profile.scenes.filter((s) => typeof s === "string" && s) : [];
  const languages = Array.isArray(profile.languages) ? profile.languages.filter((l) => LANGUAGES.includes(l)) : [];
  if (scenes.length === 0 || languages.length === 0) {
    throw new LoadError(`The kiosk “${kioskName}” has no scenes or no languages in its profile. Give it "scenes" and "languages" in the kiosks file and restart the server.`);
  }
  k.profile = Object.assign({}, profile, { scenes, languages });
  k.scene = scenes.includes(params.get("scene")) ? params.get("scene") : scenes[0];
  k.cycleLang = languages.includes(params.get("lang")) ? params.get("lang") : languages[0];
  setLang(k.cycleLang);
  return k;
}

// startKiosk runs kiosk k (from prepareKiosk) once its scene is loaded:
// content is the scene's content layer (content.js), applyLanguage re-says
// the page after a change of language. It returns translate(), which
// applyLanguage calls.
export function startKiosk(k, { content, applyLanguage }) {
  const profile = k.profile;
  const idleMs = 1000 * (Number(profile.idleTimeout) > 0 ? Number(profile.idleTimeout) : DEFAULT_IDLE_S);
  const routeWalk = profile.walk === "route";
  let scene = null;
  try { scene = JSON.parse(visit.boot.scene); } catch (e) { /* no subtitles: the client says what is wrong */ }
  const hotspots = new Map((scene && Array.isArray(scene.hotspots) ? scene.hotspots : []).map((h) => [h.id, h]));
  let lastInput = performance.now();
  let countdownEnds = 0; // performance.now() when the countdown runs out; 0: none
  let subtitleID = "", subtitleTimer = 0, stop = null;
  let fullscreenAsked = false, busy = false;
  const arrivals = [];

  const client = (fn, ...args) => {
    const api = window.yunyou;
    if (!api || typeof api[fn] !== "function") return `the viewer has no ${fn} yet`;
    const err = api[fn](...args);
    if (err) console.error(`yunyou: ${fn}(${args.join(", ")}): ${err}`);
    return err || "";
  };

  function setMode(mode) {
    k.mode = mode;
    document.body.classList.toggle("kiosk-attract", mode === "attract");
    document.body.classList.toggle("kiosk-interactive", mode === "interactive");
    document.body.classList.toggle("kiosk-route", routeWalk);
  }
  setMode("attract");

  // ---- Subtitles and narration at the loop's stops.
  function showSubtitle(id, dwell) {
    const h = hotspots.get(id);
    clearTimeout(subtitleTimer);
    if (!h) { hideSubtitle(); return; }
    subtitleID = id;
    fillSubtitle();
    $("kiosk-subtitle").hidden = false;
    content.spotlight(id);
    narrate(h);
    if (dwell > 0) subtitleTimer = setTimeout(hideSubtitle, dwell * 1000);
  }
  function fillSubtitle() {
    const h = hotspots.get(subtitleID);
    if (!h) return;
    const title = pick(h.title), summary = pick(h.summary), text = pick(h.text);
    const short = text.text && text.text.length <= SHORT_TEXT && text.text !== summary.text;
    $("kiosk-subtitle-title").textContent = title.text || h.id;
    $("kiosk-subtitle-title").lang = title.lang;
    $("kiosk-subtitle-summary").textContent = summary.text;
    $("kiosk-subtitle-summary").lang = summary.lang;
    $("kiosk-subtitle-text").textContent = short ? text.text : "";
    $("kiosk-subtitle-text").lang = text.lang;
  }
  function hideSubtitle() {
    clearTimeout(subtitleTimer);
    subtitleID = "";
    $("kiosk-subtitle").hidden = true;
    content.spotlight("");
    hush();
  }

  // narrate reads the hotspot aloud in the page's language, if the
  // device has a voice for it; otherwise the subtitles say it alone.
  function narrate(h) {
    const synth = window.speechSynthesis;
    if (!synth) return;
    hush();
    const voice = synth.getVoices().find((v) => v.lang.toLowerCase().replace("_", "-").split("-")[0] === lang);
    if (!voice) return;
    const title = pick(h.title), summary = pick(h.summary), text = pick(h.text);
    if (title.lang !== lang) return; // a voice reading another language's text would garble it
    const words = [title.text, summary.lang === lang ? summary.text : ""];
    if (text.lang === lang && text.text.length <= SHORT_TEXT && text.text !== summary.text) words.push(text.text);
    const u = new SpeechSynthesisUtterance(words.filter(Boolean).join(". "));
    u.voice = voice;
    u.lang = voice.lang;
    synth.speak(u);
  }
  const hush = () => { if (window.speechSynthesis) window.speechSynthesis.cancel(); };
  // Some browsers list their voices only a moment after the page opens.
  if (window.speechSynthesis) window.speechSynthesis.getVoices();

  // ---- The client's calls.
  window.yunyouKiosk = {
    arrivals, // the latest stops reached, for people checking a kiosk
    arrived(json) {
      let a;
      try { a = JSON.parse(json); } catch (e) { console.error("yunyou: a kiosk stop that is not JSON:", json); return; }
      arrivals.push(a);
      if (arrivals.length > 20) arrivals.shift();
      stop = a;
      showStop();
      if (k.mode === "attract") {
        showSubtitle(a.hotspot, Number(a.dwell) || 0);
      } else if (a.hotspot) {
        content.open(a.hotspot, true); // stepping from stop to stop: the stop's panel
      } else {
        content.close();
      }
    },
    routeEnd() {
      if (k.mode === "attract" && !busy) nextInCycle();
    },
  };

  // nextInCycle moves the loop on: the profile's next scene, or after the
  // last one the first scene in the next language.
  function nextInCycle() {
    const scenes = profile.scenes, langs = profile.languages;
    let i = scenes.indexOf(k.scene) + 1, l = k.cycleLang;
    if (i >= scenes.length) {
      i = 0;
      l = langs[(langs.indexOf(k.cycleLang) + 1) % langs.length];
    }
    if (scenes[i] === k.scene) {
      // One scene: no need to load it again.
      fadeThen(() => {
        useCycleLanguage(l);
        client("kioskReset");
      });
      return;
    }
    busy = true;
    hideSubtitle();
    document.body.classList.add("leaving");
    try { sessionStorage.setItem(ARRIVE_KEY, "1"); } catch (e) { /* arrives without the fade */ }
    setTimeout(() => location.assign(address(scenes[i], l)), FADE_MS);
  }
  const address = (sceneID, l) => {
    const q = new URLSearchParams(location.search);
    q.set("scene", sceneID);
    q.set("lang", l);
    return location.pathname + "?" + q.toString();
  };

  // useCycleLanguage makes l the loop's language, kept in the address so
  // that a reload carries on in it.
  function useCycleLanguage(l) {
    k.cycleLang = l;
    history.replaceState(history.state, "", address(k.scene, l));
    if (l !== lang) {
      setLang(l);
      applyLanguage();
    }
  }

  // fadeThen fades to black, does what, and fades in again.
  function fadeThen(what) {
    busy = true;
    document.body.classList.add("kiosk-fade");
    setTimeout(() => {
      try { what(); } finally {
        document.body.classList.remove("kiosk-fade");
        busy = false;
      }
    }, FADE_MS);
  }

  // ---- A visitor takes over.
  function onInput(e) {
    if (!document.body.classList.contains("ready") || busy) return;
    lastInput = performance.now();
    if (countdownEnds) stopCountdown();
    if (k.mode === "attract") {
      if (!fullscreenAsked && document.documentElement.requestFullscreen && !document.fullscreenElement) {
        fullscreenAsked = true;
        document.documentElement.requestFullscreen().catch(() => { /* kiosk browsers are fullscreen already */ });
      }
      hideSubtitle();
      setMode("interactive");
      client("kioskMode", "interactive");
      if (e && e.type === "keydown" && e.key !== "Escape") focusGame();
    }
  }
  for (const type of ["pointerdown", "keydown", "wheel", "touchstart"]) window.addEventListener(type, onInput, { capture: true, passive: true });
  // Walking with a finger held down is input too.
  window.addEventListener("pointermove", (e) => { if (e.buttons) lastInput = performance.now(); }, { capture: true, passive: true });

  // ---- Idle: a countdown, then back to the loop.
  function stopCountdown() {
    countdownEnds = 0;
    $("kiosk-countdown").hidden = true;
  }
  function tick() {
    if (k.mode !== "interactive" || busy) return;
    const now = performance.now();
    if (!countdownEnds) {
      if (now - lastInput < idleMs) return;
      countdownEnds = now + COUNTDOWN_S * 1000;
      $("kiosk-countdown").hidden = false;
    }
    const secs = Math.ceil((countdownEnds - now) / 1000);
    if (secs <= 0) {
      stopCountdown();
      backToLoop();
      return;
    }
    $("kiosk-countdown-secs").textContent = String(secs);
    $("kiosk-countdown-text").textContent = kt("idleCountdown", { secs });
  }
  setInterval(tick, TICK_MS);

  // backToLoop sets the kiosk up for the next visitor: the loop from the
  // start, panels and menus closed, the loop's language, nothing selected
  // or scrolled.
  function backToLoop() {
    fadeThen(() => {
      setMode("attract");
      client("kioskMode", "attract");
      client("kioskReset");
      content.close();
      content.spotlight("");
      hideSubtitle();
      showLanguages(false);
      stop = null;
      showStop();
      if (lang !== k.cycleLang) {
        setLang(k.cycleLang);
        applyLanguage();
      }
      window.scrollTo(0, 0);
      $("hotspot-panel").scrollTop = 0;
      const sel = window.getSelection && window.getSelection();
      if (sel) sel.removeAllRanges();
      if (document.activeElement && document.activeElement.blur) document.activeElement.blur();
    });
  }

  // ---- Controls: previous/next stop (walk "route"), the language picker.
  $("kiosk-prev").addEventListener("click", () => client("kioskStep", -1));
  $("kiosk-next").addEventListener("click", () => client("kioskStep", 1));
  function showStop() {
    const el = $("kiosk-stop");
    el.textContent = stop && stop.count > 0 ? kt("stopOf", { n: stop.index + 1, count: stop.count }) : "";
  }

  const menu = $("kiosk-lang-menu");
  for (const l of profile.languages) {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "kiosk-lang-choice";
    b.dataset.lang = l;
    b.lang = l;
    const flag = document.createElement("span");
    flag.className = "kiosk-flag";
    flag.setAttribute("aria-hidden", "true");
    flag.textContent = FLAGS[l] || "";
    b.append(flag, document.createTextNode(LANGUAGE_NAMES[l] || l));
    b.addEventListener("click", () => {
      showLanguages(false);
      if (l === lang) return;
      setLang(l);
      applyLanguage();
    });
    menu.append(b);
  }
  $("kiosk-lang").hidden = profile.languages.length < 2;
  $("kiosk-lang").addEventListener("click", () => showLanguages(menu.hidden));
  function showLanguages(on) {
    menu.hidden = !on;
    $("kiosk-lang").setAttribute("aria-expanded", String(on));
  }

  // translate re-says the kiosk's words in the page's language.
  function translate() {
    $("kiosk-cta").textContent = kt("touchToExplore");
    $("kiosk-prev-label").textContent = kt("previousStop");
    $("kiosk-next-label").textContent = kt("nextStop");
    $("kiosk-countdown-title").textContent = kt("idleTitle");
    if (countdownEnds) $("kiosk-countdown-text").textContent = kt("idleCountdown", { secs: $("kiosk-countdown-secs").textContent });
    $("kiosk-lang").setAttribute("aria-label", kt("chooseLanguage"));
    $("kiosk-lang-flag").textContent = FLAGS[lang] || "";
    $("kiosk-lang-name").textContent = LANGUAGE_NAMES[lang] || lang;
    for (const b of menu.children) b.setAttribute("aria-current", String(b.dataset.lang === lang));
    showStop();
    if (subtitleID) fillSubtitle();
  }

  // setLanguage carries out the admin page's language command: now, and
  // for the loop from here on.
  function setLanguage(l) {
    if (!LANGUAGES.includes(l)) return;
    if (k.mode === "attract") useCycleLanguage(l);
    else if (l !== lang) {
      setLang(l);
      applyLanguage();
    }
    const h = hotspots.get(subtitleID);
    if (h) narrate(h);
  }
  k.ctl = { setLanguage };

  // Keep every scene of the profile, so that any of them starts offline.
  const files = [location.pathname, "/wasm_exec.js", ...[...document.querySelectorAll('script[type="module"][src], link[rel="modulepreload"]')].map((e) => e.src || e.href), document.body.dataset.wasm, "/api/scenes", "/api/kiosks/" + encodeURIComponent(kioskName)];
  for (const id of profile.scenes) {
    const entry = visit.sceneList.find((s) => s.id === id);
    if (!entry) continue;
    files.push(entry.url || "/api/scenes/" + encodeURIComponent(id), ...(entry.textures || []));
  }
  k.ops.precache(files.filter(Boolean)).catch((e) => console.warn("yunyou: keeping the kiosk's files for offline use:", e));

  translate();
  return { translate };
}
