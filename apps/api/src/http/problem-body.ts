import { PROBLEM_TYPES, problemTypeUri } from './problem-types';

export interface CodedProblem {
  code: string;
  message: string;
  pointer?: string;
}

// The RFC 9457 body of a coded error; status is the table's unless the edge kept its own.
export function problemBody(coded: CodedProblem, instance: string | undefined, status?: number): Record<string, unknown> {
  const t = PROBLEM_TYPES[coded.code];
  const body: Record<string, unknown> = { type: problemTypeUri(coded.code), title: t.title, status: status ?? t.status, detail: coded.message, code: coded.code, instance };
  if (coded.pointer) body.pointer = coded.pointer;
  return body;
}
