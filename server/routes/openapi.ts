/**
 * @module
 * The HTTP API as OpenAPI 3.1, generated from the same zod schemas the routes
 * validate with, so the document cannot drift from what the server accepts.
 */

import { z } from 'zod';
import {
  COLLECTIONS,
  EDGE_REASONS,
  MAX_PULL_LIMIT,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  PullQuerySchema,
  PushRowSchema,
} from '../../shared/protocol';
import { ERROR_REASONS } from '../errors';
import { LoginBodySchema, TokenBodySchema } from './auth';

const json = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });

const ErrorSchema = z.object({
  error: z.object({
    reason: z.enum(Object.keys(ERROR_REASONS) as [string, ...string[]]),
    message: z.object({ zh: z.string(), en: z.string() }),
    detail: z.string().optional(),
  }),
});

const RejectionSchema = z.object({
  id: z.string(),
  eventId: z.string().optional(),
  reason: z.enum(Object.keys(EDGE_REASONS) as [string, ...string[]]),
  message: z.object({ zh: z.string(), en: z.string() }),
});

const PushResponseSchema = z.object({
  conflicts: z.array(z.record(z.string(), z.unknown())),
  rejected: z.array(RejectionSchema),
  serverTime: z.number(),
});

const PullResponseSchema = z.object({
  documents: z.array(z.record(z.string(), z.unknown())),
  checkpoint: z.object({ seq: z.number().int() }),
});

const errors = {
  '400': {
    description: 'Malformed request',
    content: { 'application/json': { schema: json(ErrorSchema) } },
  },
  '401': {
    description: 'Not signed in',
    content: { 'application/json': { schema: json(ErrorSchema) } },
  },
  '413': {
    description: 'Too large',
    content: { 'application/json': { schema: json(ErrorSchema) } },
  },
};

const bearer = [{ bearer: [] }];
const collectionParam = {
  name: 'collection',
  in: 'path',
  required: true,
  schema: { type: 'string', enum: [...COLLECTIONS] },
};

export function openApiDocument() {
  const pullQuery = json(PullQuerySchema) as { properties: Record<string, unknown> };
  return {
    openapi: '3.1.0',
    info: {
      title: '连心 Lianxin sync server',
      version: String(PROTOCOL_VERSION),
      description: `Replication protocol v${PROTOCOL_VERSION}. Pushes carry the \`${PROTOCOL_HEADER}\` header; pulls return at most ${MAX_PULL_LIMIT} documents.`,
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
    paths: {
      '/api/health': {
        get: { summary: 'Liveness and storage', responses: { '200': { description: 'OK' } } },
      },
      '/api/v1/auth/login': {
        post: {
          summary: 'Sign in (registers the device on first login)',
          requestBody: { content: { 'application/json': { schema: json(LoginBodySchema) } } },
          responses: { '200': { description: 'Access and refresh tokens' }, ...errors },
        },
      },
      '/api/v1/auth/refresh': {
        post: {
          summary: 'Rotate the refresh token',
          requestBody: { content: { 'application/json': { schema: json(TokenBodySchema) } } },
          responses: { '200': { description: 'New tokens' }, ...errors },
        },
      },
      '/api/v1/auth/logout': {
        post: {
          summary: 'End the session family',
          requestBody: { content: { 'application/json': { schema: json(TokenBodySchema) } } },
          responses: { '200': { description: 'OK' } },
        },
      },
      '/api/v1/replication/{collection}/pull': {
        get: {
          summary: 'Documents changed after a checkpoint, visible to the caller',
          security: bearer,
          parameters: [
            collectionParam,
            ...Object.entries(pullQuery.properties).map(([name, schema]) => ({
              name,
              in: 'query',
              schema,
            })),
          ],
          responses: {
            '200': {
              description: 'A page',
              content: { 'application/json': { schema: json(PullResponseSchema) } },
            },
            ...errors,
          },
        },
      },
      '/api/v1/replication/{collection}/push': {
        post: {
          summary: 'New document states, one JSON row per line (NDJSON)',
          security: bearer,
          parameters: [collectionParam],
          requestBody: { content: { 'application/x-ndjson': { schema: json(PushRowSchema) } } },
          responses: {
            '200': {
              description: 'Conflicts and refusals',
              content: { 'application/json': { schema: json(PushResponseSchema) } },
            },
            ...errors,
          },
        },
      },
      '/api/v1/replication/import/tickets': {
        post: {
          summary: 'Administrator’s bulk import of historical tickets (NDJSON)',
          security: bearer,
          requestBody: { content: { 'application/x-ndjson': { schema: json(PushRowSchema) } } },
          responses: { '200': { description: 'Conflicts and refusals' }, ...errors },
        },
      },
      '/api/v1/replication/stream': {
        get: {
          summary: 'WebSocket: frames that wake pulls ({type:"changed",collection,seq})',
          security: bearer,
          responses: { '101': { description: 'Switching protocols' } },
        },
      },
    },
  };
}
