import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SqlSigningKeys } from '@faro/persistence';
import { Public } from '../auth/public.decorator';
import { ApiJson } from '../openapi/api-docs.decorators';
import { jwksSchema } from './key.schemas';

@ApiTags('keys')
@Public()
@Controller('.well-known/faro')
export class KeysController {
  constructor(private readonly keys: SqlSigningKeys) {}

  @Get('keys')
  @Header('cache-control', 'public, max-age=300')
  @ApiOperation({ summary: 'Broadcast signing keys as a JWKS (OKP Ed25519, kid = key id in hex)' })
  @ApiJson(200, jwksSchema)
  async jwks() {
    return this.keys.publicJwks();
  }
}
