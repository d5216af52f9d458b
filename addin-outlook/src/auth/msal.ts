// The parts of MSAL the add-in uses: naa.ts imports this module on first use, and only these are bundled.
export { createNestablePublicClientApplication, InteractionRequiredAuthError } from '@azure/msal-browser';
