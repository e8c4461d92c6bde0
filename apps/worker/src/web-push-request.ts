import webpush from 'web-push';
import type { PushDelivery, VapidKeys } from '@faro/persistence';

// One notification as the push service receives it (RFC 8030 §5): the payload encrypted to the
// browser's keys (RFC 8291, aes128gcm) and a VAPID JWT signed with the platform's key (RFC 8292),
// both made by web-push. web-push's own sender speaks https only; this one POSTs with fetch, which
// also bounds the wait.
export async function postWebPush(d: PushDelivery, vapid: VapidKeys, subject: string, timeoutMs = 10_000): Promise<{ status: number; body: string }> {
  const req = webpush.generateRequestDetails({ endpoint: d.endpoint, keys: { p256dh: d.p256dh, auth: d.auth } }, JSON.stringify(d.payload), {
    vapidDetails: { subject, publicKey: vapid.publicKey, privateKey: vapid.privateKey },
    // An approval waiting for a decision is worth waking a phone for (RFC 8030 §5.3).
    // A route down leaves alerts short of a way to the air: as urgent as a failure.
    urgency: d.kind === 'approval-needed' || d.kind === 'delivery-failures' || d.kind === 'route-down' ? 'high' : 'normal',
    TTL: 3600,
  });
  const headers: Record<string, string> = {};
  // fetch sets Content-Length from the body itself.
  for (const [k, v] of Object.entries(req.headers)) if (k.toLowerCase() !== 'content-length') headers[k] = String(v);
  const res = await fetch(req.endpoint, { method: 'POST', headers, body: req.body ?? undefined, redirect: 'error', signal: AbortSignal.timeout(timeoutMs) });
  const body = (await res.text()).slice(0, 200);
  return { status: res.status, body };
}
