// tourlink.js reads the tour link the page was opened with. /?tour=CODE
// joins a guided tour; the guide's link adds #guide=TOKEN. The token is
// the guide's secret: before anything else it moves to this tab's
// sessionStorage and leaves the address, so it never stays in the address
// bar, the history, a copied link or a screenshot. page.js imports this
// module first, so that this happens before any other script of the page
// runs and before any request.
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"; // protocol.CodeAlphabet
const CODE_LENGTH = 6; // protocol.CodeLength
const GUIDE_KEY = "yunyou.guide."; // + code: the guide token of that tour
// MOVE_KEY (+ code) holds the scene the group just moved to, read once on
// arrival: the client has heard of the move before the tour's address
// answers with the new scene, and must not be sent back.
const MOVE_KEY = "yunyou.tourScene.";

// normalizeCode accepts a code as people type or read it aloud.
export const normalizeCode = (s) => String(s || "").toUpperCase().replace(/[\s-]+/g, "");
export const validCode = (c) => c.length === CODE_LENGTH && [...c].every((ch) => CODE_ALPHABET.includes(ch));

// tourCode is the tour of the link, or "".
export const tourCode = normalizeCode(new URLSearchParams(location.search).get("tour"));

let linkToken = ""; // the token from the link, should storage be blocked
{
  const m = /(?:^#|&)guide=([^&]*)/.exec(location.hash);
  if (m) {
    let token = m[1];
    try { token = decodeURIComponent(token); } catch (e) { /* keep it as it came */ }
    try {
      if (tourCode && token) sessionStorage.setItem(GUIDE_KEY + tourCode, token);
    } catch (e) {
      console.error("yunyou: this tab cannot keep the guide token (storage blocked); it leads only until reloaded:", e);
    }
    linkToken = token;
    history.replaceState(history.state, "", location.pathname + location.search);
  }
}

// guideToken returns this tab's guide token for the tour, or "".
export function guideToken(code) {
  try {
    const tok = sessionStorage.getItem(GUIDE_KEY + code);
    if (tok) return tok;
  } catch (e) { /* storage blocked: the token from the link, if any */ }
  return linkToken;
}

// keepToken keeps token as this tab's guide token for the link's tour: a
// handover made this visitor the guide.
export function keepToken(token) {
  try { sessionStorage.setItem(GUIDE_KEY + tourCode, token); } catch (e) { /* leads until reloaded */ }
}

// forgetToken forgets the guide token of the link's tour, which no longer
// works (handed over, or the tour is over).
export function forgetToken() {
  linkToken = "";
  try { sessionStorage.removeItem(GUIDE_KEY + tourCode); } catch (e) { /* nothing kept */ }
}

// noteMove remembers, for the page that opens next, that the group moved
// to scene.
export function noteMove(scene) {
  try { sessionStorage.setItem(MOVE_KEY + tourCode, scene); } catch (e) { /* arrives where the tour's address says */ }
}

// takeMove returns the scene noteMove remembered, once, or "".
export function takeMove() {
  let moved = "";
  try {
    moved = sessionStorage.getItem(MOVE_KEY + tourCode) || "";
    sessionStorage.removeItem(MOVE_KEY + tourCode);
  } catch (e) { /* the tour's own word, then */ }
  return moved;
}

// joinLink is the link visitors open to join the link's tour.
export const joinLink = () => new URL("?tour=" + encodeURIComponent(tourCode), location.href).href;
// qrURL is the address of the QR code that opens tour code.
export const qrURL = (code) => "/api/tours/" + encodeURIComponent(code) + "/qr.png";
