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
  /**
   * `server`: a downstream server relaying its subtree's work (may hold
   * `relay` records); `upstream`: this server applying what its upstream
   * already accepted (no author or scope checks, it was checked there).
   */
  kind: 'person' | 'server' | 'upstream';
}

/** Hono environment of authenticated routes. */
export interface AuthEnv {
  Variables: { principal: Principal };
}
