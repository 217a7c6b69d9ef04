/**
 * in-toto Attestation Framework Statement v1 (github.com/in-toto/attestation, spec/v1/statement.md):
 * the subjects are the snapshot's parts with their sha256 digests, the predicate says what the snapshot is.
 * Carried as the payload of a DSSE envelope with payloadType application/vnd.in-toto+json.
 */
import { z } from "zod";
import { HEX64 } from "./hash.ts";

export const IN_TOTO_STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
export const IN_TOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";

export const ZSubject = z.strictObject({
  name: z.string().min(1),
  digest: z.strictObject({ sha256: z.string().regex(HEX64) }),
});
export type TSubject = z.infer<typeof ZSubject>;

export function ZStatement<P extends z.ZodType>(predicateType: string, predicate: P) {
  return z.strictObject({
    _type: z.literal(IN_TOTO_STATEMENT_TYPE),
    subject: z.array(ZSubject).min(1),
    predicateType: z.literal(predicateType),
    predicate,
  });
}

export interface TStatement<P> {
  _type: typeof IN_TOTO_STATEMENT_TYPE;
  subject: TSubject[];
  predicateType: string;
  predicate: P;
}

export function buildStatement<P>(subjects: TSubject[], predicateType: string, predicate: P): TStatement<P> {
  return { _type: IN_TOTO_STATEMENT_TYPE, subject: subjects, predicateType, predicate };
}
