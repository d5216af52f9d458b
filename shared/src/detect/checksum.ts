/** Luhn mod-10 over a digit string (ISO/IEC 7812). */
export function luhn(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = digits.length - 1, double = false; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double && (d *= 2) > 9) d -= 9;
    sum += d;
  }
  return sum % 10 === 0;
}

/** CMS: an NPI is 10 digits starting 1 or 2 whose Luhn check runs over the prefix 80840. */
export function npiValid(npi: string): boolean {
  return /^[12]\d{9}$/.test(npi) && luhn(`80840${npi}`);
}

/** DEA: 2 letters + 7 digits; (d1+d3+d5) + 2(d2+d4+d6) ends in d7. */
export function deaValid(dea: string): boolean {
  const m = /^[ABCDEFGHJKLMPRSTUX][A-Z9](\d)(\d)(\d)(\d)(\d)(\d)(\d)$/i.exec(dea);
  if (!m) return false;
  const d = m.slice(1).map(Number);
  return (d[0]! + d[2]! + d[4]! + 2 * (d[1]! + d[3]! + d[5]!)) % 10 === d[6];
}
