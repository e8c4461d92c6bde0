import { useEffect, useRef, useState } from 'react';
import { api, ApiProblem } from '../api';
import { incidentBody, type DraftContent } from './draft-body';
import type { DraftPreviewAnswer } from './draft-preview';

const PREVIEW_DEBOUNCE_MS = 400;

export interface DraftPreviewState {
  answer: DraftPreviewAnswer | null;
  refusal: string | null;
  busy: boolean;
}

// The live preview of a draft (New alert, and an Update on the Alert detail): asked of the API
// (POST /api/v1/drafts/preview) once the author pauses; an answer to an older draft is dropped.
export function useDraftPreview(content: DraftContent): DraftPreviewState {
  const [preview, setPreview] = useState<DraftPreviewState>({ answer: null, refusal: null, busy: false });
  // Everything the preview depends on; the expiry is left out (a fresh one each time).
  const key = JSON.stringify({ ...content, expiresInHours: 0 });
  const asked = useRef(0);
  useEffect(() => {
    if (content.areas.length === 0 || content.texts.length === 0) {
      setPreview({ answer: null, refusal: null, busy: false });
      return;
    }
    const n = ++asked.current;
    setPreview((p) => ({ ...p, busy: true }));
    const timer = setTimeout(() => {
      api<DraftPreviewAnswer>('/api/v1/drafts/preview', { method: 'POST', body: incidentBody(content, new Date()) }).then(
        (answer) => n === asked.current && setPreview({ answer, refusal: null, busy: false }),
        (e: unknown) => n === asked.current && setPreview({ answer: null, refusal: e instanceof ApiProblem ? e.message : String(e), busy: false }),
      );
    }, PREVIEW_DEBOUNCE_MS);
    return () => clearTimeout(timer);
    // key holds everything the preview depends on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return preview;
}
