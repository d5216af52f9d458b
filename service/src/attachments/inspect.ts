import { countKinds, scan as defaultScan, type Attachment, type Kind, type OrgProfile, type Scanner } from '@phiguard/core';
import type { Extraction, ExtractedPart, Uninspectable } from '@phiguard/attachments';

/** The Draft schema's limit on attachment names and content types. */
const MAX_NAME_LENGTH = 255;

export type KindCounts = Partial<Record<Kind, number>>;

/** What the scan found in one extracted part, counted by kind: where, never what. */
export interface PartFindings {
  /** Index into `parts`. */
  readonly part: number;
  readonly name: string;
  readonly page?: number;
  readonly kinds: KindCounts;
}

/** Names are cut to the Draft schema's 255 characters, so every part can go into a draft as it is. */
export interface Inspection {
  readonly parts: readonly ExtractedPart[];
  readonly uninspectable: readonly Uninspectable[];
  /** Parts with at least one finding, in part order. */
  readonly findings: readonly PartFindings[];
  /** Every part's findings counted by kind: all an audit event keeps. */
  readonly phiKinds: KindCounts;
}

/**
 * Extracted attachments as the core scans them: one draft attachment per part (so a finding's
 * index names the file and page), then one per file that could not be inspected.
 */
export function toDraftAttachments(extraction: Pick<Extraction, 'parts' | 'uninspectable'>): Attachment[] {
  return [
    ...extraction.parts.map((p) => ({
      name: clip(p.name),
      ...(p.contentType === undefined ? {} : { contentType: clip(p.contentType) }),
      ...(p.page === undefined ? {} : { page: p.page }),
      text: p.text,
    })),
    ...extraction.uninspectable.map((u) => ({ name: clip(u.name), uninspectable: u.reason })),
  ];
}

/** The extractions together, with the core's scan over their parts (the organisation's own details not counted). */
export function inspect(extractions: readonly Extraction[], options: { org?: OrgProfile; scan?: Scanner['scan'] } = {}): Inspection {
  const parts = extractions.flatMap((e) => e.parts).map((p) => ({ ...p, name: clip(p.name) }));
  const uninspectable = extractions.flatMap((e) => e.uninspectable).map((u) => ({ ...u, name: clip(u.name) }));
  const result = (options.scan ?? defaultScan)({
    attachments: toDraftAttachments({ parts, uninspectable: [] }),
    ...(options.org === undefined ? {} : { org: options.org }),
  });
  const findings = parts.flatMap((p, part): PartFindings[] => {
    const mine = result.findings.filter((f) => f.field === 'attachment' && f.attachment === part);
    if (mine.length === 0) return [];
    return [{ part, name: p.name, ...(p.page === undefined ? {} : { page: p.page }), kinds: countKinds(mine) }];
  });
  return { parts, uninspectable, findings, phiKinds: countKinds(result.findings) };
}

function clip(text: string): string {
  return text.slice(0, MAX_NAME_LENGTH);
}
