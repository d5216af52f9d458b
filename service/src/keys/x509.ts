// @peculiar/x509 needs the reflect-metadata polyfill loaded before it, or it throws on import.
// Import x509 from here, never from '@peculiar/x509' directly.
import 'reflect-metadata';

export * as x509 from '@peculiar/x509';
