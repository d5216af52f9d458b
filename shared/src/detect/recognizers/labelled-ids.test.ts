import { describe, expect, it } from '@jest/globals';
import { reported } from '../testing.js';
import { account, paymentCard } from './account.js';
import { device } from './device.js';
import { healthPlanId } from './health-plan-id.js';
import { mbi } from './mbi.js';
import { mrn } from './mrn.js';
import { otherId } from './other-id.js';
import { licensePlate, vin } from './vehicle.js';

describe('MEDICAL_RECORD_NUMBER', () => {
  it.each([
    ['MRN with digits', 'MRN 30417782 came back', ['30417782']],
    ['MR# with letters', 'MR# ABC-118274', ['ABC-118274']],
    ['chart #', 'her chart # is QX-20931 if needed', ['QX-20931']],
    ['patient ID with colon', 'patient ID: LW-0093318,', ['LW-0093318']],
  ])('accepts %s', (_l, text, expected) => expect(reported(mrn, text)).toEqual(expected));

  it.each([
    ['label with no number', 'check the MRN before sending'],
    ['a word that merely starts with the label', 'the charter 2024 plan'],
    ['one digit only', 'chart A1 is missing'],
    ['label inside another word', 'submrn 1234567'],
  ])('rejects %s', (_l, text) => expect(reported(mrn, text)).toEqual([]));
});

describe('HEALTH_PLAN_MEMBER_ID and US_MBI', () => {
  it.each([
    [healthPlanId, 'member ID', '(member ID XQZ507731248, DOB', ['XQZ507731248']],
    [healthPlanId, 'subscriber ID', 'subscriber ID NDB55820417,', ['NDB55820417']],
    [mbi, 'MBI with dashes', 'MBI: 1EG4-TE5-MK73', ['1EG4-TE5-MK73']],
    [mbi, 'MBI printed without dashes, Medicare context', 'Medicare card shows 1EG4TE5MK73', ['1EG4TE5MK73']],
  ])('accepts %s', (r, _l, text, expected) => expect(reported(r, text)).toEqual(expected));

  it.each([
    [healthPlanId, 'ID verification with no number', 'ID verification done'],
    [mbi, 'MBI shape using a forbidden letter (S)', 'MBI 1SG4-TE5-MK73'],
    [mbi, 'MBI shape starting with 0', 'MBI 0EG4-TE5-MK73'],
    [mbi, 'wrong length', 'MBI 1EG4-TE5-MK7'],
  ])('rejects %s', (r, _l, text) => expect(reported(r, text)).toEqual([]));
});

describe('ACCOUNT_NUMBER and CREDIT_CARD', () => {
  it.each([
    [account, 'guarantor account', 'balance on guarantor account 60048213 ($4,812)', ['60048213']],
    [account, 'card ending in', 'the card on file ending in 2209 was charged', ['2209']],
    [paymentCard, 'Luhn-valid card', 'card 4111 1111 1111 1111 declined', ['4111 1111 1111 1111']],
  ])('accepts %s', (r, _l, text, expected) => expect(reported(r, text)).toEqual(expected));

  it.each([
    [account, 'account with no number', 'your account is up to date'],
    [paymentCard, 'card number failing Luhn', 'card 4111 1111 1111 1112 declined'],
    [paymentCard, 'too short', 'card 4111 1111 11'],
  ])('rejects %s', (r, _l, text) => expect(reported(r, text)).toEqual([]));
});

describe('OTHER_REFERENCE_NUMBER, DEVICE_SERIAL, vehicles', () => {
  it.each([
    [otherId, 'Rx number', 'Rx 6120447 - held', ['6120447']],
    [otherId, 'claim number with dashes', 'claim number 2025-0409-337812.', ['2025-0409-337812']],
    [otherId, 'accession', 'Accession: CR25-1104-08816', ['CR25-1104-08816']],
    [device, 'device serial', 'CRT-D (serial RBX602118H) logged', ['RBX602118H']],
    [licensePlate, 'plate', 'for NY plate HRT-5820 is', ['HRT-5820']],
    [vin, 'VIN', 'VIN 1HGCM82633A004352 on the claim', ['1HGCM82633A004352']],
  ])('accepts %s', (r, _l, text, expected) => expect(reported(r, text)).toEqual(expected));

  it.each([
    [otherId, 'a label glued to a hostname', 'rxdisp-db-01 is down'],
    [otherId, 'a claim word with no number', 'the claim was denied'],
    [device, 'serial with no number', 'serial ports are closed'],
    [vin, 'VIN shape with a forbidden letter O', 'VIN 1HGCM82633O004352'],
    [vin, 'letters only', 'ABCDEFGHJKLMNPRST'],
  ])('rejects %s', (r, _l, text) => expect(reported(r, text)).toEqual([]));
});
