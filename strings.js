// strings.js says everything the page shows in the visitor's language:
// the table of interface strings in the six languages of the United
// Nations, the visitor's choice among them, t() to fill in a string and
// pick() to choose among a scene's own texts.
import { TOUR_STRINGS } from "./tour-strings.js";

// Every string the page shows comes from this table; {name}-style
// fields are filled in by t(). The scene's own texts (titles, hotspots,
// portal labels) come with the scene, in the same languages.
export const LANGUAGES = ["zh", "en", "fr", "es", "ru", "ar"];
export const LANGUAGE_NAMES = { zh: "中文", en: "English", fr: "Français", es: "Español", ru: "Русский", ar: "العربية" };
export const RTL = new Set(["ar"]);
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

// lang is the visitor's language, one of LANGUAGES; setLang changes it.
export let lang = chooseLanguage();

// setLang makes l (one of LANGUAGES) the visitor's language and remembers
// it for their next visit.
export function setLang(l) {
  lang = l;
  try { localStorage.setItem(LANG_KEY, lang); } catch (e) { /* kept for this page only */ }
}

// t returns the interface string key in the visitor's language, with
// {field}s filled in from fields.
export function t(key, fields) {
  const s = (STRINGS[lang] && STRINGS[lang][key]) || STRINGS.en[key] || key;
  return fields ? s.replace(/\{(\w+)\}/g, (m, f) => (f in fields ? String(fields[f]) : m)) : s;
}

// known says whether key is an interface string (the client names its
// notices and statuses by key).
export const known = (key) => !!STRINGS.en[key];

// pick chooses a scene text (a map from language to text) for the
// visitor: their language, else English, else the first there is. It
// returns the text and the language it is in.
export function pick(m) {
  if (!m || typeof m !== "object") return { text: "", lang: "" };
  if (m[lang]) return { text: m[lang], lang };
  if (m.en) return { text: m.en, lang: "en" };
  const first = Object.keys(m).find((k) => m[k]);
  return first ? { text: m[first], lang: first } : { text: "", lang: "" };
}
