import { Controller, Get, Header, Param, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PublicCapFeed, type PublishedDocument } from '@faro/alerts';
import { keyIdHex, signDetachedJws } from '@faro/broadcast-security';
import { SqlSigningKeys } from '@faro/persistence';
import { Public } from '../auth/public.decorator';
import { HttpEdgeError } from '../http/http-error';
import { ApiProblems, CAP_XML_SCHEMA } from '../openapi/api-docs.decorators';
import { entityTag, httpDate, isNotModified } from './conditional-get';

// The detached JWS of a served body (RFC 7515 Appendix F), as Open Banking APIs send theirs.
export const JWS_HEADER = 'x-jws-signature';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SIGNATURE_HEADER_DOC = { [JWS_HEADER]: { description: 'Detached EdDSA JWS of the body (RFC 7515 Appendix F); kid names a key of /.well-known/faro/keys', schema: { type: 'string' } } };

// The public CAP feed (issue 13): no credential, cacheable, rate-limited per client address.
@ApiTags('public feed')
@Public()
@UseGuards(ThrottlerGuard)
@Controller('public/cap')
export class PublicCapFeedController {
  constructor(
    private readonly feed: PublicCapFeed,
    private readonly keys: SqlSigningKeys,
  ) {}

  @Get('alerts.atom')
  @Header('cache-control', 'public, max-age=60')
  @ApiOperation({ summary: 'Atom index of every public Actual alert, Update and Cancel on air or off air for less than 24 h' })
  @ApiProduces('application/atom+xml')
  @ApiResponse({ status: 200, description: 'An RFC 4287 Atom feed; each entry links to its CAP 1.2 document', content: { 'application/atom+xml': { schema: { type: 'string', description: 'An Atom <feed>' } } }, headers: SIGNATURE_HEADER_DOC })
  @ApiResponse({ status: 304, description: 'Not modified since the If-None-Match or If-Modified-Since the client sent' })
  @ApiProblems(429)
  async index(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    await this.serve(req, reply, await this.feed.index(), 'application/atom+xml');
  }

  @Get('alerts/:id.xml')
  @Header('cache-control', 'public, max-age=60')
  @ApiOperation({ summary: 'One public alert as a CAP 1.2 document (Updates and Cancels name what they replace in <references>)' })
  @ApiParam({ name: 'id', description: 'The alert id (UUID) an entry of the feed links to' })
  @ApiProduces('application/cap+xml')
  @ApiResponse({ status: 200, description: 'A CAP 1.2 <alert>', content: { 'application/cap+xml': { schema: CAP_XML_SCHEMA } }, headers: SIGNATURE_HEADER_DOC })
  @ApiResponse({ status: 304, description: 'Not modified since the If-None-Match or If-Modified-Since the client sent' })
  @ApiProblems(429)
  async document(@Param('id') id: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const doc = UUID.test(id) ? await this.feed.document(id) : null;
    if (!doc) throw new HttpEdgeError('http/not-found', 'No public alert with this id is in the feed');
    await this.serve(req, reply, doc, 'application/cap+xml');
  }

  private async serve(req: FastifyRequest, reply: FastifyReply, doc: PublishedDocument, mediaType: string): Promise<void> {
    const key = await this.keys.active();
    const etag = entityTag(doc.xml, keyIdHex(key.keyId));
    void reply.header('etag', etag);
    if (doc.lastModified) void reply.header('last-modified', httpDate(doc.lastModified));
    if (isNotModified(req.headers as Record<string, string | undefined>, { etag, lastModified: doc.lastModified })) {
      void reply.status(304).send();
      return;
    }
    const body = Buffer.from(doc.xml, 'utf8');
    void reply
      .header('content-type', `${mediaType}; charset=utf-8`)
      .header(JWS_HEADER, signDetachedJws(new Uint8Array(body), key, mediaType))
      .status(200)
      .send(body);
  }
}
