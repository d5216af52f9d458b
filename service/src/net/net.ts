import { createDnsClient, type DnsClient } from './dns.js';
import { createAddressGuard } from './guard.js';
import { createHttpsGet, type HttpsGet } from './https.js';
import { createStartTlsProbe, type ProbeStartTls } from './smtp-probe.js';

/** Everything a recipient lookup may ask the internet; take this, so tests can pass a fake. */
export interface Net {
  readonly dns: DnsClient;
  readonly httpsGet: HttpsGet;
  readonly probeStartTls: ProbeStartTls;
}

export interface NetOptions {
  /** `ip[:port]`; the system's resolvers when empty. */
  readonly dnsServers: readonly string[];
  readonly dnsTimeoutMs?: number;
  /** Default largest HTTPS body (`lookup.maxResponseBytes`). */
  readonly maxResponseBytes: number;
  /** Test-only (`lookup.testing`): reach local servers. Config refuses it in production. */
  readonly testing?: {
    readonly allowAddresses: readonly string[];
    readonly httpsPort?: number;
    readonly smtpPort?: number;
    readonly caPem?: string;
  };
}

export function createNet(options: NetOptions): Net {
  const { testing } = options;
  const dns = createDnsClient({ servers: options.dnsServers, timeoutMs: options.dnsTimeoutMs });
  const guard = createAddressGuard({ allow: testing?.allowAddresses });
  return {
    dns,
    httpsGet: createHttpsGet({ dns, guard, maxBytes: options.maxResponseBytes, port: testing?.httpsPort, caPem: testing?.caPem }),
    probeStartTls: createStartTlsProbe({ dns, guard, port: testing?.smtpPort, caPem: testing?.caPem }),
  };
}
