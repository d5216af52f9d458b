import { z } from 'zod';

/** What a rule or a decision asks for, weakest first: the order is the strictness order. */
export const ACTIONS = ['allow', 'warn', 'encrypt', 'block'] as const;
export const ActionSchema = z.enum(ACTIONS);
export type Action = z.infer<typeof ActionSchema>;

/** Rules about the subject or the recipient's identity: encryption cannot satisfy them. */
export const CheckActionSchema = z.enum(['allow', 'warn', 'block']);
export type CheckAction = z.infer<typeof CheckActionSchema>;

const rank = (a: Action) => ACTIONS.indexOf(a);

export function isStricter(a: Action, b: Action): boolean {
  return rank(a) > rank(b);
}

export function strictest(actions: Iterable<Action>): Action {
  let out: Action = 'allow';
  for (const a of actions) if (rank(a) > rank(out)) out = a;
  return out;
}
