import type { Recognizer } from '../recognizer.js';
import { account, paymentCard } from './account.js';
import { address } from './address.js';
import { age } from './age.js';
import { biometric } from './biometric.js';
import { care } from './care.js';
import { code } from './code.js';
import { condition } from './condition.js';
import { date } from './date.js';
import { device } from './device.js';
import { email } from './email.js';
import { fax } from './fax.js';
import { healthPlanId } from './health-plan-id.js';
import { ip } from './ip.js';
import { lab } from './lab.js';
import { dea, driverLicense, npi } from './license.js';
import { mbi } from './mbi.js';
import { medication } from './medication.js';
import { mrn } from './mrn.js';
import { name } from './name.js';
import { otherId } from './other-id.js';
import { phone } from './phone.js';
import { procedure } from './procedure.js';
import { ssn } from './ssn.js';
import { url } from './url.js';
import { licensePlate, vin } from './vehicle.js';

/** The default recognizers. Order does not matter: overlaps are settled by priority and score. */
export function defaultRecognizers(): Recognizer[] {
  return [
    ssn, mbi, healthPlanId, mrn, account, paymentCard, otherId, driverLicense, dea, npi, licensePlate, vin, device, biometric,
    phone, fax, email, url, ip, date, age, address,
    name,
    condition, medication, procedure, lab, care, code,
  ];
}
