import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { incidentJsonSchema, PreviewDraft } from '@faro/alerts';
import type { Principal } from '@faro/identity';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Roles } from '../auth/roles.decorator';
import { DraftingPool } from '../drafting/drafting-pool';
import { ApiJson, ApiProblems } from '../openapi/api-docs.decorators';
import { draftPreviewSchema } from './draft-preview.schemas';

// The console's live preview (issue 10): the body is what POST /api/v1/incidents takes as JSON;
// it is read, checked against the territory and targeted in a drafting thread, like a draft.
@ApiTags('incidents')
@Controller('api/v1/drafts')
export class DraftsController {
  constructor(
    private readonly drafting: DraftingPool,
    private readonly previewDraft: PreviewDraft,
  ) {}

  @Post('preview')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({ summary: "Preview an unsaved incident: the cells per route, overshoot, population and each language's characters, alphabet and pages; nothing is stored" })
  @ApiJson(200, draftPreviewSchema)
  @ApiProblems(403, 422)
  async preview(@Body({ schema: incidentJsonSchema }) body: unknown, @CurrentPrincipal() principal: Principal) {
    const draft = await this.drafting.readJson(body, new Date(), 'faro-api');
    return this.previewDraft.run(draft, principal);
  }
}
