/**
 * @module
 * Who is calling: the signed-in user (or downstream server) and the device,
 * as the access token says. Every pull, push and stream frame is authorized
 * against it.
 */

import type { Role } from '../../shared/schema/ticket-enums';

export interface Principal {
  userId: string;
  unitId: string;
  roles: Role[];
  deviceId: string;
  /** a downstream server relays its subtree's work and may hold `relay` records */
  kind: 'person' | 'server';
}

/** Hono environment of authenticated routes. */
export interface AuthEnv {
  Variables: { principal: Principal };
}
