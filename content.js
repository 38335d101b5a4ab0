// content.js shows the scene's content over the canvas: hotspot markers,
// the panel a hotspot opens, and portals with their labels, through which
// the visitor walks to another scene. The client answers
// window.yunyou.project(x, y, z) → {x, y, visible} (CSS pixels; hidden
// behind walls) and window.yunyou.pose(); the page places its elements
// from them on every animation frame.
import { $, params, currentName, focusGame } from "./shared.js";
import { LANGUAGE_NAMES, lang, pick, t } from "./strings.js";

// PANEL_RANGE closes an open panel when the visitor walks further than
// this from its hotspot, in metres: the text is about what is in front
// of them, and a forgotten panel would cover the view.
const PANEL_RANGE = 6;
// MARKER_LIFT moves a marker's point this far toward the eye, in
// metres: hotspots lie on (within 5 cm of) a surface, and a point just
// behind its own wall would count as hidden.
const MARKER_LIFT = 0.08;
// PORTAL_LABEL_HEIGHT is how high above the floor a portal's label
// floats, in metres: above the heads of people walking through.
const PORTAL_LABEL_HEIGHT = 2.2;
// FADE_MS matches the #fade transition: the screen is black before the
// page goes.
const FADE_MS = 400;
const ARRIVE_KEY = "yunyou.arriving";

// createContent starts the scene's content layer. tour is told when the
// panel opens or closes (panelChanged()), is asked whether the page is in
// a tour (active()), and in a tour takes the portals (portal(p)).
export function createContent(tour) {
  const layer = $("content-layer");
  const panel = $("hotspot-panel");
  let hotspots = [], portals = [];
  let openID = "";
  // pinnedID is a hotspot the guide spotlit: its panel stays open however
  // far the visitor stands from it.
  let pinnedID = "";
  let leaving = false;
  // armed turns true once the visitor stands outside every portal, so
  // arriving on a portal's floor does not send them straight back.
  let armed = false;

  function setScene(scene) {
    hotspots = (Array.isArray(scene.hotspots) ? scene.hotspots : []).map((h) => {
      const el = document.createElement("button");
      el.type = "button";
      el.className = "hotspot-marker";
      el.dataset.id = h.id;
      el.setAttribute("aria-expanded", "false");
      el.setAttribute("aria-controls", "hotspot-panel");
      el.style.display = "none";
      el.addEventListener("click", (e) => {
        open(h.id);
        // A mouse click hands the keys back to walking; a keyboard
        // press moves on into the panel.
        if (e.detail > 0) focusGame();
        else $("hotspot-close").focus();
      });
      layer.append(el);
      return { data: h, el, x: -1, y: -1, shown: false };
    });
    portals = (Array.isArray(scene.portals) ? scene.portals : []).map((p) => {
      const el = document.createElement("div");
      el.className = "portal-label";
      el.dataset.id = p.id;
      el.style.display = "none";
      layer.append(el);
      return { data: p, el, x: -1, y: -1, shown: false };
    });
    translate();
  }

  // translate re-says every scene text in the visitor's language.
  function translate() {
    for (const h of hotspots) h.el.setAttribute("aria-label", pick(h.data.title).text || h.data.id);
    for (const p of portals) p.el.textContent = pick(p.data.label).text || p.data.to;
    if (openID) fill(hotspots.find((h) => h.data.id === openID));
  }

  function fill(h) {
    if (!h) return;
    const title = pick(h.data.title), summary = pick(h.data.summary);
    const text = pick(h.data.text).text ? pick(h.data.text) : summary;
    $("hotspot-title").textContent = title.text;
    $("hotspot-summary").textContent = text === summary ? "" : summary.text;
    $("hotspot-text").textContent = text.text;
    const note = $("hotspot-note");
    const shown = text.lang || title.lang;
    note.hidden = !shown || shown === lang;
    note.textContent = shown === "en" ? t("textInEnglish") : t("textIn", { lang: LANGUAGE_NAMES[shown] || shown });
    note.lang = shown || "";
    $("hotspot-title").lang = title.lang;
    $("hotspot-summary").lang = summary.lang;
    $("hotspot-text").lang = text.lang;
    // An optional picture: a texture of the scene or a curator's
    // photograph, served with the textures.
    const figure = $("hotspot-figure"), image = h.data.image;
    figure.hidden = !(image && image.texture);
    if (!figure.hidden) {
      const caption = pick(image.caption || {});
      const src = "/assets/textures/" + encodeURIComponent(image.texture) + ".png";
      if ($("hotspot-image").getAttribute("src") !== src) $("hotspot-image").src = src;
      $("hotspot-image").alt = caption.text || title.text;
      $("hotspot-caption").textContent = caption.text;
      $("hotspot-caption").lang = caption.lang;
    }
  }

  // open shows hotspot id's panel; pinned (a spotlight) keeps it open
  // wherever the visitor walks. The panel names its hotspot in
  // data-hotspot.
  function open(id, pinned) {
    const h = hotspots.find((x) => x.data.id === id);
    if (!h) return false;
    for (const x of hotspots) x.el.setAttribute("aria-expanded", String(x === h));
    openID = id;
    pinnedID = pinned ? id : "";
    fill(h);
    panel.dataset.hotspot = id;
    panel.hidden = false;
    tour.panelChanged();
    return true;
  }

  function close() {
    if (!openID) return;
    const h = hotspots.find((x) => x.data.id === openID);
    openID = "";
    pinnedID = "";
    panel.hidden = true;
    delete panel.dataset.hotspot;
    tour.panelChanged();
    if (h) h.el.setAttribute("aria-expanded", "false");
    if (panel.contains(document.activeElement)) focusGame();
  }

  // place moves an element to (x, y) in whole CSS pixels, writing the
  // page only when something changed.
  function place(item, r) {
    if (!r.visible) {
      if (item.shown) { item.el.style.display = "none"; item.shown = false; }
      return;
    }
    const x = Math.round(r.x), y = Math.round(r.y);
    if (x !== item.x || y !== item.y) {
      item.x = x; item.y = y;
      item.el.style.transform = `translate(${x}px,${y}px)`;
    }
    if (!item.shown) { item.el.style.display = ""; item.shown = true; }
  }

  function frame() {
    requestAnimationFrame(frame);
    const api = window.yunyou;
    if (!document.body.classList.contains("ready") || typeof api.project !== "function") return;
    const pose = api.pose();
    const ex = pose.x, ey = pose.y, ez = pose.z;
    for (const h of hotspots) {
      const [x, y, z] = h.data.position;
      const dx = ex - x, dy = ey - y, dz = ez - z;
      const d = Math.hypot(dx, dy, dz) || 1;
      const lift = Math.min(MARKER_LIFT, d / 2) / d;
      place(h, api.project(x + dx * lift, y + dy * lift, z + dz * lift));
      if (h.data.id === openID && openID !== pinnedID && Math.hypot(dx, dz) > PANEL_RANGE) close();
    }
    let inside = null;
    for (const p of portals) {
      const [cx, cz] = p.data.center, [w, d] = p.data.size;
      place(p, api.project(cx, PORTAL_LABEL_HEIGHT, cz));
      if (Math.abs(ex - cx) <= w / 2 && Math.abs(ez - cz) <= d / 2) inside = p.data;
    }
    if (!inside) armed = true;
    else if (armed && !leaving && document.body.classList.contains("joined")) {
      // In a tour the guide's portal moves the whole group; the step
      // counts once, until the guide stands outside again.
      if (tour.active()) { armed = false; tour.portal(inside); } else go(inside);
    }
  }

  // spotlight marks hotspot id's marker as the one the guide shows ("" for
  // none).
  function spotlight(id) {
    for (const h of hotspots) h.el.classList.toggle("spotlit", h.data.id === id);
  }

  // items lists the scene's hotspots with their titles in the visitor's
  // language.
  function items() {
    return hotspots.map((h) => ({ id: h.data.id, title: pick(h.data.title).text || h.data.id }));
  }

  // fadeTo fades to black and opens the page with query q.
  function fadeTo(q) {
    if (leaving) return;
    leaving = true;
    close();
    document.body.classList.add("leaving");
    if (params.get("scale")) q.set("scale", params.get("scale"));
    if (params.get("lang")) q.set("lang", params.get("lang"));
    try { sessionStorage.setItem(ARRIVE_KEY, "1"); } catch (e) { /* arrives without the fade */ }
    setTimeout(() => location.assign("?" + q.toString()), FADE_MS);
  }

  // go fades to black and opens the portal's scene, keeping the
  // visitor's name (and the language, which is remembered).
  function go(portal) {
    const q = new URLSearchParams();
    q.set("scene", portal.to);
    const name = currentName();
    if (name) q.set("name", name);
    const a = portal.arrive;
    if (a) q.set("pose", [a.x, a.y, a.z, a.yaw || 0, a.pitch || 0].map((v) => Number(v).toFixed(3)).join(","));
    fadeTo(q);
  }

  // The game's canvas takes every key, Tab included; let Tab leave it
  // for the markers, the panel and the menus, as on any page.
  window.addEventListener("keydown", (e) => {
    if (e.key === "Tab" && document.activeElement && document.activeElement.tagName === "CANVAS") e.stopPropagation();
  }, true);
  $("hotspot-close").addEventListener("click", close);
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && openID) close();
  });
  requestAnimationFrame(frame);

  // Coming through a portal, the page starts black and fades in once the
  // client draws (see #fade).
  try {
    if (sessionStorage.getItem(ARRIVE_KEY)) {
      sessionStorage.removeItem(ARRIVE_KEY);
      document.body.classList.add("arriving");
    }
  } catch (e) { /* no fade in */ }
  return { setScene, translate, open, close, spotlight, items, fadeTo, current: () => openID };
}
