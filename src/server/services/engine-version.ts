/** The engine identity a snapshot freezes; shared with the CLI (src/runtime/engine-identity.ts). */
export { computeEngineIdentity, engineIdentity, type TEngineIdentity } from "../../runtime/engine-identity.ts";
