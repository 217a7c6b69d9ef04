/** The OVN-Kubernetes ACL logging annotation value (`k8s.ovn.org/acl-logging`). */
import type { TMappingProfile } from "../profile/mapping-profile.ts";

export function aclLogging(profile: TMappingProfile, withPass: boolean): string {
  const levels: Record<string, string> = { deny: profile.logging.deny, allow: profile.logging.allow };
  if (withPass) levels.pass = profile.logging.pass;
  return JSON.stringify(levels);
}
