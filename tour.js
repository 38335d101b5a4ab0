// tour.js runs the page's side of guided tours: the visitor's banner and
// hand, the spotlight, moving the group, and the end of a tour, with the
// guide's console (tour-console.js) and the dialogs to host or join a tour
// (tour-host.js). The client says what the tour is like by calling
// window.yunyouTour(json) whenever it changes; the page sends commands
// through window.yunyou.tourCommand(json), which returns "" or why it
// could not. Names people chose are only ever set as textContent.
import { $, visit, currentName, focusGame, sentence } from "./shared.js";
import { t } from "./strings.js";
import { why } from "./load.js";
import { forgetToken, keepToken, noteMove, tourCode } from "./tourlink.js";
import { createConsole } from "./tour-console.js";
import { createHosting } from "./tour-host.js";

// TOAST_MS is how long a short notice stays: long enough to read two
// lines.
const TOAST_MS = 4500;
// NARROW is the width under which the console starts folded, so that a
// phone's screen shows the cave first.
const NARROW = "(max-width: 760px)";

// createTour starts the page's side of guided tours over content, the
// scene's content layer, and sets window.yunyouTour. It returns begin (a
// tour link is being opened), showError (it cannot be), translate,
// panelChanged (the hotspot panel opened or closed), portal (the visitor
// stepped into a portal in a tour) and active (whether the page is in a
// tour).
export function createTour(content) {
  let info = null; // GET /api/tours/CODE, once the page is in a tour
  let model = null; // the client's latest window.yunyouTour state
  let role = ""; // model.role as last seen, to notice a handover
  let spot = ""; // the spotlight as last acted on
  let spotOpened = false; // whether the spotlight opened the panel
  let movedNotice = false; // "the guide moves the group" was said
  let over = false; // the ended/removed overlay is showing
  let toastTimer = 0;

  const guideName = () => (model && model.guideName) || (info && info.guideName) || "";
  // tg fills in the guide's name; without one the wording closes up
  // ("Your guide is reconnecting…").
  const tg = (key) => t(key, { guide: guideName() }).replace(/\s+/g, " ").trim();
  const self = () => (model && Array.isArray(model.members) ? model.members.find((m) => m && m.id === model.self) : null) || null;
  const isGuide = () => !!model && model.role === "guide";

  function toast(text) {
    const el = $("tour-toast");
    el.textContent = text;
    el.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { el.hidden = true; }, TOAST_MS);
  }

  // send passes a command to the client; false (with a notice) when it
  // could not go.
  function send(cmd) {
    const api = window.yunyou;
    if (!api || typeof api.tourCommand !== "function") {
      toast(t("notConnected"));
      return false;
    }
    let err = "";
    try {
      err = api.tourCommand(JSON.stringify(cmd)) || "";
    } catch (e) {
      err = why(e);
    }
    if (err) {
      toast(t("commandFailed") + " " + sentence(err));
      return false;
    }
    return true;
  }
  const guideCmd = (cmd, fields) => send(Object.assign({ type: "guide", cmd }, fields || {}));

  // begin is called once the tour in the link is known to exist, before
  // the client starts.
  function begin(tourInfo) {
    info = tourInfo;
    document.body.classList.add("in-tour");
    if (window.matchMedia && window.matchMedia(NARROW).matches) gc.fold(true);
    render();
  }

  // ---- The client's word on the tour.
  function update(text) {
    let m;
    try {
      m = JSON.parse(text);
    } catch (e) {
      console.error("yunyou: the tour state is not JSON:", e);
      return;
    }
    if (!m || typeof m !== "object") return;
    model = m;
    if (!Array.isArray(model.members)) model.members = [];
    document.body.classList.add("in-tour");
    // A handover: the new guide's token comes with the state; a former
    // guide's token no longer works and is forgotten.
    if (typeof m.token === "string" && m.token && tourCode) keepToken(m.token);
    if (role === "guide" && m.role !== "guide") forgetToken();
    role = m.role || "";
    if (m.ended || m.removed) {
      showOver(m.ended ? "endedLead" : "removedLead", String(m.ended || m.removed));
      return;
    }
    // The group moved: follow it to the new scene.
    if (m.scene && visit.sceneEntry && m.scene !== visit.sceneEntry.id) {
      noteMove(m.scene);
      const q = new URLSearchParams();
      q.set("tour", tourCode);
      const name = currentName();
      if (name) q.set("name", name);
      content.fadeTo(q);
      return;
    }
    applySpotlight(typeof m.spotlight === "string" ? m.spotlight : "");
    render();
  }

  function applySpotlight(id) {
    if (id === spot) return;
    const previous = spot;
    spot = id;
    content.spotlight(id);
    if (id) {
      const already = content.current() === id;
      spotOpened = content.open(id, true) && !already;
    } else {
      // Close the panel only if the spotlight opened it and it still
      // shows that hotspot: a panel the visitor opened stays.
      if (spotOpened && content.current() === previous) content.close();
      spotOpened = false;
    }
  }

  // panelChanged says, in the panel, that the guide is showing it.
  function panelChanged() {
    const note = $("hotspot-spotlight");
    const on = !!spot && content.current() === spot;
    note.hidden = !on;
    if (on) note.textContent = isGuide() ? t("spotlightMine") : tg("spotlightNote");
  }

  function showOver(leadKey, text) {
    over = true;
    forgetToken();
    content.spotlight("");
    content.close();
    document.body.classList.add("tour-over");
    const el = $("tour-over");
    el.dataset.lead = leadKey;
    $("tour-over-lead").textContent = t(leadKey);
    $("tour-over-text").textContent = sentence(text);
    $("tour-over-home").textContent = t("backToStart");
    el.hidden = false;
    render();
    $("tour-over-home").focus();
  }

  // A portal inside a tour: the guide's moves the group, a visitor's
  // does nothing (the guide leads), said once.
  function portal(p) {
    if (isGuide()) {
      guideCmd("scene", { scene: p.to });
    } else if (!movedNotice) {
      movedNotice = true;
      toast(t("guideMoves"));
    }
  }

  // ---- Drawing.
  function render() {
    const inTour = !!info || !!model;
    const badge = $("tour-badge");
    badge.hidden = !inTour;
    if (inTour) {
      const code = (model && model.code) || tourCode;
      badge.textContent = guideName() ? t("tourBadge", { code, guide: guideName() }) : t("tourBadgeCode", { code });
    }
    const guide = inTour && !over && isGuide();
    const visitor = inTour && !over && !!model && !isGuide();
    document.body.classList.toggle("tour-guide", guide);
    document.body.classList.toggle("tour-visitor", visitor);
    $("guide-console").hidden = !guide;
    if (guide) gc.render();
    renderBanner(visitor);
    const hand = $("tour-hand"), me = self();
    hand.hidden = !visitor;
    const up = !!(me && me.hand);
    hand.setAttribute("aria-pressed", String(up));
    hand.textContent = up ? t("lowerHand") : t("raiseHand");
    renderChat(visitor, me);
    panelChanged();
  }

  function renderBanner(visitor) {
    const el = $("tour-banner");
    let state = "";
    // Until the welcome arrives the client knows nothing of the guide:
    // the connection's own status says what is happening.
    if (visitor && model.connected) {
      if (!model.guidePresent) state = "reconnecting";
      else if (model.follow && model.following) state = "following";
      else if (model.follow) state = "away";
    }
    el.hidden = !state;
    el.dataset.state = state;
    if (state) el.textContent = tg(state === "reconnecting" ? "guideReconnecting" : state === "following" ? "following" : "lookingAround");
  }

  function renderChat(visitor, me) {
    const chat = $("chat-input");
    const muted = visitor && !!(me && me.muted);
    const off = visitor && !!model.chatOff;
    chat.disabled = muted || off;
    chat.placeholder = muted ? t("mutedPlaceholder") : off ? t("chatOffPlaceholder") : t("chatPlaceholder");
    chat.dataset.tour = muted ? "muted" : off ? "chat-off" : "";
  }

  // translate re-says everything in the visitor's language.
  function translate() {
    host.translate();
    gc.translate();
    if (over) {
      $("tour-over-lead").textContent = t($("tour-over").dataset.lead || "endedLead");
      $("tour-over-home").textContent = t("backToStart");
    }
    render();
  }

  const host = createHosting();
  const gc = createConsole(() => model, guideCmd, content);

  // A mouse click on a console button, the hand or the banner hands the
  // keys back to walking (the client ignores them while a button has
  // the focus); a keyboard press stays where it is.
  for (const id of ["guide-console", "tour-hand", "tour-banner"]) {
    $(id).addEventListener("click", (e) => {
      if (e.detail > 0 && e.target.closest("button")) focusGame();
    });
  }
  $("tour-hand").addEventListener("click", () => {
    const me = self();
    send({ type: "hand", up: !(me && me.hand) });
  });
  const followAgain = () => {
    if (window.yunyou && typeof window.yunyou.followGuide === "function") window.yunyou.followGuide();
    else toast(t("notConnected"));
  };
  $("tour-banner").addEventListener("click", () => {
    if ($("tour-banner").dataset.state === "away") followAgain();
  });
  // F looks with the guide again, unless someone is typing.
  window.addEventListener("keydown", (e) => {
    if ((e.key !== "f" && e.key !== "F") || e.ctrlKey || e.metaKey || e.altKey) return;
    const a = document.activeElement, tag = a ? a.tagName : "";
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (a && a.isContentEditable)) return;
    if ($("tour-banner").dataset.state === "away") followAgain();
  });

  window.yunyouTour = update;
  return { begin, showError: host.showError, translate, panelChanged, portal, active: () => !!info || !!model };
}
