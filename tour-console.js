// tour-console.js is the guide's console: follow mode, gather, lock, chat,
// the spotlight, moving the group to another scene, the link and QR code
// to share, and the participants with what the guide may do to each.
import { $, visit, copyText } from "./shared.js";
import { pick, t } from "./strings.js";
import { joinLink, qrURL, tourCode } from "./tourlink.js";

// createConsole wires the console. getModel returns the client's latest
// word on the tour, guideCmd(cmd, fields) sends a guide command, and
// content is the scene's content layer (its hotspots to spotlight). It
// returns render, which draws the console from the model, fold, which
// folds it to its title bar or opens it, and translate, which re-says it
// in the visitor's language.
export function createConsole(getModel, guideCmd, content) {
  const press = (id, on) => $(id).setAttribute("aria-pressed", String(!!on));

  // render draws the console from the client's latest word on the tour.
  function render() {
    const model = getModel();
    const code = model.code || tourCode;
    $("gc-code").textContent = code;
    press("gc-follow", model.follow);
    press("gc-lock", model.locked);
    press("gc-chat", !model.chatOff);
    // Spotlight: the scene's hotspots, and a way to close it.
    sync($("gc-spotlight"), content.items(), (item) => {
      const b = document.createElement("button");
      b.type = "button";
      b.className = "gc-spot";
      b.dataset.hotspot = item.id;
      return b;
    }, (b, item) => {
      b.textContent = item.title;
      b.setAttribute("aria-pressed", String(item.id === model.spotlight));
    });
    $("gc-spotlight-off").disabled = !model.spotlight;
    // Move the group: every scene, the current one marked.
    const here = visit.sceneEntry ? visit.sceneEntry.id : "";
    sync($("gc-scenes"), visit.sceneList.map((s) => ({ id: s.id, title: pick(s.title).text || s.id })), (item) => {
      const b = document.createElement("button");
      b.type = "button";
      b.className = "gc-scene";
      b.dataset.scene = item.id;
      return b;
    }, (b, item) => {
      const current = item.id === here;
      b.textContent = current ? t("hereNow", { scene: item.title }) : item.title;
      b.disabled = current;
      if (current) b.setAttribute("aria-current", "location");
      else b.removeAttribute("aria-current");
    });
    renderMembers();
  }

  // renderMembers lists everyone, raised hands first, with what the
  // guide may do to each visitor.
  function renderMembers() {
    const model = getModel();
    const members = model.members.filter((m) => m && typeof m.id === "number");
    const hands = members.filter((m) => m.hand && m.id !== model.self);
    const rest = members.filter((m) => !(m.hand && m.id !== model.self));
    $("gc-members-title").textContent = t("participants", { n: members.length });
    sync($("gc-members"), hands.concat(rest).map((m) => ({ id: String(m.id), m })), (item) => {
      const li = document.createElement("li");
      li.className = "gc-member";
      li.dataset.id = item.id;
      const hand = document.createElement("span");
      hand.className = "gc-member-hand";
      hand.textContent = "✋";
      const name = document.createElement("span");
      name.className = "gc-member-name";
      name.dir = "auto";
      const tag = document.createElement("span");
      tag.className = "gc-member-tag";
      const actions = document.createElement("span");
      actions.className = "gc-member-actions";
      for (const cls of ["gc-mute", "gc-remove", "gc-make-guide"]) {
        const b = document.createElement("button");
        b.type = "button";
        b.className = cls;
        b.dataset.id = item.id;
        actions.append(b);
      }
      li.append(hand, name, tag, actions);
      return li;
    }, (li, item) => {
      const m = item.m, me = m.id === model.self, guide = m.role === "guide";
      const name = String(m.name || "");
      li.dataset.hand = String(!!m.hand);
      li.dataset.muted = String(!!m.muted);
      li.dataset.role = guide ? "guide" : "visitor";
      const hand = li.querySelector(".gc-member-hand");
      hand.hidden = !m.hand;
      hand.title = t("handUp");
      hand.setAttribute("aria-label", t("handUp"));
      const label = li.querySelector(".gc-member-name");
      label.textContent = me ? t("you", { name }) : name;
      label.style.color = /^#[0-9a-fA-F]{6}$/.test(m.color || "") ? m.color : "";
      li.querySelector(".gc-member-tag").textContent = guide ? t("guideRole") : "";
      li.querySelector(".gc-member-actions").hidden = me || guide;
      const mute = li.querySelector(".gc-mute");
      mute.textContent = m.muted ? t("unmute") : t("mute");
      mute.setAttribute("aria-pressed", String(!!m.muted));
      mute.dataset.name = name;
      li.querySelector(".gc-remove").textContent = t("remove");
      li.querySelector(".gc-remove").dataset.name = name;
      li.querySelector(".gc-make-guide").textContent = t("makeGuide");
      li.querySelector(".gc-make-guide").dataset.name = name;
    });
  }

  // sync makes container's children match items (each with an id),
  // reusing the elements it made before (by data-key) so that a button
  // keeps the keyboard while the state changes under it.
  function sync(container, items, make, fill) {
    const old = new Map();
    for (const el of container.children) old.set(el.dataset.key, el);
    items.forEach((item, i) => {
      const key = String(item.id);
      let el = old.get(key);
      if (!el) {
        el = make(item);
        el.dataset.key = key;
      }
      old.delete(key);
      fill(el, item);
      if (container.children[i] !== el) container.insertBefore(el, container.children[i] || null);
    });
    for (const el of old.values()) el.remove();
  }

  // fold folds the console to its title bar, or opens it.
  function fold(folded) {
    const body = $("gc-body"), toggle = $("gc-toggle");
    body.hidden = folded;
    $("guide-console").classList.toggle("folded", folded);
    toggle.setAttribute("aria-expanded", String(!folded));
    const label = folded ? t("consoleShow") : t("consoleHide");
    toggle.setAttribute("aria-label", label);
    toggle.title = label;
  }

  // translate re-says the console in the visitor's language.
  function translate() {
    const set = (id, key) => { $(id).textContent = t(key); };
    set("guide-console-title", "consoleTitle");
    $("guide-console").setAttribute("aria-label", t("consoleTitle"));
    fold($("gc-body").hidden);
    set("gc-follow", "followMode");
    set("gc-gather", "gather");
    set("gc-lock", "lockTour");
    set("gc-chat", "chatAllowed");
    set("gc-pointer-hint", "pointerHint");
    set("gc-spotlight-title", "spotlight");
    set("gc-spotlight-off", "spotlightOff");
    set("gc-scenes-title", "moveGroup");
    if (!("done" in $("gc-copy-join").dataset)) set("gc-copy-join", "copyJoinLink");
    set("gc-qr-toggle", "showQR");
    $("gc-qr").alt = t("qrAlt");
    set("gc-end", "endTour");
  }

  $("gc-toggle").addEventListener("click", () => fold(!$("gc-body").hidden));
  // Switches flip what the model says now.
  const flip = (cmd, on) => () => { const model = getModel(); if (model) guideCmd(cmd, { on: on(model) }); };
  $("gc-follow").addEventListener("click", flip("follow", (model) => !model.follow));
  $("gc-gather").addEventListener("click", () => guideCmd("gather"));
  $("gc-lock").addEventListener("click", flip("lock", (model) => !model.locked));
  $("gc-chat").addEventListener("click", flip("chat", (model) => !!model.chatOff));
  $("gc-spotlight").addEventListener("click", (e) => {
    const b = e.target.closest("button.gc-spot"), model = getModel();
    if (b && model) guideCmd("spotlight", { hotspot: b.dataset.hotspot === model.spotlight ? "" : b.dataset.hotspot });
  });
  $("gc-spotlight-off").addEventListener("click", () => guideCmd("spotlight", { hotspot: "" }));
  $("gc-scenes").addEventListener("click", (e) => {
    const b = e.target.closest("button.gc-scene");
    if (b && !b.disabled) guideCmd("scene", { scene: b.dataset.scene });
  });
  $("gc-members").addEventListener("click", (e) => {
    const b = e.target.closest("button"), model = getModel();
    if (!b || !model) return;
    const id = parseInt(b.dataset.id, 10), name = b.dataset.name || "";
    const m = model.members.find((x) => x && x.id === id);
    if (!m) return;
    if (b.classList.contains("gc-mute")) guideCmd("mute", { id, on: !m.muted });
    else if (b.classList.contains("gc-remove") && window.confirm(t("confirmRemove", { name }))) guideCmd("remove", { id });
    else if (b.classList.contains("gc-make-guide") && window.confirm(t("confirmHandover", { name }))) guideCmd("handover", { id });
  });
  $("gc-copy-join").addEventListener("click", () => copyText(joinLink(), $("gc-copy-join"), "copyJoinLink"));
  $("gc-qr-toggle").addEventListener("click", () => {
    const img = $("gc-qr"), show = img.hidden, model = getModel();
    if (show && !img.getAttribute("src")) img.src = qrURL((model && model.code) || tourCode);
    img.hidden = !show;
    $("gc-qr-toggle").setAttribute("aria-expanded", String(show));
  });
  $("gc-end").addEventListener("click", () => {
    if (window.confirm(t("confirmEnd"))) guideCmd("end");
  });

  return { render, fold, translate };
}
