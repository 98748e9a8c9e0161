/**
 * The time zone of a mailing address, for people whose CRM record names none. A small table for
 * the countries Herald's regimes cover (the rule tables in workflows/domain/regulatory and the
 * country spellings in providers/countries.ts), not a world gazetteer: a country with one zone
 * maps to it; for the United States, Canada, Australia and Brazil the state or province decides,
 * and a state split between zones takes the zone most of its people live in (e.g. Indiana →
 * America/Indiana/Indianapolis, Florida → America/New_York). Zone names are IANA's, so the data
 * behind them (offsets, daylight saving) is Node's ICU copy of the time-zone database, kept up to
 * date with Node. Unknown countries and states give undefined: the caller falls back to the
 * organisation's zone.
 */

/** Countries with one zone (or one zone nearly everyone lives in), by ISO 3166-1 alpha-2. */
const COUNTRY_ZONES: Readonly<Record<string, string>> = {
  AT: 'Europe/Vienna',
  BE: 'Europe/Brussels',
  BG: 'Europe/Sofia',
  CH: 'Europe/Zurich',
  CY: 'Asia/Nicosia',
  CZ: 'Europe/Prague',
  DE: 'Europe/Berlin',
  DK: 'Europe/Copenhagen',
  EE: 'Europe/Tallinn',
  ES: 'Europe/Madrid',
  FI: 'Europe/Helsinki',
  FR: 'Europe/Paris',
  GB: 'Europe/London',
  GR: 'Europe/Athens',
  HR: 'Europe/Zagreb',
  HU: 'Europe/Budapest',
  IE: 'Europe/Dublin',
  IN: 'Asia/Kolkata',
  IS: 'Atlantic/Reykjavik',
  IT: 'Europe/Rome',
  LI: 'Europe/Vaduz',
  LT: 'Europe/Vilnius',
  LU: 'Europe/Luxembourg',
  LV: 'Europe/Riga',
  MT: 'Europe/Malta',
  NL: 'Europe/Amsterdam',
  NO: 'Europe/Oslo',
  PL: 'Europe/Warsaw',
  PT: 'Europe/Lisbon',
  RO: 'Europe/Bucharest',
  SE: 'Europe/Stockholm',
  SG: 'Asia/Singapore',
  SI: 'Europe/Ljubljana',
  SK: 'Europe/Bratislava',
  // Most people; US, CA, AU and BR are refined by state below.
  US: 'America/New_York',
  CA: 'America/Toronto',
  AU: 'Australia/Sydney',
  BR: 'America/Sao_Paulo',
};

const US = (zone: string, states: string): Record<string, string> =>
  Object.fromEntries(states.split(' ').map((s) => [s, zone]));

/** State or province (postal abbreviation) → zone, per country. */
const STATE_ZONES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  US: {
    ...US('America/New_York', 'CT DC DE FL GA MA MD ME MI NC NH NJ NY OH PA RI SC VA VT WV'),
    ...US('America/Kentucky/Louisville', 'KY'),
    ...US('America/Indiana/Indianapolis', 'IN'),
    ...US('America/Chicago', 'AL AR IA IL KS LA MN MO MS ND NE OK SD TN TX WI'),
    ...US('America/Denver', 'CO MT NM UT WY'),
    ...US('America/Boise', 'ID'),
    ...US('America/Phoenix', 'AZ'),
    ...US('America/Los_Angeles', 'CA NV OR WA'),
    ...US('America/Anchorage', 'AK'),
    ...US('Pacific/Honolulu', 'HI'),
    ...US('America/Puerto_Rico', 'PR'),
    ...US('America/St_Thomas', 'VI'),
    ...US('Pacific/Guam', 'GU MP'),
    ...US('Pacific/Pago_Pago', 'AS'),
  },
  CA: {
    ...US('America/Vancouver', 'BC YT'),
    ...US('America/Edmonton', 'AB NT'),
    ...US('America/Regina', 'SK'),
    ...US('America/Winnipeg', 'MB'),
    ...US('America/Toronto', 'ON QC NU'),
    ...US('America/Halifax', 'NS NB PE'),
    ...US('America/St_Johns', 'NL'),
  },
  AU: {
    ...US('Australia/Sydney', 'NSW ACT'),
    ...US('Australia/Melbourne', 'VIC'),
    ...US('Australia/Brisbane', 'QLD'),
    ...US('Australia/Adelaide', 'SA'),
    ...US('Australia/Perth', 'WA'),
    ...US('Australia/Hobart', 'TAS'),
    ...US('Australia/Darwin', 'NT'),
  },
  BR: {
    ...US('America/Manaus', 'AM RR RO'),
    ...US('America/Cuiaba', 'MT MS'),
    ...US('America/Rio_Branco', 'AC'),
    ...US('America/Belem', 'PA AP'),
    ...US('America/Fortaleza', 'CE RN PB PI MA'),
    ...US('America/Recife', 'PE'),
    ...US('America/Bahia', 'BA'),
    ...US('America/Maceio', 'AL SE'),
    ...US('America/Araguaina', 'TO'),
    ...US('America/Sao_Paulo', 'SP RJ MG ES PR SC RS GO DF'),
  },
};

/** Full state names CRMs hold instead of the abbreviation (only where a country's zones differ). */
const STATE_NAMES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  US: {
    alabama: 'AL',
    alaska: 'AK',
    arizona: 'AZ',
    arkansas: 'AR',
    california: 'CA',
    colorado: 'CO',
    connecticut: 'CT',
    delaware: 'DE',
    'district of columbia': 'DC',
    florida: 'FL',
    georgia: 'GA',
    hawaii: 'HI',
    idaho: 'ID',
    illinois: 'IL',
    indiana: 'IN',
    iowa: 'IA',
    kansas: 'KS',
    kentucky: 'KY',
    louisiana: 'LA',
    maine: 'ME',
    maryland: 'MD',
    massachusetts: 'MA',
    michigan: 'MI',
    minnesota: 'MN',
    mississippi: 'MS',
    missouri: 'MO',
    montana: 'MT',
    nebraska: 'NE',
    nevada: 'NV',
    'new hampshire': 'NH',
    'new jersey': 'NJ',
    'new mexico': 'NM',
    'new york': 'NY',
    'north carolina': 'NC',
    'north dakota': 'ND',
    ohio: 'OH',
    oklahoma: 'OK',
    oregon: 'OR',
    pennsylvania: 'PA',
    'rhode island': 'RI',
    'south carolina': 'SC',
    'south dakota': 'SD',
    tennessee: 'TN',
    texas: 'TX',
    utah: 'UT',
    vermont: 'VT',
    virginia: 'VA',
    washington: 'WA',
    'west virginia': 'WV',
    wisconsin: 'WI',
    wyoming: 'WY',
    'puerto rico': 'PR',
  },
  CA: {
    'british columbia': 'BC',
    alberta: 'AB',
    saskatchewan: 'SK',
    manitoba: 'MB',
    ontario: 'ON',
    quebec: 'QC',
    'nova scotia': 'NS',
    'new brunswick': 'NB',
    'prince edward island': 'PE',
    'newfoundland and labrador': 'NL',
    yukon: 'YT',
    'northwest territories': 'NT',
    nunavut: 'NU',
  },
  AU: {
    'new south wales': 'NSW',
    'australian capital territory': 'ACT',
    victoria: 'VIC',
    queensland: 'QLD',
    'south australia': 'SA',
    'western australia': 'WA',
    tasmania: 'TAS',
    'northern territory': 'NT',
  },
};

function stateCode(country: string, state: string): string {
  const folded = state
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\./g, '')
    .trim()
    .toLowerCase();
  return STATE_NAMES[country]?.[folded] ?? folded.toUpperCase();
}

/**
 * The zone of an address in `country` (ISO alpha-2) and `state` (abbreviation or name), or
 * undefined when the table does not know the country.
 */
export function zoneOfPlace(country: string | undefined, state: string | undefined): string | undefined {
  if (country === undefined) return undefined;
  const code = country.trim().toUpperCase();
  const byState = state === undefined || state.trim() === '' ? undefined : STATE_ZONES[code]?.[stateCode(code, state)];
  return byState ?? COUNTRY_ZONES[code];
}
