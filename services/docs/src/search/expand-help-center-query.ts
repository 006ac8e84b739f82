/**
 * Customers' words for what the help center calls otherwise. Each entry adds the help center's words to a
 * query that contains the customer's: general shop vocabulary (cities → their country, "send back" →
 * return, "a person" → contact), never rules for particular questions. Applied to help-center queries only,
 * so the generic ranking (measured on SciFact) is untouched.
 */
const EXPANSIONS: [RegExp, string][] = [
  [/\b(oslo|bergen|trondheim|stavanger|troms[øo])\b/i, 'norway'],
  [/\b(stockholm|gothenburg|g[öo]teborg|malm[öo])\b/i, 'sweden'],
  [/\b(copenhagen|aarhus)\b/i, 'denmark'],
  [/\b(helsinki|tampere)\b/i, 'finland'],
  [/\b(z[üu]rich|geneva|gen[èe]ve|basel|bern)\b/i, 'switzerland'],
  [/\b(london|manchester|edinburgh|glasgow|britain|england|scotland)\b/i, 'united kingdom uk'],
  [/\b(berlin|munich|m[üu]nchen|hamburg|vienna|wien)\b/i, 'germany austria'],
  [/\b(paris|lyon|marseille)\b/i, 'france'],
  [/\b(amsterdam|rotterdam|brussels|antwerp|luxembourg)\b/i, 'netherlands belgium'],
  [/\bsend (it |them |this |stuff |something )?back\b|\bbring (it |them )?back\b|\bgive (it |them )?back\b/i, 'return'],
  [/\b(present|birthday|christmas)\b/i, 'gift'],
  [/\b(human|person|someone|somebody|agent|phone|call|ring|speak|talk)\b/i, 'contact customer support'],
  [/\b(kid|kids|child|children|son|daughter|toddler|\d{1,2}[ -]?(year|yr)s?[ -]?old)\b/i, 'kids children size'],
  [/\b(outlet|clearance|discounted|reduced)\b/i, 'final sale'],
  [/\b(fix|mend|broken|zip|zipper)\b/i, 'repair'],
  [
    /\b(parcel|package|stuff|things)\b.*\b(arrive|get|gets|come|comes|take|takes)\b|\bhow long\b.*\b(get|arrive|take)\b/i,
    'delivery time',
  ],
  [/\bhasn'?t moved|\bstuck\b|\bnot arrived\b|\bnever arrived\b|\bmissing\b/i, 'delayed lost parcel'],
  [/\b(collect|pick ?up|locker)\b/i, 'pickup point parcel locker'],
  [/\b(club|team|group|company|bulk)\b/i, 'business group orders'],
  [/\bwhere'?s my order\b|\bwhere is my order\b/i, 'track order tracking'],
  [/\b(delete|erase|remove) (my )?(account|data|details)\b/i, 'delete account gdpr'],
];

/** The query with the help center's words added where the customer used their own. */
export function expandHelpCenterQuery(query: string): string {
  const added = EXPANSIONS.filter(([pattern]) => pattern.test(query)).map(([, words]) => words);
  return added.length ? `${query} ${added.join(' ')}` : query;
}
