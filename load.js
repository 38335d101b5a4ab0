// load.js downloads what the page needs: bytes with their progress, JSON,
// and PNG textures decoded to pixels. Its errors say what went wrong and
// what to do about it, in the visitor's language.
import { t } from "./strings.js";

// LoadError is a download that failed; its message is for the visitor.
export class LoadError extends Error {}
// why returns an exception's message without a final full stop, to be
// followed by more sentences.
export const why = (e) => String((e && e.message) || e).replace(/\.+$/, "");

// The what of fetchBytes and fetchJSON names the download for the
// browser console; the visitor reads the address instead, which needs no
// translation.
function httpError(what, url, res) {
  let fix = t("fixLater");
  if (res.status === 404) fix = t("fixOutdated");
  else if (res.status >= 400 && res.status < 500) fix = t("fixAddress");
  console.error(`yunyou: loading ${what} (${url}): HTTP ${res.status} ${res.statusText}`);
  return new LoadError(t("loadHTTP", { url, status: `${res.status} ${res.statusText}`.trim(), fix }));
}

function unreachable(what, url, e) {
  console.error(`yunyou: loading ${what} (${url}):`, e);
  return new LoadError(t("loadUnreachable", { url, why: why(e) }));
}

// fetchBytes downloads url, reporting (received, total) as it streams.
// The browser decompresses a compressed response on the fly, so the bytes
// streamed are the decoded ones: count them against the decoded size,
// which the server sends as X-Yunyou-Uncompressed-Size (Content-Length and
// X-Yunyou-Size give the compressed size on the wire).
export async function fetchBytes(what, url, onProgress) {
  let res;
  try {
    res = await fetch(url);
  } catch (e) {
    throw unreachable(what, url, e);
  }
  if (!res.ok) throw httpError(what, url, res);
  const encoded = !!res.headers.get("Content-Encoding");
  const total = parseInt(res.headers.get("X-Yunyou-Uncompressed-Size") || "", 10) ||
    (!encoded && parseInt(res.headers.get("Content-Length") || "", 10)) || 0;
  if (!res.body || !res.body.getReader) {
    const buf = new Uint8Array(await res.arrayBuffer());
    onProgress(buf.length, buf.length);
    return buf;
  }
  const reader = res.body.getReader();
  const chunks = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
    onProgress(received, Math.max(total, received));
  }
  onProgress(received, received);
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(received);
  let off = 0;
  for (const c of chunks) { out.set(c, off); off += c.length; }
  return out;
}

// fetchJSON downloads url and reads it as JSON.
export async function fetchJSON(what, url) {
  let res;
  try {
    res = await fetch(url);
  } catch (e) {
    throw unreachable(what, url, e);
  }
  if (!res.ok) throw httpError(what, url, res);
  try {
    return await res.json();
  } catch (e) {
    console.error(`yunyou: ${what} (${url}) is not JSON:`, e);
    throw new LoadError(t("loadNotJSON", { url }));
  }
}

// decodePNG turns PNG bytes into straight RGBA pixels.
export async function decodePNG(bytes) {
  const blob = new Blob([bytes], { type: "image/png" });
  let source, w, h;
  if (window.createImageBitmap) {
    source = await createImageBitmap(blob, { premultiplyAlpha: "none", colorSpaceConversion: "none" });
    w = source.width; h = source.height;
  } else {
    source = new Image();
    source.src = URL.createObjectURL(blob);
    await source.decode();
    URL.revokeObjectURL(source.src);
    w = source.naturalWidth; h = source.naturalHeight;
  }
  const canvas = window.OffscreenCanvas ? new OffscreenCanvas(w, h) : Object.assign(document.createElement("canvas"), { width: w, height: h });
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  ctx.drawImage(source, 0, 0);
  if (source.close) source.close();
  return { width: w, height: h, data: ctx.getImageData(0, 0, w, h).data };
}
