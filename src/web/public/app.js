// The web chat page: gets a Direct Line token from our own server (never a secret), keeps a
// random user id so the bot remembers the person's language, and follows the bot's language
// (right-to-left for Arabic, Persian and Pashto).
(async function main() {
  const picker = document.getElementById('language');
  const languages = await (await fetch('/api/languages')).json();
  const byCode = Object.fromEntries(languages.map((l) => [l.code, l]));
  const browser = (navigator.language || 'de').slice(0, 2);
  let current = byCode[localStorage.getItem('ip.language')] || byCode[browser] || byCode.de;

  for (const l of languages) {
    const option = document.createElement('option');
    option.value = l.code;
    option.textContent = l.endonym;
    option.lang = l.code;
    picker.appendChild(option);
  }

  const response = await fetch('/api/directline/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId: localStorage.getItem('ip.userId') || undefined, locale: current.code })
  });
  if (!response.ok) {
    document.getElementById('webchat').textContent = current.page.unavailable;
    return;
  }
  const { token, userId } = await response.json();
  localStorage.setItem('ip.userId', userId);

  const directLine = window.WebChat.createDirectLine({ token, domain: location.origin + '/v3/directline' });
  const store = window.WebChat.createStore({}, () => (next) => (action) => {
    // The bot labels each reply with the person's language and the page follows it. A topic
    // answer is labelled with the language of its text instead, which may be a fallback.
    if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') {
      const { from, locale, channelData } = action.payload.activity;
      const personal = from && from.role === 'bot' && !(channelData && channelData.topic);
      if (personal && byCode[locale] && locale !== current.code) setTimeout(() => show(byCode[locale]));
    }
    return next(action);
  });

  function show(lang) {
    current = lang;
    localStorage.setItem('ip.language', lang.code);
    picker.value = lang.code;
    document.documentElement.lang = lang.code;
    document.documentElement.dir = lang.rtl ? 'rtl' : 'ltr';
    document.title = lang.page.title;
    document.getElementById('title').textContent = lang.page.title;
    document.getElementById('language-label').textContent = lang.page.language;
    window.WebChat.renderWebChat(
      {
        directLine,
        store,
        locale: lang.code,
        dir: lang.rtl ? 'rtl' : 'ltr',
        styleOptions: {
          primaryFont: "'Noto Sans Ethiopic', 'Noto Naskh Arabic', system-ui, sans-serif",
          bubbleMaxWidth: 600,
          suggestedActionLayout: 'flow',
          hideUploadButton: true,
          sendBoxTextWrap: true
        },
        overrideLocalizedStrings: { TEXT_INPUT_PLACEHOLDER: lang.page.placeholder }
      },
      document.getElementById('webchat')
    );
  }

  picker.addEventListener('change', () => {
    const lang = byCode[picker.value];
    show(lang);
    store.dispatch({ type: 'WEB_CHAT/SEND_EVENT', payload: { name: 'setLanguage', value: lang.code } });
  });

  show(current);
})();
