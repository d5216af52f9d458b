import { describe, expect, it } from '@jest/globals';
import { DEFAULT_POLICY, parsePolicy, type Policy, type PolicyInput } from '@phiguard/core';
import { HEALTH_TERMS_LIMIT } from './detectors.js';
import { SOURCES, gmailDlpInstructions } from './instructions.js';
import { planGmailDlp } from './rules.js';

const SERVICE_URL = 'https://secure.clinic.example.org';

function policyOf(input: PolicyInput): Policy {
  const result = parsePolicy(input);
  if (!result.ok) throw new Error('bad test policy');
  return result.policy;
}

/** The lines of the section under `heading`, up to the next heading of the same level. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n${heading}\n`);
  if (start < 0) return '';
  const level = heading.split(' ')[0]!;
  const next = markdown.indexOf(`\n${level} `, start + heading.length + 1);
  return markdown.slice(start, next < 0 ? undefined : next);
}

describe('gmailDlpInstructions', () => {
  const plan = planGmailDlp(DEFAULT_POLICY, { serviceUrl: SERVICE_URL });
  const markdown = gmailDlpInstructions(plan);

  it('gives numbered Admin console steps for each rule, with its conditions, action and message to the sender', () => {
    plan.rules.forEach((rule, i) => {
      const steps = section(markdown, `### Rule ${i + 1}: ${rule.name}`);
      expect(steps).toContain('1. In the Admin console go to Menu > Security > Access and data control > Data protection');
      expect(steps).toContain('trigger "Message sent"');
      expect(steps).toContain(`6. Action: **${rule.action === 'block' ? 'Block message' : 'Warn users'}**`);
      expect(steps).toContain(`> ${rule.userMessage}`);
      expect(steps).toContain(rule.description);
    });
  });

  it('gives every custom detector the rules need, with its regular expression or words verbatim', () => {
    const step1 = section(markdown, '## Step 1: Create the custom detectors');
    for (const d of plan.detectors) {
      if (d.type === 'regex' && d.use !== 'not_in_rules') expect(step1).toContain(`  ${d.regex}\n`);
      if (d.type === 'word_list') expect(step1).toContain(`  ${d.words.join(', ')}\n`);
      if (d.type === 'predefined' && d.use !== 'not_in_rules') expect(step1).toContain(`| \`${d.infoType}\` |`);
    }
  });

  it('states the word-list cap and the rule size limits it comes from', () => {
    expect(markdown).toContain(`capped at ${HEALTH_TERMS_LIMIT} on purpose`);
    expect(markdown).toContain(`1.5 KB once compiled`);
    expect(markdown).toContain(SOURCES.limits);
  });

  it('is honest about the portal exception: a pasted link passes too, and only PHI Guard mail reaches its audit log', () => {
    const exception = section(markdown, "## The exception for PHI Guard's portal notices");
    expect(exception).toContain(`${SERVICE_URL}/portal/m/`);
    expect(exception).toContain('Anyone who pastes a portal link');
    expect(exception).toContain("reaches PHI Guard's audit log only if it was sent through PHI Guard");
    expect(exception).toContain('X-PHI-Guard-Notice: portal');
  });

  it('explains that there is no exception when no service URL was given', () => {
    const exception = section(gmailDlpInstructions(planGmailDlp(DEFAULT_POLICY)), "## The exception for PHI Guard's portal notices");
    expect(exception).toContain('No service URL was given');
    expect(exception).not.toContain('/portal/m/');
  });

  it("names the organisation's domains as the inside of 'outside recipients'", () => {
    const text = gmailDlpInstructions(planGmailDlp(policyOf({ organisation: { name: 'Lakeside Clinic', domains: ['lakeside.example'] } })));
    expect(text.split('\n')[0]).toBe('# PHI Guard: Gmail DLP rules for Lakeside Clinic');
    expect(text).toContain('recipients outside lakeside.example');
    expect(text).toContain('so this rule also checks mail between your own domains');
  });

  it('lists what the rules cannot do', () => {
    const limits = section(markdown, '## What these rules do not do');
    for (const n of plan.notEnforced) expect(limits).toContain(`\`${n.situation}\` (${n.action})`);
    expect(limits).toContain('`US_HEALTHCARE_NPI` is not used');
    expect(limits).toContain('`PHI_GUARD_PHOTO` is defined but not in the rules');
  });

  it('gives the content compliance fallback for the blocking rules, and says the warn rule has none', () => {
    const fallback = section(markdown, '## Without DLP for Gmail: content compliance');
    expect(fallback).toContain('### Settings for "PHI Guard: patient information to outside recipients"');
    expect(fallback).toContain('### Settings for "PHI Guard: patient identifier in the subject"');
    expect(fallback).not.toContain('### Settings for "PHI Guard: patient identifiers to outside recipients"');
    expect(fallback).toContain('"PHI Guard: patient identifiers to outside recipients" has no equivalent');
    for (const { regex } of plan.contentCompliance.regexes) expect(fallback).toContain(`  ${regex}\n`);
  });

  it('shows the coverage of every kind', () => {
    const table = section(markdown, '## What each kind of PHI maps to');
    for (const { kind } of plan.coverage) expect(table).toContain(`| ${kind} |`);
  });

  it('has nothing to set up when the policy allows everything the rules could check', () => {
    const everything = planGmailDlp(
      policyOf({ rules: { phi_external: 'allow', phi_in_attachment: 'allow', identifiers_only: 'allow', phi_in_subject: 'allow' } }),
    );
    const text = gmailDlpInstructions(everything);
    expect(text).toContain('The policy allows everything these rules could check');
    expect(text).not.toContain('### Rule 1');
    expect(text).toContain('No rule blocks, so there is nothing to set up here.');
  });

  it('is deterministic', () => {
    expect(gmailDlpInstructions(planGmailDlp(DEFAULT_POLICY, { serviceUrl: SERVICE_URL }))).toBe(markdown);
  });
});
