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

  // ---- Tour links. /?tour=CODE joins a guided tour; the guide's link adds
  // #guide=TOKEN. The token is the guide's secret: before anything else it
  // moves to this tab's sessionStorage and leaves the address, so it never
  // stays in the address bar, the history, a copied link or a screenshot.
  const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"; // protocol.CodeAlphabet
  const CODE_LENGTH = 6; // protocol.CodeLength
  const GUIDE_KEY = "yunyou.guide."; // + code: the guide token of that tour
  // MOVE_KEY (+ code) holds the scene the group just moved to, read once on
  // arrival: the client has heard of the move before the tour's address
  // answers with the new scene, and must not be sent back.
  const MOVE_KEY = "yunyou.tourScene.";
  // normalizeCode accepts a code as people type or read it aloud.
  const normalizeCode = (s) => String(s || "").toUpperCase().replace(/[\s-]+/g, "");
  const validCode = (c) => c.length === CODE_LENGTH && [...c].every((ch) => CODE_ALPHABET.includes(ch));
  const tourCode = normalizeCode(params.get("tour"));
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
  function guideToken(code) {
    try {
      const tok = sessionStorage.getItem(GUIDE_KEY + code);
      if (tok) return tok;
    } catch (e) { /* storage blocked: the token from the link, if any */ }
    return linkToken;
  }

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

  // Interface strings of guided tours, merged into STRINGS. {guide} is the
  // guide's name; every wording reads well without it too (see tg), for a
  // tour whose guide has no name yet.
  const TOUR_STRINGS = {
    en: {
      hostTour: "Host a tour",
      joinTour: "Join a tour",
      hostTitle: "Host a guided tour",
      hostIntro: "Visitors join with a code, a link or a QR code; you lead them through the caves.",
      guideNameLabel: "Your name, as the group will see it",
      sceneLabel: "Start in",
      createTour: "Create the tour",
      creating: "Creating the tour…",
      createFailed: "The tour could not be created:",
      cancel: "Cancel",
      tourCode: "Tour code",
      joinLink: "Link for visitors",
      copy: "Copy",
      copied: "Copied",
      qrAlt: "QR code that opens the tour",
      shareHint: "Share the code, the link or the QR code with your group, then start the tour.",
      startAsGuide: "Start the tour as guide",
      joinTitle: "Join a guided tour",
      codeLabel: "Tour code from your guide",
      codePlaceholder: "e.g. K7QX3M",
      join: "Join",
      codeInvalid: "A tour code is 6 letters and digits, like K7QX3M. Check it and try again.",
      unreachable: "The server could not be reached. Check your connection and try again.",
      tourErrorLead: "This tour cannot be opened.",
      tryAnother: "Join with another code",
      backToStart: "Back to the start page",
      tourBadge: "Tour {code} · guide {guide}",
      tourBadgeCode: "Tour {code}",
      consoleTitle: "Guide console",
      consoleShow: "Show the guide console",
      consoleHide: "Hide the guide console",
      followMode: "Follow mode",
      gather: "Gather everyone",
      spotlight: "Spotlight",
      spotlightOff: "Close spotlight",
      moveGroup: "Move the group",
      hereNow: "{scene} (here now)",
      lockTour: "Lock the tour",
      chatAllowed: "Chat for everyone",
      endTour: "End the tour",
      confirmEnd: "End the tour for everyone? Nobody will be able to rejoin it.",
      pointerHint: "Hold P or the right mouse button to point",
      copyJoinLink: "Copy join link",
      showQR: "QR code",
      participants: "Participants ({n})",
      you: "{name} (you)",
      guideRole: "guide",
      handUp: "raised a hand",
      mute: "Mute",
      unmute: "Unmute",
      remove: "Remove",
      makeGuide: "Make guide",
      confirmRemove: "Remove {name} from the tour?",
      confirmHandover: "Make {name} the guide? You will stay in the tour as a visitor.",
      following: "Following your guide {guide}",
      lookingAround: "Looking around — press F or tap here to look with your guide {guide}",
      guideReconnecting: "Your guide {guide} is reconnecting…",
      raiseHand: "✋ Raise hand",
      lowerHand: "✋ Lower hand",
      chatOffPlaceholder: "The guide has turned chat off",
      mutedPlaceholder: "The guide has muted you",
      spotlightNote: "Your guide {guide} is showing you this",
      spotlightMine: "Everyone in the tour sees this",
      guideMoves: "The guide moves the group",
      endedLead: "The tour has ended.",
      removedLead: "You are no longer in this tour.",
      notConnected: "Not connected to the tour yet. Wait a moment and try again.",
      commandFailed: "That did not work:",
    },
    zh: {
      hostTour: "发起导览",
      joinTour: "加入导览",
      hostTitle: "发起一次导览",
      hostIntro: "参观者可通过导览码、链接或二维码加入，由你带领大家参观洞窟。",
      guideNameLabel: "你的名字（团员会看到）",
      sceneLabel: "起点",
      createTour: "创建导览",
      creating: "正在创建导览…",
      createFailed: "无法创建导览：",
      cancel: "取消",
      tourCode: "导览码",
      joinLink: "参观者链接",
      copy: "复制",
      copied: "已复制",
      qrAlt: "打开此导览的二维码",
      shareHint: "把导览码、链接或二维码分享给团员，然后开始导览。",
      startAsGuide: "以导游身份开始导览",
      joinTitle: "加入导览",
      codeLabel: "导游给你的导览码",
      codePlaceholder: "例如 K7QX3M",
      join: "加入",
      codeInvalid: "导览码由 6 个字母和数字组成，例如 K7QX3M。请检查后重试。",
      unreachable: "无法连接服务器。请检查网络后重试。",
      tourErrorLead: "无法打开此导览。",
      tryAnother: "用其他导览码加入",
      backToStart: "返回首页",
      tourBadge: "导览 {code} · 导游 {guide}",
      tourBadgeCode: "导览 {code}",
      consoleTitle: "导游控制台",
      consoleShow: "展开导游控制台",
      consoleHide: "收起导游控制台",
      followMode: "跟随模式",
      gather: "集合所有人",
      spotlight: "聚焦讲解",
      spotlightOff: "关闭聚焦",
      moveGroup: "带团前往",
      hereNow: "{scene}（当前位置）",
      lockTour: "锁定导览",
      chatAllowed: "允许聊天",
      endTour: "结束导览",
      confirmEnd: "要为所有人结束导览吗？结束后无人能再加入。",
      pointerHint: "按住 P 键或鼠标右键即可指示",
      copyJoinLink: "复制加入链接",
      showQR: "二维码",
      participants: "参与者（{n}）",
      you: "{name}（你）",
      guideRole: "导游",
      handUp: "已举手",
      mute: "禁言",
      unmute: "解除禁言",
      remove: "移出",
      makeGuide: "设为导游",
      confirmRemove: "要把 {name} 移出导览吗？",
      confirmHandover: "要让 {name} 担任导游吗？你将以参观者身份留在导览中。",
      following: "正在跟随导游 {guide}",
      lookingAround: "你正在自由参观 — 按 F 键或点按此处，回到导游 {guide} 的视角",
      guideReconnecting: "导游 {guide} 正在重新连接…",
      raiseHand: "✋ 举手",
      lowerHand: "✋ 放下手",
      chatOffPlaceholder: "导游已关闭聊天",
      mutedPlaceholder: "导游已将你禁言",
      spotlightNote: "导游 {guide} 正在向你展示这里",
      spotlightMine: "导览中的所有人都能看到此内容",
      guideMoves: "由导游带领团队前往其他地方",
      endedLead: "导览已结束。",
      removedLead: "你已不在此导览中。",
      notConnected: "尚未连接到导览。请稍候再试。",
      commandFailed: "操作未成功：",
    },
    fr: {
      hostTour: "Organiser une visite",
      joinTour: "Rejoindre une visite",
      hostTitle: "Organiser une visite guidée",
      hostIntro: "Les visiteurs vous rejoignent avec un code, un lien ou un QR code ; vous les guidez dans les grottes.",
      guideNameLabel: "Votre nom, tel que le groupe le verra",
      sceneLabel: "Point de départ",
      createTour: "Créer la visite",
      creating: "Création de la visite…",
      createFailed: "La visite n’a pas pu être créée :",
      cancel: "Annuler",
      tourCode: "Code de la visite",
      joinLink: "Lien pour les visiteurs",
      copy: "Copier",
      copied: "Copié",
      qrAlt: "QR code qui ouvre la visite",
      shareHint: "Partagez le code, le lien ou le QR code avec votre groupe, puis lancez la visite.",
      startAsGuide: "Commencer la visite en tant que guide",
      joinTitle: "Rejoindre une visite guidée",
      codeLabel: "Code de visite donné par votre guide",
      codePlaceholder: "p. ex. K7QX3M",
      join: "Rejoindre",
      codeInvalid: "Un code de visite compte 6 lettres et chiffres, comme K7QX3M. Vérifiez-le et réessayez.",
      unreachable: "Impossible de joindre le serveur. Vérifiez votre connexion et réessayez.",
      tourErrorLead: "Impossible d’ouvrir cette visite.",
      tryAnother: "Rejoindre avec un autre code",
      backToStart: "Retour à la page d’accueil",
      tourBadge: "Visite {code} · guide : {guide}",
      tourBadgeCode: "Visite {code}",
      consoleTitle: "Console du guide",
      consoleShow: "Afficher la console du guide",
      consoleHide: "Masquer la console du guide",
      followMode: "Mode suivi",
      gather: "Rassembler le groupe",
      spotlight: "Mettre en lumière",
      spotlightOff: "Fermer la mise en lumière",
      moveGroup: "Emmener le groupe",
      hereNow: "{scene} (vous y êtes)",
      lockTour: "Verrouiller la visite",
      chatAllowed: "Discussion ouverte à tous",
      endTour: "Terminer la visite",
      confirmEnd: "Terminer la visite pour tout le monde ? Personne ne pourra plus la rejoindre.",
      pointerHint: "Maintenez P ou le bouton droit de la souris pour pointer",
      copyJoinLink: "Copier le lien d’accès",
      showQR: "QR code",
      participants: "Participants ({n})",
      you: "{name} (vous)",
      guideRole: "guide",
      handUp: "a levé la main",
      mute: "Couper la parole",
      unmute: "Rendre la parole",
      remove: "Exclure",
      makeGuide: "Nommer guide",
      confirmRemove: "Exclure {name} de la visite ?",
      confirmHandover: "Confier la conduite de la visite à {name} ? Vous y resterez comme visiteur.",
      following: "Vous suivez le guide {guide}",
      lookingAround: "Vous regardez librement — appuyez sur F ou touchez ici pour regarder avec le guide {guide}",
      guideReconnecting: "Le guide {guide} se reconnecte…",
      raiseHand: "✋ Lever la main",
      lowerHand: "✋ Baisser la main",
      chatOffPlaceholder: "Le guide a fermé la discussion",
      mutedPlaceholder: "Le guide vous a coupé la parole",
      spotlightNote: "Le guide {guide} vous montre ceci",
      spotlightMine: "Tout le groupe voit ceci",
      guideMoves: "C’est le guide qui emmène le groupe ailleurs",
      endedLead: "La visite est terminée.",
      removedLead: "Vous ne faites plus partie de cette visite.",
      notConnected: "Pas encore connecté à la visite. Patientez un instant et réessayez.",
      commandFailed: "Cela n’a pas fonctionné :",
    },
    es: {
      hostTour: "Organizar una visita",
      joinTour: "Unirse a una visita",
      hostTitle: "Organizar una visita guiada",
      hostIntro: "Los visitantes se unen con un código, un enlace o un código QR; tú los guías por las cuevas.",
      guideNameLabel: "Tu nombre, tal como lo verá el grupo",
      sceneLabel: "Punto de partida",
      createTour: "Crear la visita",
      creating: "Creando la visita…",
      createFailed: "No se pudo crear la visita:",
      cancel: "Cancelar",
      tourCode: "Código de la visita",
      joinLink: "Enlace para los visitantes",
      copy: "Copiar",
      copied: "Copiado",
      qrAlt: "Código QR que abre la visita",
      shareHint: "Comparte el código, el enlace o el código QR con tu grupo y luego empieza la visita.",
      startAsGuide: "Empezar la visita como guía",
      joinTitle: "Unirse a una visita guiada",
      codeLabel: "Código de la visita que te dio tu guía",
      codePlaceholder: "p. ej. K7QX3M",
      join: "Unirse",
      codeInvalid: "Un código de visita tiene 6 letras y cifras, como K7QX3M. Revísalo e inténtalo de nuevo.",
      unreachable: "No se pudo conectar con el servidor. Comprueba tu conexión e inténtalo de nuevo.",
      tourErrorLead: "No se puede abrir esta visita.",
      tryAnother: "Unirse con otro código",
      backToStart: "Volver a la página de inicio",
      tourBadge: "Visita {code} · guía: {guide}",
      tourBadgeCode: "Visita {code}",
      consoleTitle: "Panel de guía",
      consoleShow: "Mostrar el panel de guía",
      consoleHide: "Ocultar el panel de guía",
      followMode: "Modo seguimiento",
      gather: "Reunir al grupo",
      spotlight: "Destacar",
      spotlightOff: "Quitar el destacado",
      moveGroup: "Llevar al grupo a",
      hereNow: "{scene} (aquí)",
      lockTour: "Bloquear la visita",
      chatAllowed: "Chat para todos",
      endTour: "Terminar la visita",
      confirmEnd: "¿Terminar la visita para todos? Nadie podrá volver a unirse.",
      pointerHint: "Mantén pulsada la P o el botón derecho del ratón para señalar",
      copyJoinLink: "Copiar enlace de acceso",
      showQR: "Código QR",
      participants: "Participantes ({n})",
      you: "{name} (tú)",
      guideRole: "guía",
      handUp: "ha levantado la mano",
      mute: "Silenciar",
      unmute: "Quitar el silencio",
      remove: "Expulsar",
      makeGuide: "Hacer guía",
      confirmRemove: "¿Expulsar a {name} de la visita?",
      confirmHandover: "¿Ceder la guía a {name}? Seguirás en la visita como visitante.",
      following: "Sigues a tu guía {guide}",
      lookingAround: "Estás mirando por tu cuenta: pulsa F o toca aquí para mirar con tu guía {guide}",
      guideReconnecting: "Tu guía {guide} se está reconectando…",
      raiseHand: "✋ Levantar la mano",
      lowerHand: "✋ Bajar la mano",
      chatOffPlaceholder: "Tu guía ha desactivado el chat",
      mutedPlaceholder: "Tu guía te ha silenciado",
      spotlightNote: "Tu guía {guide} te está mostrando esto",
      spotlightMine: "Todo el grupo ve esto",
      guideMoves: "Quien guía decide adónde va el grupo",
      endedLead: "La visita ha terminado.",
      removedLead: "Ya no formas parte de esta visita.",
      notConnected: "Aún no hay conexión con la visita. Espera un momento e inténtalo de nuevo.",
      commandFailed: "No ha funcionado:",
    },
    ru: {
      hostTour: "Провести экскурсию",
      joinTour: "Присоединиться к экскурсии",
      hostTitle: "Провести экскурсию",
      hostIntro: "Участники присоединяются по коду, ссылке или QR-коду, а вы ведёте их по пещерам.",
      guideNameLabel: "Ваше имя, которое увидит группа",
      sceneLabel: "Начало экскурсии",
      createTour: "Создать экскурсию",
      creating: "Создание экскурсии…",
      createFailed: "Не удалось создать экскурсию:",
      cancel: "Отмена",
      tourCode: "Код экскурсии",
      joinLink: "Ссылка для участников",
      copy: "Копировать",
      copied: "Скопировано",
      qrAlt: "QR-код, открывающий экскурсию",
      shareHint: "Отправьте группе код, ссылку или QR-код, а затем начните экскурсию.",
      startAsGuide: "Начать экскурсию как гид",
      joinTitle: "Присоединиться к экскурсии",
      codeLabel: "Код экскурсии от вашего гида",
      codePlaceholder: "например, K7QX3M",
      join: "Присоединиться",
      codeInvalid: "Код экскурсии состоит из 6 букв и цифр, например K7QX3M. Проверьте его и попробуйте снова.",
      unreachable: "Не удалось связаться с сервером. Проверьте подключение и попробуйте снова.",
      tourErrorLead: "Не удаётся открыть эту экскурсию.",
      tryAnother: "Войти по другому коду",
      backToStart: "На главную страницу",
      tourBadge: "Экскурсия {code} · гид: {guide}",
      tourBadgeCode: "Экскурсия {code}",
      consoleTitle: "Пульт гида",
      consoleShow: "Показать пульт гида",
      consoleHide: "Скрыть пульт гида",
      followMode: "Режим следования",
      gather: "Собрать всех",
      spotlight: "Показать всем",
      spotlightOff: "Закончить показ",
      moveGroup: "Перевести группу",
      hereNow: "{scene} (вы здесь)",
      lockTour: "Закрыть вход",
      chatAllowed: "Чат для всех",
      endTour: "Завершить экскурсию",
      confirmEnd: "Завершить экскурсию для всех? Вернуться в неё будет нельзя.",
      pointerHint: "Удерживайте P или правую кнопку мыши, чтобы указать",
      copyJoinLink: "Копировать ссылку для входа",
      showQR: "QR-код",
      participants: "Участники ({n})",
      you: "{name} (вы)",
      guideRole: "гид",
      handUp: "поднята рука",
      mute: "Запретить писать",
      unmute: "Разрешить писать",
      remove: "Удалить",
      makeGuide: "Сделать гидом",
      confirmRemove: "Удалить участника {name} из экскурсии?",
      confirmHandover: "Передать роль гида участнику {name}? Вы останетесь на экскурсии как участник.",
      following: "Вы следуете за гидом {guide}",
      lookingAround: "Вы осматриваетесь сами — нажмите F или коснитесь здесь, чтобы снова смотреть вместе с гидом {guide}",
      guideReconnecting: "Гид {guide} переподключается…",
      raiseHand: "✋ Поднять руку",
      lowerHand: "✋ Опустить руку",
      chatOffPlaceholder: "Гид отключил чат",
      mutedPlaceholder: "Гид запретил вам писать в чат",
      spotlightNote: "Гид {guide} показывает вам это",
      spotlightMine: "Это видят все участники экскурсии",
      guideMoves: "В другое место группу ведёт гид",
      endedLead: "Экскурсия завершена.",
      removedLead: "Вы больше не участвуете в этой экскурсии.",
      notConnected: "Подключение к экскурсии ещё не установлено. Подождите немного и попробуйте снова.",
      commandFailed: "Не получилось:",
    },
    ar: {
      hostTour: "تنظيم جولة",
      joinTour: "الانضمام إلى جولة",
      hostTitle: "تنظيم جولة إرشادية",
      hostIntro: "ينضم الزوار برمز أو رابط أو رمز QR، وتقودهم أنت عبر الكهوف.",
      guideNameLabel: "اسمك كما ستراه المجموعة",
      sceneLabel: "نقطة البداية",
      createTour: "إنشاء الجولة",
      creating: "جارٍ إنشاء الجولة…",
      createFailed: "تعذّر إنشاء الجولة:",
      cancel: "إلغاء",
      tourCode: "رمز الجولة",
      joinLink: "رابط الزوار",
      copy: "نسخ",
      copied: "تم النسخ",
      qrAlt: "رمز QR يفتح الجولة",
      shareHint: "شارك الرمز أو الرابط أو رمز QR مع مجموعتك، ثم ابدأ الجولة.",
      startAsGuide: "بدء الجولة بصفتك مرشدًا",
      joinTitle: "الانضمام إلى جولة إرشادية",
      codeLabel: "رمز الجولة من مرشدك",
      codePlaceholder: "مثلًا: K7QX3M",
      join: "انضمام",
      codeInvalid: "يتكوّن رمز الجولة من 6 أحرف وأرقام، مثل K7QX3M. تحقّق منه وحاول مجددًا.",
      unreachable: "تعذّر الوصول إلى الخادم. تحقّق من اتصالك وحاول مجددًا.",
      tourErrorLead: "تعذّر فتح هذه الجولة.",
      tryAnother: "الانضمام برمز آخر",
      backToStart: "العودة إلى صفحة البداية",
      tourBadge: "الجولة {code} · المرشد: {guide}",
      tourBadgeCode: "الجولة {code}",
      consoleTitle: "لوحة المرشد",
      consoleShow: "إظهار لوحة المرشد",
      consoleHide: "إخفاء لوحة المرشد",
      followMode: "وضع المتابعة",
      gather: "جمع المجموعة",
      spotlight: "تسليط الضوء",
      spotlightOff: "إيقاف تسليط الضوء",
      moveGroup: "نقل المجموعة",
      hereNow: "{scene} (أنتم هنا)",
      lockTour: "قفل الجولة",
      chatAllowed: "الدردشة للجميع",
      endTour: "إنهاء الجولة",
      confirmEnd: "إنهاء الجولة للجميع؟ لن يتمكن أحد من العودة إليها.",
      pointerHint: "اضغط مطولًا على P أو زر الفأرة الأيمن للإشارة",
      copyJoinLink: "نسخ رابط الانضمام",
      showQR: "رمز QR",
      participants: "المشاركون ({n})",
      you: "{name} (أنت)",
      guideRole: "المرشد",
      handUp: "رفع يده",
      mute: "كتم",
      unmute: "إلغاء الكتم",
      remove: "إخراج",
      makeGuide: "تعيينه مرشدًا",
      confirmRemove: "إخراج {name} من الجولة؟",
      confirmHandover: "تعيين {name} مرشدًا للجولة؟ ستبقى في الجولة بصفتك زائرًا.",
      following: "أنت تتبع المرشد {guide}",
      lookingAround: "أنت تتجوّل بنظرك بحرية — اضغط F أو انقر هنا لتنظر مع المرشد {guide}",
      guideReconnecting: "المرشد {guide} يعيد الاتصال…",
      raiseHand: "✋ رفع اليد",
      lowerHand: "✋ خفض اليد",
      chatOffPlaceholder: "أوقف المرشد الدردشة",
      mutedPlaceholder: "منعك المرشد من الكتابة في الدردشة",
      spotlightNote: "المرشد {guide} يعرض عليك هذا",
      spotlightMine: "يرى جميع أفراد الجولة هذا",
      guideMoves: "المرشد هو من ينقل المجموعة",
      endedLead: "انتهت الجولة.",
      removedLead: "لم تعد ضمن هذه الجولة.",
      notConnected: "لم يتم الاتصال بالجولة بعد. انتظر قليلًا وحاول مجددًا.",
      commandFailed: "لم ينجح ذلك:",
    },
  };
  for (const l of LANGUAGES) Object.assign(STRINGS[l], TOUR_STRINGS[l]);

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
  let sceneList = []; // every entry of /api/scenes, for the tour's scene menus

  // TourError is a tour link that cannot be followed; its message is the
  // server's explanation, shown after a lead-in of the page's own.
  class TourError extends Error {}

  // lookupTour asks the server about the tour in the link: which scene it
  // is in, who guides it, and whether it can be joined at all.
  async function lookupTour(code) {
    if (!validCode(code)) throw new TourError(t("codeInvalid"));
    let res;
    try {
      res = await fetch("api/tours/" + encodeURIComponent(code), { cache: "no-store" });
    } catch (e) {
      throw new TourError(t("unreachable"));
    }
    let body = null;
    try { body = await res.json(); } catch (e) { /* explained by the status below */ }
    if (!res.ok) throw new TourError((body && typeof body.error === "string" && body.error) || `HTTP ${res.status} ${res.statusText}`);
    if (!body || typeof body.scene !== "string" || !body.scene) throw new TourError(`The server did not say which scene tour ${code} is in. Reload the page.`);
    return body;
  }

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
    // In a tour, the tour says where everyone is, not ?scene=.
    let tourInfo = null;
    if (tourCode) {
      tourInfo = await lookupTour(tourCode);
      boot.tour = { code: tourCode, token: guideToken(tourCode) };
      tour.begin(tourInfo);
    }
    const list = await fetchJSON("the list of scenes", "api/scenes");
    sceneList = Array.isArray(list.scenes) ? list.scenes : [];
    let moved = "";
    try {
      moved = sessionStorage.getItem(MOVE_KEY + tourCode) || "";
      sessionStorage.removeItem(MOVE_KEY + tourCode);
    } catch (e) { /* the tour's own word, then */ }
    if (tourInfo && moved && sceneList.some((s) => s.id === moved)) tourInfo.scene = moved;
    const wanted = tourInfo ? tourInfo.scene : (params.get("scene") || list.default || "").trim();
    const entry = (list.scenes || []).find((s) => s.id === wanted);
    if (!entry && tourInfo) throw new TourError(`Tour ${tourCode} is in the scene “${wanted}”, which this server does not have.`);
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
    return { setScene, translate, open, close, spotlight, items, fadeTo, current: () => openID };
  })();

  // currentName is the name the visitor goes by now (the client's, which
  // may differ from the one typed), for links that keep it.
  function currentName() {
    let name = boot.name;
    try { name = JSON.parse(window.yunyou.state()).name || name; } catch (e) { /* keep the boot name */ }
    return name;
  }

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

  // ---- Guided tours: the guide's console, the visitor's banner and hand,
  // the spotlight, moving the group, and the end of a tour. The client
  // says what the tour is like by calling window.yunyouTour(json) whenever
  // it changes; the page sends commands through
  // window.yunyou.tourCommand(json), which returns "" or why it could not.
  // Names people chose are only ever set as textContent.

  // TOAST_MS is how long a short notice stays: long enough to read two
  // lines.
  const TOAST_MS = 4500;
  // COPIED_MS is how long a copy button says it copied.
  const COPIED_MS = 2000;
  // NARROW is the width under which the console starts folded, so that a
  // phone's screen shows the cave first.
  const NARROW = "(max-width: 760px)";

  const tour = (() => {
    let info = null; // GET /api/tours/CODE, once the page is in a tour
    let model = null; // the client's latest window.yunyouTour state
    let role = ""; // model.role as last seen, to notice a handover
    let spot = ""; // the spotlight as last acted on
    let spotOpened = false; // whether the spotlight opened the panel
    let movedNotice = false; // "the guide moves the group" was said
    let over = false; // the ended/removed overlay is showing
    let toastTimer = 0;

    // sentence starts a server's message with a capital letter, as the
    // client does: messages show as sentences, Go's error text starts in
    // lower case.
    const sentence = (msg) => { const m = String(msg || ""); return m.charAt(0).toUpperCase() + m.slice(1); };
    const guideName = () => (model && model.guideName) || (info && info.guideName) || "";
    // tg fills in the guide's name; without one the wording closes up
    // ("Your guide is reconnecting…").
    const tg = (key) => t(key, { guide: guideName() }).replace(/\s+/g, " ").trim();
    const self = () => (model && Array.isArray(model.members) ? model.members.find((m) => m && m.id === model.self) : null) || null;
    const isGuide = () => !!model && model.role === "guide";
    const joinLink = () => new URL("?tour=" + encodeURIComponent(tourCode), location.href).href;
    const qrURL = (code) => "api/tours/" + encodeURIComponent(code) + "/qr.png";

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

    async function copyText(text, button, label) {
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

    // begin is called once the tour in the link is known to exist, before
    // the client starts.
    function begin(tourInfo) {
      info = tourInfo;
      document.body.classList.add("in-tour");
      if (window.matchMedia && window.matchMedia(NARROW).matches) fold(true);
      render();
    }

    // showError explains why the tour in the link cannot be opened, with a
    // form to try another code; the client never starts.
    function showError(message) {
      failed = true;
      document.body.classList.add("failed");
      console.error("yunyou: tour " + tourCode + ": " + message);
      $("tour-error-text").textContent = sentence(message);
      $("tour-error").hidden = false;
      $("tour-error-code").focus();
      progressKey = "stopped";
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
      const name = boot.name || params.get("name") || "";
      if (name) q.set("name", name);
      if (params.get("scale")) q.set("scale", params.get("scale"));
      if (params.get("lang")) q.set("lang", params.get("lang"));
      location.assign("?" + q.toString());
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
      if (typeof m.token === "string" && m.token && tourCode) {
        try { sessionStorage.setItem(GUIDE_KEY + tourCode, m.token); } catch (e) { /* leads until reloaded */ }
      }
      if (role === "guide" && m.role !== "guide") forgetToken();
      role = m.role || "";
      if (m.ended || m.removed) {
        showOver(m.ended ? "endedLead" : "removedLead", String(m.ended || m.removed));
        return;
      }
      // The group moved: follow it to the new scene.
      if (m.scene && sceneEntry && m.scene !== sceneEntry.id) {
        try { sessionStorage.setItem(MOVE_KEY + tourCode, m.scene); } catch (e) { /* arrives where the tour's address says */ }
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

    function forgetToken() {
      linkToken = "";
      try { sessionStorage.removeItem(GUIDE_KEY + tourCode); } catch (e) { /* nothing kept */ }
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
      if (guide) renderConsole();
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

    const press = (id, on) => $(id).setAttribute("aria-pressed", String(!!on));

    function renderConsole() {
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
      const here = sceneEntry ? sceneEntry.id : "";
      sync($("gc-scenes"), sceneList.map((s) => ({ id: s.id, title: pick(s.title).text || s.id })), (item) => {
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

    // translate re-says everything in the visitor's language.
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
      // Console.
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
      if (over) {
        $("tour-over-lead").textContent = t($("tour-over").dataset.lead || "endedLead");
        set("tour-over-home", "backToStart");
      }
      render();
    }

    // fillSceneMenu lists the scenes in the host dialog, in the visitor's
    // language, keeping the choice.
    function fillSceneMenu() {
      const menu = $("host-scene"), chosen = menu.value || (sceneEntry && sceneEntry.id) || "";
      menu.textContent = "";
      for (const s of sceneList) {
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
        nameIn.value = boot.name || saved;
      }
      if (!sceneList.length) {
        try {
          const list = await fetchJSON("the list of scenes", "api/scenes");
          sceneList = Array.isArray(list.scenes) ? list.scenes : [];
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
        res = await fetch("api/tours", {
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

    $("gc-toggle").addEventListener("click", () => fold(!$("gc-body").hidden));
    $("gc-follow").addEventListener("click", () => model && guideCmd("follow", { on: !model.follow }));
    $("gc-gather").addEventListener("click", () => guideCmd("gather"));
    $("gc-lock").addEventListener("click", () => model && guideCmd("lock", { on: !model.locked }));
    $("gc-chat").addEventListener("click", () => model && guideCmd("chat", { on: !!model.chatOff }));
    $("gc-spotlight").addEventListener("click", (e) => {
      const b = e.target.closest("button.gc-spot");
      if (b && model) guideCmd("spotlight", { hotspot: b.dataset.hotspot === model.spotlight ? "" : b.dataset.hotspot });
    });
    $("gc-spotlight-off").addEventListener("click", () => guideCmd("spotlight", { hotspot: "" }));
    $("gc-scenes").addEventListener("click", (e) => {
      const b = e.target.closest("button.gc-scene");
      if (b && !b.disabled) guideCmd("scene", { scene: b.dataset.scene });
    });
    $("gc-members").addEventListener("click", (e) => {
      const b = e.target.closest("button");
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
      const img = $("gc-qr"), show = img.hidden;
      if (show && !img.getAttribute("src")) img.src = qrURL((model && model.code) || tourCode);
      img.hidden = !show;
      $("gc-qr-toggle").setAttribute("aria-expanded", String(show));
    });
    $("gc-end").addEventListener("click", () => {
      if (window.confirm(t("confirmEnd"))) guideCmd("end");
    });

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
    return { begin, showError, translate, panelChanged, portal, active: () => !!info || !!model };
  })();

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
    tour.translate();
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
    if (e instanceof TourError) {
      tour.showError(e.message);
      return;
    }
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
