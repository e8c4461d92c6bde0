import { errorCodes, type FastifyReply, type FastifyRequest } from 'fastify';
import { answerFrameworkError } from './framework-errors';

// What a reply was given: a small fake of the three FastifyReply calls the handler makes.
function answer(error: Parameters<typeof answerFrameworkError>[0], url: string) {
  const sent: { status?: number; headers: Record<string, string>; body?: any } = { headers: {} };
  const reply = {
    status(code: number) { sent.status = code; return reply; },
    header(name: string, value: string) { sent.headers[name] = value; return reply; },
    send(body: unknown) { sent.body = body; return reply; },
  };
  answerFrameworkError(error, { url } as FastifyRequest, reply as unknown as FastifyReply);
  return sent;
}

// Fastify's router refuses these before Nest sees the request; both were application/json with
// Fastify's own shape until the HTTP fuzz (test/http-fuzz.int-spec.ts) caught them.
describe('answerFrameworkError', () => {
  it('answers a path whose percent-encoding does not decode with a 400 problem', () => {
    const r = answer(new errorCodes.FST_ERR_BAD_URL('/api/v1/alerts/%E0%A4%A'), '/api/v1/alerts/%E0%A4%A');
    expect(r.status).toBe(400);
    expect(r.headers['content-type']).toBe('application/problem+json');
    expect(r.body).toMatchObject({ status: 400, code: 'http/bad-request', type: 'https://faro.example/problems/http-bad-request', instance: '/api/v1/alerts/%E0%A4%A' });
    expect(r.body.detail).toContain('is not a valid url component');
  });

  it('answers a path parameter over the length limit with a 414 problem', () => {
    const r = answer(new errorCodes.FST_ERR_MAX_PARAM_LENGTH('/api/v1/alerts/aaaa'), '/api/v1/alerts/aaaa');
    expect(r.status).toBe(414);
    expect(r.headers['content-type']).toBe('application/problem+json');
    expect(r.body).toMatchObject({ status: 414, code: 'http/client-error', title: 'Request refused' });
  });

  it('answers anything else it is handed as a 500 problem without internals', () => {
    const r = answer(new errorCodes.FST_ERR_ASYNC_CONSTRAINT(), '/x');
    expect(r.status).toBe(500);
    expect(r.body).toMatchObject({ status: 500, code: 'server/internal', detail: 'An unexpected error occurred' });
  });
});
