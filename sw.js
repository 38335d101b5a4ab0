// sw.js is the service worker of kiosk pages (/kiosk/NAME): it keeps what
// a kiosk shows — the page, its scripts, the client, the scenes of the
// kiosk's profile with their textures, and the profile — so that a kiosk
// whose network drops still starts its tour after a reload or a power cut.
// Other pages pass through untouched. kiosk-ops.js registers it and sends
// it the list of files to keep ("precache").
//
// Strategies: the hashed client (/client/...) never changes at its
// address, so it comes from the cache first; everything else is fetched
// fresh while the server answers (network first, the cached copy when it
// does not), so a kiosk shows an update at its next reload. Reports,
// WebSockets, tours and the admin API are never kept.
const CACHE = "yunyou-kiosk-v1";
// NETWORK_WAIT_MS is how long to wait for the server before using a kept
// copy: a dropped network often hangs rather than refuses.
const NETWORK_WAIT_MS = 5000;
// NEVER are addresses never kept: live answers, and the admin's.
const NEVER = [/^\/ws$/, /^\/api\/kiosks\/[^/]+\/report$/, /^\/api\/admin\//, /^\/admin/, /^\/api\/tours/, /^\/healthz$/];

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name !== CACHE && name.startsWith("yunyou-kiosk-")) await caches.delete(name);
    // Take over the kiosk page that registered this worker at once, so
    // that its next reload is served from here.
    await self.clients.claim();
  })());
});

self.addEventListener("message", (event) => {
  const msg = event.data;
  if (!msg || msg.type !== "precache" || !Array.isArray(msg.urls)) return;
  event.waitUntil(precache(msg.urls).then((result) => {
    if (event.ports[0]) event.ports[0].postMessage(result);
  }));
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET") return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin || NEVER.some((re) => re.test(url.pathname))) return;
  if (req.mode === "navigate") {
    if (url.pathname.startsWith("/kiosk/")) event.respondWith(networkFirst(req, pageKey(url)));
    return;
  }
  event.respondWith((async () => {
    if (!(await fromKiosk(event.clientId))) return fetch(req);
    return url.pathname.startsWith("/client/") ? cacheFirst(req) : networkFirst(req, req);
  })());
});

// pageKey keeps a kiosk page under its path: ?scene= and ?lang= only say
// where the tour is, and the page is the same.
const pageKey = (url) => new Request(url.origin + url.pathname);

// fromKiosk reports whether the request comes from a kiosk page.
async function fromKiosk(clientId) {
  if (!clientId) return false;
  const client = await self.clients.get(clientId);
  return !!client && new URL(client.url).pathname.startsWith("/kiosk/");
}

// networkFirst answers from the server, keeping what it sends under key,
// or from the cache when the server does not answer in time.
async function networkFirst(req, key) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(key, { ignoreVary: true });
  try {
    const res = await (kept ? withTimeout(fetch(req), NETWORK_WAIT_MS) : fetch(req));
    if (res.ok) await cache.put(key, res.clone());
    return res;
  } catch (e) {
    if (kept) return kept;
    throw e;
  }
}

async function cacheFirst(req) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(req, { ignoreVary: true });
  if (kept) return kept;
  const res = await fetch(req);
  if (res.ok) await cache.put(req, res.clone());
  return res;
}

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
    promise.then((v) => { clearTimeout(timer); resolve(v); }, (e) => { clearTimeout(timer); reject(e); });
  });
}

// precache keeps every url (fetched afresh, except a client already kept)
// and forgets clients of older builds. It answers {kept, failed}.
async function precache(urls) {
  const cache = await caches.open(CACHE);
  const wanted = new Set(urls.map((u) => new URL(u, self.location.origin).href));
  for (const req of await cache.keys()) {
    if (new URL(req.url).pathname.startsWith("/client/") && !wanted.has(req.url)) await cache.delete(req);
  }
  const failed = [];
  await Promise.all([...wanted].map(async (href) => {
    try {
      const url = new URL(href);
      if (url.pathname.startsWith("/client/") && await cache.match(href, { ignoreVary: true })) return;
      // The hashed client may come from the browser's cache; the rest is
      // checked with the server.
      const res = await fetch(href, { cache: url.pathname.startsWith("/client/") ? "default" : "no-cache" });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      await cache.put(url.pathname.startsWith("/kiosk/") ? pageKey(url) : href, res);
    } catch (e) {
      failed.push(href);
    }
  }));
  return { kept: wanted.size - failed.length, failed };
}
