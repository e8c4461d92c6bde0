/* Faro console service worker: shows the notifications the worker sends (web push, RFC 8030)
   and opens the alert's console page when one is clicked. The payload holds no secret (kind,
   alert id, event, headline, territory, url); the page itself asks for a signed-in session. */
'use strict';

const TITLES = {
  'approval-needed': { it: 'Allerta in attesa di approvazione', en: 'Alert awaiting your approval' },
  released: { it: 'Allerta rilasciata', en: 'Alert released' },
  'on-air': { it: 'Allerta in onda ovunque', en: 'Alert fully on air' },
  'delivery-failures': { it: 'Consegne fallite oltre la soglia', en: 'Delivery failures above threshold' },
  cancelled: { it: 'Allerta annullata', en: 'Alert cancelled' },
};

function language() {
  const l = (self.navigator && self.navigator.language) || 'it';
  return l.toLowerCase().startsWith('it') ? 'it' : 'en';
}

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('push', (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch (e) {
    data = {};
  }
  const titles = TITLES[data.kind] || { it: 'Faro', en: 'Faro' };
  const lang = language();
  const exercise = data.status && data.status !== 'Actual' ? ` [${String(data.status).toUpperCase()}]` : '';
  const title = `${titles[lang]}${exercise}`;
  const body = [data.event, data.territory, data.headline].filter(Boolean).join(' · ');
  // Only same-origin paths are opened: the payload cannot send the user elsewhere.
  const url = typeof data.url === 'string' && data.url.startsWith('/') && !data.url.startsWith('//') ? data.url : '/';
  event.waitUntil(
    self.registration.showNotification(title, {
      body,
      // renotify needs a tag: a second notice of one alert replaces the first, and rings again.
      ...(data.alertId ? { tag: `${data.kind}:${data.alertId}`, renotify: data.kind === 'approval-needed' } : {}),
      requireInteraction: data.kind === 'approval-needed' || data.kind === 'delivery-failures',
      data: { url },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const target = new URL((event.notification.data && event.notification.data.url) || '/', self.location.origin).href;
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      for (const w of windows) {
        if (w.url === target && 'focus' in w) return w.focus();
      }
      return self.clients.openWindow(target);
    }),
  );
});
