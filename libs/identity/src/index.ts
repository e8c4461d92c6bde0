export { actorRef, hasRole, ROLES, SYSTEM_PRINCIPAL } from './principal';
export type { Principal, Role } from './principal';
