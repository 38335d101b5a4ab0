// shared.js holds what every part of the page uses: finding an element,
// the page's query, where the visitor's name is remembered, what is known
// about this visit so far, and small helpers for keys, links and server
// messages.
import { t } from "./strings.js";

// COPIED_MS is how long a copy button says it copied.
const COPIED_MS = 2000;

export const $ = (id) => document.getElementById(id);
export const params = new URLSearchParams(location.search);
export const NAME_KEY = "yunyou.name";

// visit is what the page knows about this visit, written by the part that
// learns it and read by the others.
export const visit = {
  // failed is set once the page has given up and says why; the client
  // stopping after that is no news.
  failed: false,
  // progressKey is the wording under the bar, re-said on a language
  // change.
  progressKey: "loadingViewer",
  // boot is window.yunyouBoot, the client's start-up data, once the
  // browser is known to be able to run the client.
  boot: null,
  sceneEntry: null, // the scene's entry in /api/scenes: id, title, era
  sceneList: [], // every entry of /api/scenes, for the tour's scene menus
};

// currentName is the name the visitor goes by now (the client's, which
// may differ from the one typed), for links that keep it.
export function currentName() {
  let name = visit.boot.name;
  try { name = JSON.parse(window.yunyou.state()).name || name; } catch (e) { /* keep the boot name */ }
  return name;
}

// focusGame hands the keys back to walking.
export function focusGame() {
  const active = document.activeElement;
  if (active && active.blur) active.blur();
  document.querySelector("canvas")?.focus();
}

// sentence starts a server's message with a capital letter, as the
// client does: messages show as sentences, Go's error text starts in
// lower case.
export const sentence = (msg) => { const m = String(msg || ""); return m.charAt(0).toUpperCase() + m.slice(1); };

// copyText copies text and has button say so for a moment before it says
// t(label) again.
export async function copyText(text, button, label) {
  try {
    await navigator.clipboard.writeText(text);
  } catch (e) {
    // No clipboard (an insecure origin, or refused): show the text so
    // it can be copied by hand.
    window.prompt(t("joinLink"), text);
    return;
  }
  button.textContent = t("copied");
  button.dataset.done = "";
  setTimeout(() => { delete button.dataset.done; button.textContent = t(label); }, COPIED_MS);
}
