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
  'route-down': { it: 'Rotta di trasmissione non raggiungibile', en: 'Uplink route unreachable' },
  'route-up': { it: 'Rotta di trasmissione di nuovo raggiungibile', en: 'Uplink route reachable again' },
};

function timeOf(iso, lang) {
  const d = iso ? new Date(iso) : null;
  return d && !isNaN(d.getTime()) ? d.toLocaleTimeString(lang === 'it' ? 'it-IT' : 'en-GB', { hour: '2-digit', minute: '2-digit' }) : '';
}

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
  // A route's notice names its gateway and since when (payload kind route-down / route-up).
  const body = data.gatewayId
    ? [data.gatewayId, data.since ? `${lang === 'it' ? 'da' : 'since'} ${timeOf(data.since, lang)}` : ''].filter(Boolean).join(' · ')
    : [data.event, data.territory, data.headline].filter(Boolean).join(' · ');
  // Only same-origin paths are opened: the payload cannot send the user elsewhere.
  const url = typeof data.url === 'string' && data.url.startsWith('/') && !data.url.startsWith('//') ? data.url : '/';
  event.waitUntil(
    self.registration.showNotification(title, {
      body,
      // renotify needs a tag: a second notice of one alert replaces the first, and rings again.
      ...(data.alertId ? { tag: `${data.kind}:${data.alertId}`, renotify: data.kind === 'approval-needed' } : {}),
      // A route's coming back replaces its going down.
      ...(data.gatewayId ? { tag: `route:${data.gatewayId}`, renotify: true } : {}),
      requireInteraction: data.kind === 'approval-needed' || data.kind === 'delivery-failures' || data.kind === 'route-down',
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
