/**
 * The pre-approved vendor-assessment answers sent to enterprise customers' procurement and security
 * contacts during a lockout. A versioned document approved ahead of time (legal, security): Herald
 * sends it as it stands and records which version went to whom, never edits it.
 */
import { z } from 'zod';
import type { EmailAttachment } from '../ports.ts';
import { sha256Hex } from './hash.ts';

export const vendorAssessmentSchema = z.object({
  /** The document's version, e.g. "2026.3"; recorded with every send. */
  version: z.string().trim().min(1).max(40),
  title: z.string().trim().min(1).max(200),
  /** Who approved this version, and when (ISO). */
  approvedBy: z.string().trim().min(1).max(200),
  approvedAt: z.iso.datetime({ offset: true }),
  answers: z
    .array(z.object({ question: z.string().trim().min(1).max(500), answer: z.string().trim().min(1).max(4000) }))
    .min(1),
});
export type VendorAssessment = z.infer<typeof vendorAssessmentSchema>;

/** The document as an attachment, and the SHA-256 of its exact text. */
export function vendorAssessmentAttachment(doc: VendorAssessment): { attachment: EmailAttachment; sha256: string } {
  const content = [
    `# ${doc.title}`,
    '',
    `Version ${doc.version}, approved by ${doc.approvedBy} on ${doc.approvedAt}.`,
    '',
    ...doc.answers.flatMap((a, i) => [`## ${i + 1}. ${a.question}`, '', a.answer, '']),
  ].join('\n');
  const filename = `vendor-assessment-v${doc.version.replace(/[^A-Za-z0-9._-]+/g, '-')}.md`;
  return { attachment: { filename, contentType: 'text/markdown', content }, sha256: sha256Hex(content) };
}
