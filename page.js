// page.js runs Yunyou's page (index.html): it checks the browser, asks for
// a name, downloads the client, the scene and its textures with a progress
// bar, hands them to the client as window.yunyouBoot and starts it. Once the
// client draws, it shows the scene's hotspots and portals over the canvas,
// and it says everything in the visitor's language (the menu at the top
// offers the six languages of the United Nations). It is a
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
  let progressKey = "loadingViewer"; // the wording under the bar, re-said on a language change

  // ---- Interface strings, in the six languages of the United Nations.
  // Every string the page shows comes from this table; {name}-style
  // fields are filled in by t(). The scene's own texts (titles, hotspots,
  // portal labels) come with the scene, in the same languages.
  const LANGUAGES = ["zh", "en", "fr", "es", "ru", "ar"];
  const LANGUAGE_NAMES = { zh: "中文", en: "English", fr: "Français", es: "Español", ru: "Русский", ar: "العربية" };
  const RTL = new Set(["ar"]);
  const STRINGS = {
    en: {
      pageTitle: "Yunyou 云游 · walk the Mogao caves together",
      sceneFallback: "The Mogao caves",
      loading: "Loading",
      loadingViewer: "Loading the viewer…",
      starting: "Starting…",
      stopped: "Stopped",
      nameLabel: "Your name, as others will see it",
      namePlaceholder: "e.g. Ana, 李明",
      enter: "Enter",
      nameMissing: "Please type a name first.",
      waiting: "Welcome, {name}. Entering as soon as the cave has loaded…",
      copyLink: "Copy link to this view",
      copyLinkTitle: "Copy a link that opens this exact view",
      linkCopied: "Link copied",
      copyPrompt: "Copy this link to the view:",
      chat: "Chat",
      chatMessage: "Chat message",
      chatPlaceholder: "Say something to everyone here… (Enter)",
      helpMouse: "WASD / arrows to walk · drag or click to look · Enter to chat",
      helpTouch: "Drag on the left to walk · on the right to look",
      connecting: "Connecting…",
      joining: "Joining the session…",
      reconnecting: "Reconnecting…",
      reconnectIn: "Connection lost — reconnecting in {secs} s…",
      offline: "Not connected",
      connectionLost: "Connection lost.",
      reconnectedAs: "Reconnected as {name}.",
      joinedAs: "You joined as {name}.",
      arrived: "{name} arrived.",
      left: "{name} left.",
      peopleOne: "Only you here",
      peopleMany: "{n} people here",
      language: "Language",
      close: "Close",
      textIn: "Text in {lang}",
      textInEnglish: "Text in English",
      noWebGL: "Your browser cannot show 3D here: WebGL2 is off or unsupported. Try a recent Chrome, Firefox or Safari, or enable hardware acceleration.",
      noWasm: "This browser cannot run the viewer (WebAssembly is missing or wasm_exec.js did not load). Reload the page, or try a recent Chrome, Firefox or Safari.",
    },
    zh: {
      pageTitle: "云游 Yunyou · 一起漫步莫高窟",
      sceneFallback: "莫高窟",
      loading: "加载中",
      loadingViewer: "正在加载三维查看器…",
      starting: "正在启动…",
      stopped: "已停止",
      nameLabel: "你的名字（其他人会看到）",
      namePlaceholder: "例如：李明、Ana",
      enter: "进入",
      nameMissing: "请先输入名字。",
      waiting: "欢迎，{name}。洞窟加载完毕后即可进入…",
      copyLink: "复制此视角的链接",
      copyLinkTitle: "复制一个能打开当前视角的链接",
      linkCopied: "链接已复制",
      copyPrompt: "请复制此视角的链接：",
      chat: "聊天",
      chatMessage: "聊天消息",
      chatPlaceholder: "对这里的每个人说点什么…（回车发送）",
      helpMouse: "WASD / 方向键行走 · 拖动或点击以环顾 · 回车聊天",
      helpTouch: "在左侧拖动行走 · 在右侧拖动环顾",
      connecting: "正在连接…",
      joining: "正在加入…",
      reconnecting: "正在重新连接…",
      reconnectIn: "连接已断开，{secs} 秒后重新连接…",
      offline: "未连接",
      connectionLost: "连接已断开。",
      reconnectedAs: "已重新连接，你的名字是 {name}。",
      joinedAs: "你已以 {name} 的名字加入。",
      arrived: "{name} 来了。",
      left: "{name} 离开了。",
      peopleOne: "这里只有你",
      peopleMany: "这里有 {n} 人",
      language: "语言",
      close: "关闭",
      textIn: "此段文字为{lang}",
      textInEnglish: "此段文字为英文",
      noWebGL: "你的浏览器无法在此显示 3D：WebGL2 已关闭或不受支持。请使用较新版本的 Chrome、Firefox 或 Safari，或开启硬件加速。",
      noWasm: "此浏览器无法运行本程序（缺少 WebAssembly，或 wasm_exec.js 未能加载）。请刷新页面，或使用较新版本的 Chrome、Firefox 或 Safari。",
    },
    fr: {
      pageTitle: "Yunyou 云游 · parcourez ensemble les grottes de Mogao",
      sceneFallback: "Les grottes de Mogao",
      loading: "Chargement",
      loadingViewer: "Chargement de la visionneuse…",
      starting: "Démarrage…",
      stopped: "Arrêté",
      nameLabel: "Votre nom, tel que les autres le verront",
      namePlaceholder: "p. ex. Ana, 李明",
      enter: "Entrer",
      nameMissing: "Veuillez d’abord saisir un nom.",
      waiting: "Bienvenue, {name}. Vous entrerez dès que la grotte sera chargée…",
      copyLink: "Copier le lien de cette vue",
      copyLinkTitle: "Copier un lien qui ouvre exactement cette vue",
      linkCopied: "Lien copié",
      copyPrompt: "Copiez ce lien vers la vue :",
      chat: "Discussion",
      chatMessage: "Message",
      chatPlaceholder: "Dites quelque chose à tous ceux qui sont ici… (Entrée)",
      helpMouse: "ZQSD / flèches pour marcher · glisser ou cliquer pour regarder · Entrée pour discuter",
      helpTouch: "Glissez à gauche pour marcher · à droite pour regarder",
      connecting: "Connexion…",
      joining: "Entrée dans la session…",
      reconnecting: "Reconnexion…",
      reconnectIn: "Connexion perdue — reconnexion dans {secs} s…",
      offline: "Non connecté",
      connectionLost: "Connexion perdue.",
      reconnectedAs: "Reconnexion réussie sous le nom de {name}.",
      joinedAs: "Vous avez rejoint la visite sous le nom de {name}.",
      arrived: "{name} a rejoint la visite.",
      left: "{name} a quitté la visite.",
      peopleOne: "Il n’y a que vous ici",
      peopleMany: "{n} personnes ici",
      language: "Langue",
      close: "Fermer",
      textIn: "Texte en {lang}",
      textInEnglish: "Texte en anglais",
      noWebGL: "Votre navigateur ne peut pas afficher la 3D : WebGL2 est désactivé ou non pris en charge. Essayez une version récente de Chrome, Firefox ou Safari, ou activez l’accélération matérielle.",
      noWasm: "Ce navigateur ne peut pas lancer la visionneuse (WebAssembly manque ou wasm_exec.js ne s’est pas chargé). Rechargez la page, ou essayez une version récente de Chrome, Firefox ou Safari.",
    },
    es: {
      pageTitle: "Yunyou 云游 · visita en compañía las cuevas de Mogao",
      sceneFallback: "Las cuevas de Mogao",
      loading: "Cargando",
      loadingViewer: "Cargando el visor…",
      starting: "Iniciando…",
      stopped: "Detenido",
      nameLabel: "Tu nombre, tal como lo verán los demás",
      namePlaceholder: "p. ej. Ana, 李明",
      enter: "Entrar",
      nameMissing: "Escribe primero un nombre.",
      waiting: "Te damos la bienvenida, {name}. Entrarás en cuanto se cargue la cueva…",
      copyLink: "Copiar enlace a esta vista",
      copyLinkTitle: "Copiar un enlace que abre exactamente esta vista",
      linkCopied: "Enlace copiado",
      copyPrompt: "Copia este enlace a la vista:",
      chat: "Chat",
      chatMessage: "Mensaje del chat",
      chatPlaceholder: "Di algo a todos los que están aquí… (Intro)",
      helpMouse: "WASD / flechas para caminar · arrastra o haz clic para mirar · Intro para chatear",
      helpTouch: "Arrastra a la izquierda para caminar · a la derecha para mirar",
      connecting: "Conectando…",
      joining: "Entrando en la sesión…",
      reconnecting: "Reconectando…",
      reconnectIn: "Conexión perdida: reconectando en {secs} s…",
      offline: "Sin conexión",
      connectionLost: "Conexión perdida.",
      reconnectedAs: "Conexión restablecida como {name}.",
      joinedAs: "Has entrado como {name}.",
      arrived: "{name} ha llegado.",
      left: "{name} se ha ido.",
      peopleOne: "Solo estás tú aquí",
      peopleMany: "{n} personas aquí",
      language: "Idioma",
      close: "Cerrar",
      textIn: "Texto en {lang}",
      textInEnglish: "Texto en inglés",
      noWebGL: "Tu navegador no puede mostrar 3D aquí: WebGL2 está desactivado o no es compatible. Prueba una versión reciente de Chrome, Firefox o Safari, o activa la aceleración por hardware.",
      noWasm: "Este navegador no puede ejecutar el visor (falta WebAssembly o no se cargó wasm_exec.js). Recarga la página o prueba una versión reciente de Chrome, Firefox o Safari.",
    },
    ru: {
      pageTitle: "Yunyou 云游 · вместе по пещерам Могао",
      sceneFallback: "Пещеры Могао",
      loading: "Загрузка",
      loadingViewer: "Загрузка просмотрщика…",
      starting: "Запуск…",
      stopped: "Остановлено",
      nameLabel: "Ваше имя, которое увидят другие",
      namePlaceholder: "например, Аня, 李明",
      enter: "Войти",
      nameMissing: "Сначала введите имя.",
      waiting: "Добро пожаловать, {name}! Вы войдёте, как только пещера загрузится…",
      copyLink: "Копировать ссылку на этот вид",
      copyLinkTitle: "Скопировать ссылку, открывающую именно этот вид",
      linkCopied: "Ссылка скопирована",
      copyPrompt: "Скопируйте ссылку на этот вид:",
      chat: "Чат",
      chatMessage: "Сообщение в чат",
      chatPlaceholder: "Напишите что-нибудь всем, кто здесь… (Enter)",
      helpMouse: "WASD / стрелки — идти · перетащите или щёлкните — осмотреться · Enter — чат",
      helpTouch: "Ведите слева — идти · справа — осмотреться",
      connecting: "Подключение…",
      joining: "Вход в сеанс…",
      reconnecting: "Повторное подключение…",
      reconnectIn: "Связь потеряна — повторное подключение через {secs} с…",
      offline: "Нет подключения",
      connectionLost: "Связь потеряна.",
      reconnectedAs: "Связь восстановлена, ваше имя — {name}.",
      joinedAs: "Вы вошли как {name}.",
      arrived: "Новый участник: {name}.",
      left: "{name} покидает сеанс.",
      peopleOne: "Здесь только вы",
      peopleMany: "Здесь человек: {n}",
      language: "Язык",
      close: "Закрыть",
      textIn: "Текст на языке: {lang}",
      textInEnglish: "Текст на английском",
      noWebGL: "Ваш браузер не может показать здесь 3D: WebGL2 отключён или не поддерживается. Попробуйте свежую версию Chrome, Firefox или Safari или включите аппаратное ускорение.",
      noWasm: "Этот браузер не может запустить просмотрщик (нет WebAssembly или не загрузился wasm_exec.js). Перезагрузите страницу или попробуйте свежую версию Chrome, Firefox или Safari.",
    },
    ar: {
      pageTitle: "Yunyou 云游 · تجوّلوا معًا في كهوف موغاو",
      sceneFallback: "كهوف موغاو",
      loading: "جارٍ التحميل",
      loadingViewer: "جارٍ تحميل العارض…",
      starting: "جارٍ البدء…",
      stopped: "توقّف",
      nameLabel: "اسمك كما سيراه الآخرون",
      namePlaceholder: "مثلًا: آنا، 李明",
      enter: "دخول",
      nameMissing: "يُرجى كتابة اسم أولًا.",
      waiting: "أهلًا بك يا {name}. ستدخل فور اكتمال تحميل الكهف…",
      copyLink: "نسخ رابط هذا المشهد",
      copyLinkTitle: "نسخ رابط يفتح هذا المشهد بالضبط",
      linkCopied: "تم نسخ الرابط",
      copyPrompt: "انسخ رابط هذا المشهد:",
      chat: "الدردشة",
      chatMessage: "رسالة دردشة",
      chatPlaceholder: "قل شيئًا لكل الموجودين هنا… (Enter)",
      helpMouse: "WASD / الأسهم للمشي · اسحب أو انقر للنظر حولك · Enter للدردشة",
      helpTouch: "اسحب على اليسار للمشي · وعلى اليمين للنظر حولك",
      connecting: "جارٍ الاتصال…",
      joining: "جارٍ الانضمام إلى الجلسة…",
      reconnecting: "جارٍ إعادة الاتصال…",
      reconnectIn: "انقطع الاتصال — إعادة الاتصال خلال {secs} ث…",
      offline: "غير متصل",
      connectionLost: "انقطع الاتصال.",
      reconnectedAs: "أُعيد الاتصال باسم {name}.",
      joinedAs: "انضممت باسم {name}.",
      arrived: "انضمّ إلى الجلسة: {name}.",
      left: "غادر الجلسة: {name}.",
      peopleOne: "أنت وحدك هنا",
      peopleMany: "عدد الموجودين هنا: {n}",
      language: "اللغة",
      close: "إغلاق",
      textIn: "النص باللغة: {lang}",
      textInEnglish: "النص بالإنجليزية",
      noWebGL: "لا يستطيع متصفحك عرض المشاهد ثلاثية الأبعاد هنا: WebGL2 معطّل أو غير مدعوم. جرّب إصدارًا حديثًا من Chrome أو Firefox أو Safari، أو فعّل تسريع العتاد.",
      noWasm: "لا يستطيع هذا المتصفح تشغيل العارض (WebAssembly غير متوفر أو لم يُحمَّل wasm_exec.js). أعد تحميل الصفحة، أو جرّب إصدارًا حديثًا من Chrome أو Firefox أو Safari.",
    },
  };

  const LANG_KEY = "yunyou.lang";

  // chooseLanguage takes the visitor's earlier choice, else the first of
  // the browser's languages that Yunyou speaks, else English.
  function chooseLanguage() {
    try {
      const saved = localStorage.getItem(LANG_KEY);
      if (LANGUAGES.includes(saved)) return saved;
    } catch (e) { /* storage may be blocked */ }
    for (const l of navigator.languages || [navigator.language || ""]) {
      const base = String(l).toLowerCase().split("-")[0];
      if (LANGUAGES.includes(base)) return base;
    }
    return "en";
  }
  let lang = chooseLanguage();

  // t returns the interface string key in the visitor's language, with
  // {field}s filled in from fields.
  function t(key, fields) {
    const s = (STRINGS[lang] && STRINGS[lang][key]) || STRINGS.en[key] || key;
    return fields ? s.replace(/\{(\w+)\}/g, (m, f) => (f in fields ? String(fields[f]) : m)) : s;
  }

  // pick chooses a scene text (a map from language to text) for the
  // visitor: their language, else English, else the first there is. It
  // returns the text and the language it is in.
  function pick(m) {
    if (!m || typeof m !== "object") return { text: "", lang: "" };
    if (m[lang]) return { text: m[lang], lang };
    if (m.en) return { text: m.en, lang: "en" };
    const first = Object.keys(m).find((k) => m[k]);
    return first ? { text: m[first], lang: first } : { text: "", lang: "" };
  }

  function fail(msg) {
    failed = true;
    document.body.classList.add("failed");
    console.error("yunyou: " + msg);
    const el = $("error");
    el.textContent = msg;
    el.hidden = false;
    progressKey = "stopped";
    $("progress-detail").textContent = t("stopped");
  }

  // Until the client runs, state() says so; the client replaces it.
  window.yunyou = window.yunyou || {};
  window.yunyou.state = () => JSON.stringify({ scene: "", session: "", id: 0, pose: null, peers: [], frames: 0, frameMs: 0, connected: false, loading: true });

  const gl = document.createElement("canvas").getContext("webgl2");
  if (!gl) {
    fail(t("noWebGL"));
    return;
  }
  gl.getExtension("WEBGL_lose_context")?.loseContext();
  if (!window.Go || typeof WebAssembly !== "object") {
    fail(t("noWasm"));
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
      $("name-hint").textContent = t("nameMissing");
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
      w.textContent = t("waiting", { name });
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
    if (detail) {
      progressKey = detail;
      $("progress-detail").textContent = t(detail);
    }
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

  let sceneEntry = null; // the scene's entry in /api/scenes: id, title, era

  // showSceneTitle names the scene in the visitor's language, with the
  // Chinese name beneath where that is different.
  function showSceneTitle() {
    if (!sceneEntry) return;
    const title = pick(sceneEntry.title).text || sceneEntry.id;
    const zh = (sceneEntry.title && sceneEntry.title.zh) || "";
    const era = pick(sceneEntry.era).text;
    $("scene-name").textContent = title;
    $("scene-name-zh").textContent = zh !== title ? zh : "";
    $("scene-era").textContent = era;
    $("title-card-name").textContent = title;
    $("title-card-zh").textContent = zh !== title ? zh : "";
    $("title-card-sub").textContent = era;
    document.title = `${title} · Yunyou 云游`;
  }

  async function loadScene() {
    const list = await fetchJSON("the list of scenes", "api/scenes");
    const wanted = (params.get("scene") || list.default || "").trim();
    const entry = (list.scenes || []).find((s) => s.id === wanted);
    if (!entry) {
      const ids = (list.scenes || []).map((s) => s.id).join(", ") || "none";
      throw new LoadError(`There is no scene “${wanted}” on this server (available: ${ids}). Remove ?scene= from the address to open the default one.`);
    }
    sceneEntry = entry;
    showSceneTitle();

    const files = [entry.url || `api/scenes/${encodeURIComponent(entry.id)}`, ...(entry.textures || [])];
    for (const f of files) assetFracs.set(f, 0);
    const progress = (f) => (got, total) => { assetFracs.set(f, total ? got / total : 0); showProgress(); };
    const sceneBytes = fetchBytes(`the scene ${entry.id}`, files[0], progress(files[0]));
    const textures = {};
    await Promise.all([
      sceneBytes.then((b) => {
        boot.scene = new TextDecoder().decode(b);
        try {
          content.setScene(JSON.parse(boot.scene));
        } catch (e) {
          // The client reports a scene it cannot read; the page only
          // goes without markers.
          console.error("yunyou: reading the scene's hotspots and portals:", e);
        }
      }),
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

  // ---- Scene content: hotspot markers, the hotspot panel and portals.
  // The client answers window.yunyou.project(x, y, z) → {x, y, visible}
  // (CSS pixels; hidden behind walls) and window.yunyou.pose(); the page
  // places its elements from them on every animation frame.

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

  const content = (() => {
    const layer = $("content-layer");
    const panel = $("hotspot-panel");
    let hotspots = [], portals = [];
    let openID = "";
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

    function open(id) {
      const h = hotspots.find((x) => x.data.id === id);
      if (!h) return;
      for (const x of hotspots) x.el.setAttribute("aria-expanded", String(x === h));
      openID = id;
      fill(h);
      panel.hidden = false;
    }

    function close() {
      if (!openID) return;
      const h = hotspots.find((x) => x.data.id === openID);
      openID = "";
      panel.hidden = true;
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
        if (h.data.id === openID && Math.hypot(dx, dz) > PANEL_RANGE) close();
      }
      let inside = null;
      for (const p of portals) {
        const [cx, cz] = p.data.center, [w, d] = p.data.size;
        place(p, api.project(cx, PORTAL_LABEL_HEIGHT, cz));
        if (Math.abs(ex - cx) <= w / 2 && Math.abs(ez - cz) <= d / 2) inside = p.data;
      }
      if (!inside) armed = true;
      else if (armed && !leaving && document.body.classList.contains("joined")) go(inside);
    }

    // go fades to black and opens the portal's scene, keeping the
    // visitor's name (and the language, which is remembered).
    function go(portal) {
      leaving = true;
      close();
      document.body.classList.add("leaving");
      const q = new URLSearchParams();
      q.set("scene", portal.to);
      let name = boot.name;
      try { name = JSON.parse(window.yunyou.state()).name || name; } catch (e) { /* keep the boot name */ }
      if (name) q.set("name", name);
      const a = portal.arrive;
      if (a) q.set("pose", [a.x, a.y, a.z, a.yaw || 0, a.pitch || 0].map((v) => Number(v).toFixed(3)).join(","));
      if (params.get("scale")) q.set("scale", params.get("scale"));
      try { sessionStorage.setItem(ARRIVE_KEY, "1"); } catch (e) { /* arrives without the fade */ }
      setTimeout(() => location.assign("?" + q.toString()), FADE_MS);
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
    return { setScene, translate, open, close };
  })();

  function focusGame() {
    const active = document.activeElement;
    if (active && active.blur) active.blur();
    document.querySelector("canvas")?.focus();
  }

  // Coming through a portal, the page starts black and fades in once the
  // client draws (see #fade).
  try {
    if (sessionStorage.getItem(ARRIVE_KEY)) {
      sessionStorage.removeItem(ARRIVE_KEY);
      document.body.classList.add("arriving");
    }
  } catch (e) { /* no fade in */ }

  // ---- Language: the menu, and re-saying everything on a change. ----
  const menu = $("language-menu");
  for (const l of LANGUAGES) {
    const o = document.createElement("option");
    o.value = l;
    o.lang = l;
    o.textContent = LANGUAGE_NAMES[l];
    menu.append(o);
  }

  // The client shows the connection status and the number of people in
  // English, with what they mean in data attributes: say those here.
  function sayStatus() {
    const el = $("status"), key = el.dataset.key;
    if (!key || el.hidden) return;
    const k = key === "reconnect-in" ? "reconnectIn" : key;
    if (STRINGS.en[k]) el.textContent = t(k, { secs: el.dataset.secs || "" }) + (el.dataset.why ? ` (${el.dataset.why})` : "");
  }
  function sayPeople() {
    const el = $("people"), n = parseInt(el.dataset.count || "0", 10);
    el.textContent = n === 1 ? t("peopleOne") : n > 1 ? t("peopleMany", { n }) : "";
  }
  // Notices about the session come from the client in English, with
  // data-key and data-name saying what they mean.
  function sayNotice(el) {
    const key = el.dataset && el.dataset.key;
    if (key && STRINGS.en[key]) el.textContent = t(key, { name: el.dataset.name || "" });
  }
  new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) if (n.nodeType === 1) sayNotice(n);
  }).observe($("chat-log"), { childList: true });
  new MutationObserver(sayStatus).observe($("status"), { attributes: true, attributeFilter: ["data-key", "data-secs", "data-why"] });
  new MutationObserver(sayPeople).observe($("people"), { attributes: true, attributeFilter: ["data-count"] });

  function applyLanguage() {
    const root = document.documentElement;
    root.lang = lang === "zh" ? "zh-Hans" : lang;
    root.dir = RTL.has(lang) ? "rtl" : "ltr";
    menu.value = lang;
    menu.setAttribute("aria-label", t("language"));
    menu.title = t("language");
    $("progress").setAttribute("aria-label", t("loading"));
    $("progress-detail").textContent = t(progressKey);
    document.querySelector('label[for="name-input"]').textContent = t("nameLabel");
    $("name-input").placeholder = t("namePlaceholder");
    $("join-button").textContent = t("enter");
    const copy = $("copy-link");
    copy.title = t("copyLinkTitle");
    copy.textContent = "done" in copy.dataset ? t("linkCopied") : t("copyLink");
    $("chat").setAttribute("aria-label", t("chat"));
    const chat = $("chat-input");
    chat.placeholder = t("chatPlaceholder");
    chat.setAttribute("aria-label", t("chatMessage"));
    document.querySelector("#help .help-mouse").textContent = t("helpMouse");
    document.querySelector("#help .help-touch").textContent = t("helpTouch");
    $("hotspot-close").setAttribute("aria-label", t("close"));
    $("hotspot-close").title = t("close");
    document.title = t("pageTitle");
    if (!sceneEntry) $("scene-name").textContent = t("sceneFallback");
    showSceneTitle();
    sayStatus();
    sayPeople();
    for (const el of document.querySelectorAll("#chat-log .chat-notice[data-key]")) sayNotice(el);
    content.translate();
  }

  menu.addEventListener("change", () => {
    if (!LANGUAGES.includes(menu.value)) return;
    lang = menu.value;
    try { localStorage.setItem(LANG_KEY, lang); } catch (e) { /* kept for this page only */ }
    applyLanguage();
    focusGame();
  });
  applyLanguage();

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
    showProgress("loadingViewer");
    const wasm = fetchBytes("the viewer", WASM_URL, (got, total) => { wasmFrac = total ? got / total : 0; showProgress(); });
    await Promise.all([wasm, loadScene()]);
    showProgress("starting");
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
      window.prompt(t("copyPrompt"), link);
    }
    copyButton.dataset.link = link;
    if (copied) {
      copyButton.textContent = t("linkCopied");
      copyButton.dataset.done = "";
      setTimeout(() => { copyButton.textContent = t("copyLink"); delete copyButton.dataset.done; }, 2000);
    }
    copyButton.blur(); // keys go back to walking
  });
})();
