import type { Prng } from './create-prng.ts';

/** A parcel carrier: how its tracking numbers look and where customers follow them. */
export interface DemoCarrier {
  name: string;
  trackingNumber(rng: Prng): string;
  trackingUrl(trackingNumber: string): string;
}

const digits = (rng: Prng, count: number) => Array.from({ length: count }, () => rng.int(0, 9)).join('');
const ALNUM = 'ABCDEFGHJKLMNPRSTUVWXY0123456789';
const alnum = (rng: Prng, count: number) => Array.from({ length: count }, () => rng.pick([...ALNUM])).join('');

/** The carriers the shop uses, with tracking numbers in each carrier's own format. */
export const DEMO_CARRIERS = {
  DHL: {
    name: 'DHL',
    trackingNumber: (rng) => `00340434${digits(rng, 12)}`,
    trackingUrl: (n) => `https://www.dhl.com/global-en/home/tracking/tracking-parcel.html?tracking-id=${n}`,
  },
  UPS: {
    name: 'UPS',
    trackingNumber: (rng) => `1Z${alnum(rng, 6)}${digits(rng, 10)}`,
    trackingUrl: (n) => `https://www.ups.com/track?tracknum=${n}`,
  },
  DPD: {
    name: 'DPD',
    trackingNumber: (rng) => `0150${digits(rng, 10)}`,
    trackingUrl: (n) => `https://tracking.dpd.de/status/en_US/parcel/${n}`,
  },
  GLS: {
    name: 'GLS',
    trackingNumber: (rng) => digits(rng, 11),
    trackingUrl: (n) => `https://gls-group.com/GROUP/en/parcel-tracking?match=${n}`,
  },
  PostNord: {
    name: 'PostNord',
    trackingNumber: (rng) => `UA${digits(rng, 9)}SE`,
    trackingUrl: (n) => `https://tracking.postnord.com/en/tracking?id=${n}`,
  },
  Bring: {
    name: 'Bring',
    trackingNumber: (rng) => `CR${digits(rng, 9)}NO`,
    trackingUrl: (n) => `https://tracking.bring.com/tracking/${n}`,
  },
} as const satisfies Record<string, DemoCarrier>;

export type CarrierName = keyof typeof DEMO_CARRIERS;

/** Which carriers deliver to a country, as a Hamburg-based shop would contract them. */
const CARRIERS_BY_COUNTRY: Record<string, readonly CarrierName[]> = {
  DE: ['DHL', 'DPD'],
  FR: ['UPS', 'DPD', 'DHL'],
  DK: ['PostNord'],
  SE: ['PostNord'],
  FI: ['PostNord'],
  NO: ['Bring', 'PostNord'],
  NL: ['DHL', 'UPS', 'GLS'],
  BE: ['DHL', 'GLS'],
};
const INTERNATIONAL: readonly CarrierName[] = ['DHL', 'UPS', 'GLS', 'DPD'];

/** Picks a plausible carrier for a destination country. */
export function pickCarrier(rng: Prng, country: string): DemoCarrier {
  return DEMO_CARRIERS[rng.pick(CARRIERS_BY_COUNTRY[country] ?? INTERNATIONAL)];
}

/** The carrier's sorting hub in the destination country, where the "arrived" scan happens. */
export function destinationHub(country: string): string {
  const hubs: Record<string, string> = {
    DE: 'Kassel',
    FR: 'Paris',
    DK: 'Taastrup',
    SE: 'Malmö',
    NO: 'Oslo',
    FI: 'Vantaa',
    NL: 'Utrecht',
    AT: 'Wien',
    BE: 'Bruxelles',
    ES: 'Madrid',
    IT: 'Milano',
    PL: 'Warszawa',
  };
  return `${hubs[country] ?? 'Frankfurt'}, ${country}`;
}
