import type { DemoAddress, DemoCustomer } from './demo-data-types.ts';

const DAY_MS = 86_400_000;

/** Addresses the demo customers live at: spread over the countries the shop ships to. */
const ADDRESSES: readonly DemoAddress[] = [
  { line1: '12 Rue des Capucins', postalCode: '69001', city: 'Lyon', country: 'FR' },
  { line1: 'Nørrebrogade 45, 2. tv', postalCode: '2200', city: 'København N', country: 'DK' },
  { line1: 'Schanzenstraße 8', postalCode: '20357', city: 'Hamburg', country: 'DE' },
  { line1: 'Götgatan 22', postalCode: '118 46', city: 'Stockholm', country: 'SE' },
  { line1: 'Thorvald Meyers gate 31', postalCode: '0555', city: 'Oslo', country: 'NO' },
  { line1: 'Prinsengracht 263', postalCode: '1016 GV', city: 'Amsterdam', country: 'NL' },
  { line1: 'Mannerheimintie 14', postalCode: '00100', city: 'Helsinki', country: 'FI' },
  { line1: 'Mariahilfer Straße 77', postalCode: '1060', city: 'Wien', country: 'AT' },
  { line1: 'Rue Haute 101', postalCode: '1000', city: 'Bruxelles', country: 'BE' },
  { line1: 'Calle de Alcalá 120', postalCode: '28009', city: 'Madrid', country: 'ES' },
  { line1: 'Via Torino 40', postalCode: '20123', city: 'Milano', country: 'IT' },
  { line1: 'ul. Marszałkowska 84', postalCode: '00-514', city: 'Warszawa', country: 'PL' },
  { line1: 'Leopoldstraße 51', postalCode: '80802', city: 'München', country: 'DE' },
  { line1: 'Kungsgatan 9', postalCode: '411 19', city: 'Göteborg', country: 'SE' },
];

/** Names of everyone besides the two demo customers the scenarios are written around. */
const OTHER_NAMES = [
  'Clara Schmidt',
  'Erik Lindqvist',
  'Ingrid Hansen',
  'Lukas Bauer',
  'Sofia Rossi',
  'Mateo García',
  'Emma de Vries',
  'Noah Peeters',
  'Aino Virtanen',
  'Jakub Nowak',
  'Léa Dubois',
  'Oskar Nilsson',
  'Maja Kowalska',
  'Felix Wagner',
  'Nora Berg',
  'Hugo Laurent',
  'Elsa Johansson',
  'Liam Murphy',
  'Chiara Bianchi',
  'Jonas Fischer',
  'Freya Andersen',
  'Pablo Fernández',
  'Saskia Jansen',
  'Mikko Korhonen',
  'Zofia Wiśniewska',
  'Anton Gruber',
  'Ida Solberg',
  'Tomás Silva',
];

/**
 * The demo customers. `cust_alice` (Alice Martin, Lyon) and `cust_bob` (Bob Jensen, Copenhagen) are the
 * ones demos sign in as; the rest give the database the volume of a small real shop.
 */
export function buildDemoCustomers(now: Date): DemoCustomer[] {
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY_MS);
  const alice: DemoCustomer = {
    id: 'cust_alice',
    name: 'Alice Martin',
    email: 'alice.martin@example.com',
    address: address(0),
    createdAt: at(400),
  };
  const bob: DemoCustomer = {
    id: 'cust_bob',
    name: 'Bob Jensen',
    email: 'bob.jensen@example.com',
    address: address(1),
    createdAt: at(380),
  };
  const others = OTHER_NAMES.map((name, index): DemoCustomer => {
    const [first = name, last = ''] = name.split(' ');
    const slug = (text: string) =>
      text
        .normalize('NFKD')
        .replace(/[^A-Za-z]/g, '')
        .toLowerCase();
    return {
      id: `cust_${slug(first)}_${slug(last)}`,
      name,
      email: `${slug(first)}.${slug(last)}@example.com`,
      address: address(index + 2),
      createdAt: at(370 - index * 7),
    };
  });
  return [alice, bob, ...others];
}

function address(index: number): DemoAddress {
  const found = ADDRESSES[index % ADDRESSES.length];
  if (!found) throw new RangeError('no demo addresses');
  return found;
}
