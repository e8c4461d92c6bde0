// CAP 1.2 §3.2.1 identifier and sender: "MUST NOT include spaces, commas or restricted
// characters (< and &)". Any XML whitespace counts as a space: a tab would split a
// <references> entry just the same.
const FORBIDDEN = /[ \t\r\n,<&]/;

// Returns why the text cannot be a CAP identifier or sender, or undefined when it can.
export function capIdentifierProblem(text: string): string | undefined {
  if (text === '') return 'is empty';
  const bad = FORBIDDEN.exec(text)?.[0];
  if (bad === undefined) return undefined;
  const name = bad === ',' ? 'a comma' : bad === '<' || bad === '&' ? `'${bad}'` : 'whitespace';
  return `'${text}' contains ${name} (CAP 1.2 §3.2.1: no spaces, commas, '<' or '&')`;
}
