// kiosk-strings.js holds the words a gallery kiosk shows (kiosk.js), in
// the six languages of strings.js: the call to touch the screen, the
// controls a visitor uses, and the countdown back to the attract loop.
// {secs} is a number of seconds, {n} and {count} number the tour's stops.
export const KIOSK_STRINGS = {
  en: {
    touchToExplore: "Touch to explore",
    previousStop: "Previous",
    nextStop: "Next",
    stopOf: "Stop {n} of {count}",
    chooseLanguage: "Language",
    idleTitle: "Are you still there?",
    idleCountdown: "The tour starts again in {secs} s. Touch the screen to stay.",
  },
  zh: {
    touchToExplore: "触摸屏幕，开始探索",
    previousStop: "上一处",
    nextStop: "下一处",
    stopOf: "第 {n} 处，共 {count} 处",
    chooseLanguage: "语言",
    idleTitle: "还在看吗？",
    idleCountdown: "{secs} 秒后重新开始导览。触摸屏幕即可继续。",
  },
  fr: {
    touchToExplore: "Touchez pour explorer",
    previousStop: "Précédent",
    nextStop: "Suivant",
    stopOf: "Étape {n} sur {count}",
    chooseLanguage: "Langue",
    idleTitle: "Êtes-vous toujours là ?",
    idleCountdown: "La visite recommence dans {secs} s. Touchez l’écran pour rester.",
  },
  es: {
    touchToExplore: "Toca para explorar",
    previousStop: "Anterior",
    nextStop: "Siguiente",
    stopOf: "Parada {n} de {count}",
    chooseLanguage: "Idioma",
    idleTitle: "¿Sigues ahí?",
    idleCountdown: "La visita vuelve a empezar en {secs} s. Toca la pantalla para seguir.",
  },
  ru: {
    touchToExplore: "Коснитесь, чтобы начать",
    previousStop: "Назад",
    nextStop: "Далее",
    stopOf: "Остановка {n} из {count}",
    chooseLanguage: "Язык",
    idleTitle: "Вы ещё здесь?",
    idleCountdown: "Экскурсия начнётся заново через {secs} с. Коснитесь экрана, чтобы остаться.",
  },
  ar: {
    touchToExplore: "المس الشاشة للاستكشاف",
    previousStop: "السابق",
    nextStop: "التالي",
    stopOf: "المحطة {n} من {count}",
    chooseLanguage: "اللغة",
    idleTitle: "هل ما زلت هنا؟",
    idleCountdown: "ستبدأ الجولة من جديد خلال {secs} ث. المس الشاشة للبقاء.",
  },
};

// FLAGS shows each language with a flag beside its own name; the name is
// what a visitor reads, the flag only helps the eye find it.
export const FLAGS = { zh: "🇨🇳", en: "🇬🇧", fr: "🇫🇷", es: "🇪🇸", ru: "🇷🇺", ar: "🇸🇦" };
