// Every area's audit words (audit/<area>.ts, globbed: a new area adds its file and nothing else).
import { mergeAuditTerms, type AuditTerms } from './terms'

const files = import.meta.glob<AuditTerms>(['./*.ts', '!./index.ts', '!./terms.ts'], { eager: true, import: 'default' })

export const AUDIT_TERMS: Required<AuditTerms> = mergeAuditTerms(files)
