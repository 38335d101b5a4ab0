// page.js runs Yunyou's page (index.html): it checks the browser, asks for
// a name, downloads the client, the scene and its textures with a progress
// bar, hands them to the client as window.yunyouBoot and starts it. It is a
// file of its own, not inline in the page, so that the Content-Security-
// Policy can forbid inline scripts.
"use strict";
(() => {
  // The server writes the content-hashed address of the client into the
  // page's <body data-wasm="...">.
  const WASM_URL = document.body.dataset.wasm || "";
  // Share of the progress bar for the client; the rest is the scene and
  // its textures, which download at the same time.
  const WASM_SHARE = 0.7;
  const NAME_KEY = "yunyou.name";

  const $ = (id) => document.getElementById(id);
  const params = new URLSearchParams(location.search);
  let failed = false;

  function fail(msg) {
    failed = true;
    document.body.classList.add("failed");
    console.error("yunyou: " + msg);
    const el = $("error");
    el.textContent = msg;
    el.hidden = false;
    $("progress-detail").textContent = "Stopped";
  }

  // Until the client runs, state() says so; the client replaces it.
  window.yunyou = window.yunyou || {};
  window.yunyou.state = () => JSON.stringify({ scene: "", session: "", id: 0, pose: null, peers: [], frames: 0, frameMs: 0, connected: false, loading: true });

  const gl = document.createElement("canvas").getContext("webgl2");
  if (!gl) {
    fail("Your browser cannot show 3D here: WebGL2 is off or unsupported. Try a recent Chrome, Firefox or Safari, or enable hardware acceleration.");
    return;
  }
  gl.getExtension("WEBGL_lose_context")?.loseContext();
  if (!window.Go || typeof WebAssembly !== "object") {
    fail("This browser cannot run the viewer (WebAssembly is missing or wasm_exec.js did not load). Reload the page, or try a recent Chrome, Firefox or Safari.");
    return;
  }

  if (!WASM_URL || WASM_URL.startsWith("__")) {
    fail("This page does not name the viewer's file; it was not sent by the Yunyou server. Open the server's address and reload.");
    return;
  }

  // ---- Name: from ?name=, or the form (remembered for next time). ----
  const boot = window.yunyouBoot = { scene: null, textures: {}, name: "" };
  const nameParam = (params.get("name") || "").trim();
  const form = $("name-form"), input = $("name-input");
  if (nameParam) {
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
      $("name-hint").textContent = "Please type a name first.";
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
      w.textContent = "Welcome, " + name + ". Entering as soon as the cave has loaded…";
      w.hidden = false;
    }
  });

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
    if (detail) $("progress-detail").textContent = detail;
  }

  class LoadError extends Error {}
  // why returns an exception's message without a final full stop, to be
  // followed by more sentences.
  const why = (e) => String((e && e.message) || e).replace(/\.+$/, "");

  function httpError(what, url, res) {
    let fix = "Reload the page in a minute; if it keeps failing, the server may be down.";
    if (res.status === 404) fix = "The page may be out of date: reload it.";
    else if (res.status >= 400 && res.status < 500) fix = "Check the address and reload.";
    return new LoadError(`Could not load ${what} (${url}): HTTP ${res.status} ${res.statusText}. ${fix}`);
  }

  // fetchBytes downloads url, reporting (received, total) as it streams.
  // The browser decompresses a compressed response on the fly, so the bytes
  // streamed are the decoded ones: count them against the decoded size,
  // which the server sends as X-Yunyou-Uncompressed-Size (Content-Length and
  // X-Yunyou-Size give the compressed size on the wire).
  async function fetchBytes(what, url, onProgress) {
    let res;
    try {
      res = await fetch(url);
    } catch (e) {
      throw new LoadError(`Could not reach the server for ${what} (${url}): ${why(e)}. Check your connection and reload.`);
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

  async function fetchJSON(what, url) {
    let res;
    try {
      res = await fetch(url);
    } catch (e) {
      throw new LoadError(`Could not reach the server for ${what} (${url}): ${why(e)}. Check your connection and reload.`);
    }
    if (!res.ok) throw httpError(what, url, res);
    try {
      return await res.json();
    } catch (e) {
      throw new LoadError(`The server sent ${what} that is not valid JSON (${url}). Reload the page; if it persists, report it.`);
    }
  }

  // decodePNG turns PNG bytes into straight RGBA pixels.
  async function decodePNG(bytes) {
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

  const textOf = (m) => (m && (m.en || Object.values(m)[0])) || "";

  async function loadScene() {
    const list = await fetchJSON("the list of scenes", "api/scenes");
    const wanted = (params.get("scene") || list.default || "").trim();
    const entry = (list.scenes || []).find((s) => s.id === wanted);
    if (!entry) {
      const ids = (list.scenes || []).map((s) => s.id).join(", ") || "none";
      throw new LoadError(`There is no scene “${wanted}” on this server (available: ${ids}). Remove ?scene= from the address to open the default one.`);
    }
    const title = textOf(entry.title) || entry.id;
    const zh = (entry.title && entry.title.zh) || "";
    const era = textOf(entry.era);
    $("scene-name").textContent = title;
    $("scene-name-zh").textContent = zh !== title ? zh : "";
    $("scene-era").textContent = era;
    $("title-card-name").textContent = title;
    $("title-card-zh").textContent = zh !== title ? zh : "";
    $("title-card-sub").textContent = era;
    document.title = `${title} · Yunyou 云游`;

    const files = [entry.url || `api/scenes/${encodeURIComponent(entry.id)}`, ...(entry.textures || [])];
    for (const f of files) assetFracs.set(f, 0);
    const progress = (f) => (got, total) => { assetFracs.set(f, total ? got / total : 0); showProgress(); };
    const sceneBytes = fetchBytes(`the scene ${entry.id}`, files[0], progress(files[0]));
    const textures = {};
    await Promise.all([
      sceneBytes.then((b) => { boot.scene = new TextDecoder().decode(b); }),
      ...files.slice(1).map(async (url) => {
        const name = url.split("/").pop().replace(/\.png$/i, "");
        const bytes = await fetchBytes(`the texture ${name}`, url, progress(url));
        try {
          textures[name] = await decodePNG(bytes);
        } catch (e) {
          throw new LoadError(`The texture ${name} (${url}) could not be decoded: ${why(e)}. Reload the page.`);
        }
      }),
    ]);
    boot.textures = textures;
  }

  // The client's standard error (panics, its own error reports) goes to
  // the console as errors, line by line; the start is kept to show a panic.
  let panicText = "", errLine = "";
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

  async function start() {
    showProgress("Loading the viewer…");
    const wasm = fetchBytes("the viewer", WASM_URL, (got, total) => { wasmFrac = total ? got / total : 0; showProgress(); });
    await Promise.all([wasm, loadScene()]);
    showProgress("Starting…");
    const go = new Go();
    go.exit = (code) => {
      if (code === 0 || failed) return;
      const first = panicText.split("\n").find((l) => l.startsWith("panic:") || l.startsWith("fatal error:")) || "";
      fail(`The viewer stopped because of an error${first ? ": " + first : ""} (exit code ${code}). Reload the page; the browser console has the details.`);
    };
    let instance;
    try {
      ({ instance } = await WebAssembly.instantiate(await wasm, go.importObject));
    } catch (e) {
      throw new LoadError(`The viewer could not start: ${why(e)}. Reload the page; if it keeps failing, try another browser.`);
    }
    await go.run(instance);
    // The client has stopped: keep state() answering, for scripts and
    // tests that poll it, with what went wrong.
    window.yunyou.state = () => JSON.stringify({ scene: "", session: "", id: 0, pose: null, peers: [], frames: 0, frameMs: 0, connected: false, exited: true, error: $("error").textContent });
  }

  start().catch((e) => {
    console.error(e);
    fail(e instanceof LoadError ? e.message : `Loading failed: ${why(e)}. Reload the page to try again.`);
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
      window.prompt("Copy this link to the view:", link);
    }
    copyButton.dataset.link = link;
    if (copied) {
      copyButton.textContent = "Link copied";
      copyButton.dataset.done = "";
      setTimeout(() => { copyButton.textContent = "Copy link to this view"; delete copyButton.dataset.done; }, 2000);
    }
    copyButton.blur(); // keys go back to walking
  });
})();
