import { defineLabelledIdRecognizer } from '../labelled.js';

export const healthPlanId = defineLabelledIdRecognizer({
  id: 'HEALTH_PLAN_MEMBER_ID',
  kind: 'HEALTH_PLAN_ID',
  labels: ['member id', 'member', 'subscriber id', 'subscriber', 'policy', 'policy id', 'group', 'insurance id', 'ins id', 'plan id', 'medicaid id', 'medicaid', 'medicare id', 'HICN', 'beneficiary id', 'beneficiary', 'enrollee id', 'ID'],
  priority: 18,
  why: 'number labelled as a health plan member or beneficiary id',
});
