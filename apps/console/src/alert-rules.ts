// What the console decides from an alert and the signed-in user, mirroring the API's rules so a
// button the API would refuse is never offered (the API still decides: libs/alerts release-rules.ts).

export interface Me {
  id: string;
  roles: string[];
}

export interface AlertLike {
  msgType: 'Alert' | 'Update' | 'Cancel';
  status: 'Actual' | 'Exercise' | 'Test';
  state: string;
  drafter: { ref: string };
}

// Four eyes: the drafter never approves their own alert or Update; a Cancel is the one
// exception (it can only take a warning off the air).
export function canApprove(me: Me, a: AlertLike): boolean {
  // A draft may be released at once (the API records its drafter as the one who submitted it).
  if (!me.roles.includes('approver') || (a.state !== 'pending_approval' && a.state !== 'draft')) return false;
  return a.drafter.ref !== `user:${me.id}` || a.msgType === 'Cancel';
}

// An approver may send any pending alert of their territory back to draft, with a reason.
export function canReject(me: Me, a: AlertLike): boolean {
  return me.roles.includes('approver') && a.state === 'pending_approval';
}

export function canSubmit(me: Me, a: AlertLike): boolean {
  return me.roles.includes('operator') && a.state === 'draft';
}

export function isDrill(a: Pick<AlertLike, 'status'>): boolean {
  return a.status !== 'Actual';
}

// Percent of targeted cells on air, rounded down so 100 % means every cell, never 99.6 %.
export function percentOnAir(onAir: number, total: number): number {
  if (total <= 0) return 0;
  return Math.floor((onAir / total) * 100);
}

// The headline to show: the alert's in the console's language, else its first.
export function headlineOf(languages: Array<{ language: string; headline?: string; text: string }>, locale: string): string {
  const l = languages.find((x) => x.language.toLowerCase().startsWith(locale)) ?? languages[0];
  if (!l) return '';
  return l.headline ?? (l.text.length > 80 ? `${l.text.slice(0, 79)}…` : l.text);
}
