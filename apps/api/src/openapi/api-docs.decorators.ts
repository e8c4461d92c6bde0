import { applyDecorators } from '@nestjs/common';
import { ApiExtension, ApiResponse } from '@nestjs/swagger';
import type { z } from 'zod';
import { PROBLEM_MEDIA_TYPE, problemResponse } from './problem-responses';
import { zodToOpenApi } from './zod-to-openapi';

// A success answer documented by the zod schema that describes it (converted by
// openapi-document.ts's standardSchemaConverter, like the request schemas).
export const ApiJson = (status: number, schema: z.ZodType, description = 'OK') => ApiResponse({ status, description, standardSchema: schema });

export const ApiNoContent = (description = 'Done; no content') => ApiResponse({ status: 204, description });

// The problems a route answers beyond those every route of its kind answers (openapi-document.ts
// adds 400/401/403/404/413/415/500 from what the route takes and whether it is public).
export const ApiProblems = (...statuses: number[]) =>
  applyDecorators(...statuses.map((status) => ApiResponse({ status, ...problemResponse(status) })));

export { PROBLEM_MEDIA_TYPE };

// A request body taken as several media types, each with its own schema (ApiBody knows one
// schema for all): openapi-document.ts turns the extension into the operation's requestBody.
export const REQUEST_CONTENT_EXTENSION = 'x-faro-request-content';
export const ApiRequestContent = (content: Record<string, { schema: object }>) => ApiExtension(REQUEST_CONTENT_EXTENSION, content);

// A route answering server-sent events: openapi-document.ts documents its 200 as
// text/event-stream with this schema for one event's data.
export const EVENT_STREAM_EXTENSION = 'x-faro-event-stream';
export const ApiEventStream = (eventData: z.ZodType) => ApiExtension(EVENT_STREAM_EXTENSION, zodToOpenApi(eventData, { schemaType: 'output' }));

export const CAP_XML_SCHEMA = { type: 'string', description: 'An OASIS CAP 1.2 <alert> document' };
