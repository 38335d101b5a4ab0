// tour-host.js is the way into a guided tour: the dialog where a guide
// creates one (its code, link and QR code to share), the dialog where a
// visitor types a code, and the page that explains why a tour link cannot
// be opened, with a form to try another code.
import { $, params, NAME_KEY, visit, copyText, focusGame, sentence } from "./shared.js";
import { pick, t } from "./strings.js";
import { fetchJSON } from "./load.js";
import { normalizeCode, qrURL, tourCode, validCode } from "./tourlink.js";

// createHosting wires the dialogs and returns showError, for a tour link
// that cannot be followed, and translate, which re-says them in the
// visitor's language.
export function createHosting() {
  // showError explains why the tour in the link cannot be opened, with a
  // form to try another code; the client never starts.
  function showError(message) {
    visit.failed = true;
    document.body.classList.add("failed");
    console.error("yunyou: tour " + tourCode + ": " + message);
    $("tour-error-text").textContent = sentence(message);
    $("tour-error").hidden = false;
    $("tour-error-code").focus();
    visit.progressKey = "stopped";
    $("progress-detail").textContent = t("stopped");
  }

  // joinCode checks a typed code and opens its tour, keeping the name.
  function joinCode(typed, hint) {
    const code = normalizeCode(typed);
    if (!validCode(code)) {
      hint.textContent = t("codeInvalid");
      return;
    }
    hint.textContent = "";
    const q = new URLSearchParams();
    q.set("tour", code);
    const name = visit.boot.name || params.get("name") || "";
    if (name) q.set("name", name);
    if (params.get("scale")) q.set("scale", params.get("scale"));
    if (params.get("lang")) q.set("lang", params.get("lang"));
    location.assign("?" + q.toString());
  }

  // fillSceneMenu lists the scenes in the host dialog, in the visitor's
  // language, keeping the choice.
  function fillSceneMenu() {
    const menu = $("host-scene"), chosen = menu.value || (visit.sceneEntry && visit.sceneEntry.id) || "";
    menu.textContent = "";
    for (const s of visit.sceneList) {
      const o = document.createElement("option");
      o.value = s.id;
      o.textContent = pick(s.title).text || s.id;
      menu.append(o);
    }
    if (chosen) menu.value = chosen;
  }

  // ---- Hosting a tour.
  const hostDialog = $("host-dialog");
  async function openHost() {
    $("host-form").hidden = false;
    $("host-result").hidden = true;
    $("host-error").textContent = "";
    const nameIn = $("host-name");
    if (!nameIn.value) {
      let saved = "";
      try { saved = localStorage.getItem(NAME_KEY) || ""; } catch (e) { /* storage may be blocked */ }
      nameIn.value = visit.boot.name || saved;
    }
    if (!visit.sceneList.length) {
      try {
        const list = await fetchJSON("the list of scenes", "/api/scenes");
        visit.sceneList = Array.isArray(list.scenes) ? list.scenes : [];
      } catch (e) {
        $("host-error").textContent = e.message || String(e);
      }
    }
    fillSceneMenu();
    if (!hostDialog.open) hostDialog.showModal();
    nameIn.focus();
  }

  let created = null; // the POST /api/tours answer
  async function createTour(e) {
    e.preventDefault();
    const name = $("host-name").value.trim();
    const err = $("host-error");
    if (!name) {
      err.textContent = t("nameMissing");
      $("host-name").focus();
      return;
    }
    const button = $("host-create");
    button.disabled = true;
    err.textContent = t("creating");
    let res, body = null;
    try {
      res = await fetch("/api/tours", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ scene: $("host-scene").value, guideName: name }),
      });
      try { body = await res.json(); } catch (e2) { /* explained by the status */ }
    } catch (e2) {
      err.textContent = t("unreachable");
      button.disabled = false;
      return;
    }
    button.disabled = false;
    if (!res.ok || !body || !body.code) {
      const msg = (body && typeof body.error === "string" && body.error) || `HTTP ${res.status} ${res.statusText}`;
      err.textContent = t("createFailed") + " " + sentence(msg);
      return;
    }
    err.textContent = "";
    try { localStorage.setItem(NAME_KEY, name); } catch (e2) { /* not remembered, no harm */ }
    created = Object.assign({ guideName: name }, body);
    $("host-code").textContent = body.code;
    $("host-link").value = body.joinUrl || new URL("?tour=" + encodeURIComponent(body.code), location.href).href;
    const qr = typeof body.qr === "string" && body.qr.startsWith("/") && !body.qr.startsWith("//") ? body.qr : qrURL(body.code);
    $("host-qr").src = qr;
    $("host-form").hidden = true;
    $("host-result").hidden = false;
    $("host-start").focus();
  }

  // startAsGuide opens the guide's link, with the guide's name so the
  // name form is skipped.
  function startAsGuide() {
    if (!created) return;
    let u;
    try {
      u = new URL(created.guideUrl, location.href);
    } catch (e) {
      u = null;
    }
    if (!u || (u.protocol !== "http:" && u.protocol !== "https:")) {
      $("host-error").textContent = t("createFailed") + " " + String(created.guideUrl || "");
      return;
    }
    u.searchParams.set("name", created.guideName);
    if (params.get("scale")) u.searchParams.set("scale", params.get("scale"));
    if (params.get("lang")) u.searchParams.set("lang", params.get("lang"));
    location.assign(u.href);
  }

  // translate re-says the dialogs and the error page in the visitor's
  // language.
  function translate() {
    const set = (id, key) => { $(id).textContent = t(key); };
    set("host-tour-open", "hostTour");
    set("join-tour-open", "joinTour");
    // Host dialog.
    set("host-title", "hostTitle");
    set("host-intro", "hostIntro");
    set("host-name-label", "guideNameLabel");
    set("host-scene-label", "sceneLabel");
    set("host-create", "createTour");
    set("host-cancel", "cancel");
    set("host-code-label", "tourCode");
    set("host-link-label", "joinLink");
    if (!("done" in $("host-copy").dataset)) set("host-copy", "copy");
    $("host-qr").alt = t("qrAlt");
    set("host-share-hint", "shareHint");
    set("host-close", "close");
    set("host-start", "startAsGuide");
    $("host-name").placeholder = t("namePlaceholder");
    fillSceneMenu();
    // Join dialog and the error page of a tour link.
    set("join-title", "joinTitle");
    set("join-code-label", "codeLabel");
    $("join-code").placeholder = t("codePlaceholder");
    set("join-cancel", "cancel");
    set("join-submit", "join");
    set("tour-error-lead", "tourErrorLead");
    set("tour-error-label", "tryAnother");
    $("tour-error-code").placeholder = t("codePlaceholder");
    set("tour-error-join", "join");
    set("tour-error-home", "backToStart");
  }

  // ---- Wiring.
  $("host-tour-open").addEventListener("click", openHost);
  $("host-form").addEventListener("submit", createTour);
  $("host-cancel").addEventListener("click", () => hostDialog.close());
  $("host-close").addEventListener("click", () => hostDialog.close());
  $("host-copy").addEventListener("click", () => copyText($("host-link").value, $("host-copy"), "copy"));
  $("host-start").addEventListener("click", startAsGuide);
  const joinDialog = $("join-dialog");
  $("join-tour-open").addEventListener("click", () => {
    $("join-error").textContent = "";
    joinDialog.showModal();
    $("join-code").focus();
  });
  $("join-cancel").addEventListener("click", () => joinDialog.close());
  $("join-form").addEventListener("submit", (e) => { e.preventDefault(); joinCode($("join-code").value, $("join-error")); });
  $("tour-error-form").addEventListener("submit", (e) => { e.preventDefault(); joinCode($("tour-error-code").value, $("tour-error-hint")); });
  for (const d of [hostDialog, joinDialog]) d.addEventListener("close", focusGame);

  return { showError, translate };
}
